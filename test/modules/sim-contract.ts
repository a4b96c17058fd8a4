/**
 * The module contract on one simulated host, through the engine: a check
 * run (reports, changes nothing), an apply (with its diffs), and a second
 * apply, for which every text the controller sent is kept, so a test can
 * assert that it ran nothing (no session input with steps).
 */
import type { RunEvent } from '../../src/report/events.js';
import type { SimHost } from '../../src/sim/host.js';
import { SimTransport } from '../../src/sim/transport.js';
import { runEngine, runsSomething, taskEvents, tapTransport } from '../engine/engine-harness.js';

type TaskEvent = Extract<RunEvent, { type: 'task' }>;

export interface ContractRuns {
  check: TaskEvent[];
  apply: TaskEvent[];
  again: TaskEvent[];
  /** Session inputs of the second apply that ran something (steps or a flush): none when converged. */
  sentAgain: string[];
}

/** Runs `tasks` on `sim` in check mode, then for real, then again. `between` runs after the check run. */
export async function checkApplyAgain(sim: SimHost, tasks: unknown[], between: () => void = () => undefined): Promise<ContractRuns> {
  const sent: string[] = [];
  let recording = false;
  const connector = {
    connect: async () =>
      tapTransport(new SimTransport(sim), (text, kind) => {
        if (recording && kind === 'input' && runsSomething(text)) sent.push(text);
      }),
  };
  const play = [{ name: 'p', hosts: 'all', tasks }];
  const check = taskEvents((await runEngine(play, ['h1'], connector, { check: true })).events);
  between();
  const apply = taskEvents((await runEngine(play, ['h1'], connector)).events);
  recording = true;
  const again = taskEvents((await runEngine(play, ['h1'], connector)).events);
  return { check, apply, again, sentAgain: sent };
}

/** [task, status] pairs: what a run reported, in order. */
export const statuses = (events: TaskEvent[]): Array<[string, string]> => events.map((e) => [e.task, e.status]);
