/**
 * The reference workload (bench/jailfleet-workload.yml) through runPlaybook
 * in-process, with any Connector and no output (but each host's rounds):
 * what bench:scale, bench:sim and the smoke test run.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlaybook, type Connector, type RunSummary } from '../src/engine/run.js';
import type { Inventory } from '../src/inventory/types.js';
import { moduleRegistry } from '../src/modules/registry.js';
import { loadPlaybook } from '../src/playbook/load-playbook.js';
import type { Playbook } from '../src/playbook/types.js';
import { validatePlaybook } from '../src/playbook/validate.js';
import type { RunEvent } from '../src/report/events.js';
import { workloadInventory } from './fleet-inventory.js';

/** bench/ in the sources, whether this runs as bench/*.ts or dist-bench/bench/*.js. */
export const BENCH_DIR = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes('/dist-bench/') ? join(here, '..', '..', 'bench') : here;
})();

export function loadWorkload(file = join(BENCH_DIR, 'jailfleet-workload.yml')): Playbook {
  const playbook = loadPlaybook(file, moduleRegistry);
  const errors = validatePlaybook(playbook, workloadInventory(2), moduleRegistry);
  if (errors.length) throw new Error(errors.map((e) => e.message).join('\n'));
  return playbook;
}

/** A run's summary, and per host the rounds it was waited for (host_end, summed over plays). */
export interface WorkloadRun extends RunSummary {
  rounds: Record<string, number>;
}

export async function runWorkload(playbook: Playbook, inventory: Inventory, connector: Connector, forks: number): Promise<WorkloadRun> {
  const rounds: Record<string, number> = {};
  const summary = await runPlaybook({
    playbook,
    inventory,
    check: false,
    tags: { only: [], skip: [] },
    forks,
    modules: moduleRegistry,
    connector,
    sink: {
      emit: (e: RunEvent) => {
        if (e.type === 'host_end') rounds[e.host] = (rounds[e.host] ?? 0) + e.rounds;
      },
    },
    extraVars: { playbook_dir: dirname(playbook.file) },
  });
  return { ...summary, rounds };
}

/** Mean rounds per host of a run (1: every host converged or checked in one round). */
export function meanRounds(run: WorkloadRun): number {
  const counts = Object.values(run.rounds);
  return counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : Number.NaN;
}
