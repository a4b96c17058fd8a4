/**
 * The fault matrix's runner (issue 12): a run whose connection drops after
 * its k-th command, for every k, then a clean rerun that must end where a
 * clean converge ends (the drift matrix's comparison), with no file left
 * behind, and a run after it that changes nothing.
 *
 * A drop does not stop the host: the session ignores HUP and PIPE and runs
 * its round to the end (src/sim/host.ts, Executor.hangUp), so many drop
 * points leave the very same host. The rerun is the expensive part; it runs
 * once per distinct host state a drop left (its fingerprint), and every
 * drop point is checked against the verdict for its state.
 */
import { expect } from 'vitest';
import type { Inventory } from '../../src/inventory/types.js';
import type { Playbook } from '../../src/playbook/types.js';
import { SimHost } from '../../src/sim/host.js';
import type { SimTransportFaults } from '../../src/sim/transport.js';
import type { SimState } from '../../src/sim/types.js';
import { cloneState } from '../helpers/clone-state.js';
import { stateFingerprint } from '../helpers/state-fingerprint.js';
import { runOn, snapshot, snapshotDiff, unordered, type Snapshot } from './drift-host.js';

export interface FaultScene {
  host: string;
  playbook: Playbook;
  inventory: Inventory;
  /** The host before the run that is cut. */
  start: SimState;
  /** Files compared beyond the drift matrix's fixed list. */
  extraFiles: string[];
  /** What a rerun must end at: the clean converge's snapshot and its set of paths. */
  want: Snapshot;
  wantPaths: string[];
}

/** The commands of the uncut run, in the order dropAfterCommands counts them: drop point k comes right after commands[k - 1]. */
export async function commandsOf(scene: Pick<FaultScene, 'host' | 'playbook' | 'inventory' | 'start'>): Promise<string[]> {
  const sim = new SimHost(scene.host, cloneState(scene.start));
  const commands: string[] = [];
  sim.trace = (argv) => commands.push(argv.join(' '));
  const run = await runOn(sim, scene.host, scene.playbook, scene.inventory);
  expect(run.unreachable).toEqual([]);
  expect(run.statuses.filter(([, s]) => s === 'failed')).toEqual([]);
  return commands;
}

/** A drop point's name: where the connection goes. */
export function dropPointName(commands: string[], k: number): string {
  if (k === 0) return 'drop before the first command';
  const cmd = commands[k - 1]!;
  return `drop after command ${k}/${commands.length}: ${cmd.length > 90 ? `${cmd.slice(0, 87)}...` : cmd}`;
}

/** Verdicts per host state a cut run left: the problems found rerunning from it (none: it converges cleanly). */
export class FaultVerdicts {
  private readonly verdicts = new Map<string, Promise<string[]>>();
  /** Distinct states whose rerun was checked. */
  get reruns(): number {
    return this.verdicts.size;
  }

  constructor(private readonly scene: FaultScene) {}

  /** Cut the run after `k` commands; the problems a clean rerun from there shows (empty: none). */
  async dropAt(k: number): Promise<string[]> {
    return (await this.cut({ dropAfterCommands: k })).problems;
  }

  /** The run with `faults` on its connection: the host it left (its fingerprint), and the problems a clean rerun from there shows. */
  async cut(faults: SimTransportFaults): Promise<{ host: string; lost: boolean; problems: string[] }> {
    const { scene } = this;
    const sim = new SimHost(scene.host, cloneState(scene.start));
    const cut = await runOn(sim, scene.host, scene.playbook, scene.inventory, faults);
    const lost = cut.unreachable.length > 0;
    const host = stateFingerprint(scene.start, sim.state);
    // A drop after the controller sent its end line loses nothing it waits for: that run reports no loss, and must have succeeded.
    const failed = cut.statuses.filter(([, s]) => s === 'failed');
    if (!lost && failed.length) return { host, lost, problems: [`a run that lost nothing failed: ${JSON.stringify(failed)}`] };
    let verdict = this.verdicts.get(host);
    if (!verdict) {
      verdict = this.rerun(sim);
      this.verdicts.set(host, verdict);
    }
    return { host, lost, problems: await verdict };
  }

  private async rerun(sim: SimHost): Promise<string[]> {
    const { scene } = this;
    const problems: string[] = [];
    const rerun = await runOn(sim, scene.host, scene.playbook, scene.inventory);
    const failed = rerun.tasks.filter((t) => t.status === 'failed');
    if (failed.length) problems.push(`the rerun failed: ${JSON.stringify(failed.map((t) => [t.task, t.message]))}`);
    if (rerun.unreachable.length) problems.push(`the rerun lost the host: ${rerun.unreachable.join('; ')}`);
    problems.push(...snapshotDiff(unordered(snapshot(sim, scene.extraFiles)), unordered(scene.want)));
    const paths = Object.keys(sim.state.fs).sort();
    const wanted = new Set(scene.wantPaths);
    const extra = paths.filter((p) => !wanted.has(p));
    if (extra.length) problems.push(`left behind (not on a clean converge): ${extra.join(', ')}`);
    const have = new Set(paths);
    const missing = scene.wantPaths.filter((p) => !have.has(p));
    if (missing.length) problems.push(`missing (on a clean converge): ${missing.join(', ')}`);
    const again = await runOn(sim, scene.host, scene.playbook, scene.inventory);
    const changed = again.tasks.filter((t) => t.status !== 'ok').map((t) => [t.task, t.status, t.message]);
    if (changed.length) problems.push(`the run after the rerun is not a no-change run: ${JSON.stringify(changed)}`);
    if (JSON.stringify(again.ends) !== JSON.stringify(scene.playbook.plays.map(() => ({ channels: 1, rounds: 1 })))) {
      problems.push(`the run after the rerun took ${JSON.stringify(again.ends)}`);
    }
    return problems;
  }
}
