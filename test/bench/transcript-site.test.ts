/**
 * bench:scale's transcript on sessions of several rounds: playbooks/site.yml
 * (what bench:sim runs) needs more than one apply round per converging host.
 * Replay, with this process's nonce and a new run id, must walk the same
 * rounds and report the same outcome as the recorded simulator runs.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import { loadPlaybook } from '../../src/playbook/load-playbook.js';
import { cloneInventory } from '../../bench/fleet-inventory.js';
import { simFleet } from '../../bench/sim-fleet.js';
import { RecordingTransport, ReplayTransport, TranscriptBook } from '../../bench/transcript-transport.js';
import { BENCH_DIR, runWorkload, type WorkloadRun } from '../../bench/workload.js';

const REPO = join(BENCH_DIR, '..');

/** What replay must reproduce of a run: per host its outcome counts and rounds. */
const outcome = (run: WorkloadRun) => ({ hosts: run.hosts, rounds: run.rounds });

describe('transcript of multi-round sessions (playbooks/site.yml)', () => {
  it('replays the converging and the no-change run round by round', async () => {
    const playbook = loadPlaybook(join(REPO, 'playbooks', 'site.yml'), moduleRegistry);
    const inventory = cloneInventory(loadInventory(join(REPO, 'inventory', 'sim.yml')), 4);
    const book = new TranscriptBook();
    const fleet = simFleet({ wrap: (t) => new RecordingTransport(t, book) });
    const recorded = [await runWorkload(playbook, inventory, fleet.connector, 4), await runWorkload(playbook, inventory, fleet.connector, 4)];
    expect(Math.max(...Object.values(recorded[0]!.rounds))).toBeGreaterThan(2);
    expect(Object.values(recorded[1]!.rounds).every((n) => n === 1)).toBe(true);

    const replayed = TranscriptBook.fromJSON(JSON.parse(JSON.stringify(book)) as Parameters<typeof TranscriptBook.fromJSON>[0]);
    const connector = { connect: async (h: { name: string }) => new ReplayTransport(h.name, replayed) };
    expect(outcome(await runWorkload(playbook, inventory, connector, 4))).toEqual(outcome(recorded[0]!));
    expect(outcome(await runWorkload(playbook, inventory, connector, 4))).toEqual(outcome(recorded[1]!));
  });
});
