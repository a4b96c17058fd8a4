/**
 * One play of tasks applied by the engine to one simulated host, with what
 * the controller sent (session inputs that run something) and the events:
 * for module tests that judge by the host's files and by the second run
 * sending nothing.
 */
import type { RunOptions } from '../../src/engine/run.js';
import type { RunEvent } from '../../src/report/events.js';
import type { SimHost } from '../../src/sim/host.js';
import { SimTransport } from '../../src/sim/transport.js';
import { runEngine, runsSomething, tapTransport, taskEvents } from '../engine/engine-harness.js';

export interface ModuleRun {
  tasks: ReturnType<typeof taskEvents>;
  /** Session inputs and apply scripts that ran something on the host. */
  sent: string[];
  /** Everything the host printed (facts included). */
  received: string;
  rounds: number | undefined;
  events: RunEvent[];
}

export async function applyTasks(sim: SimHost, tasks: unknown[], options: Partial<RunOptions> = {}): Promise<ModuleRun> {
  const sent: string[] = [];
  let received = '';
  const connector = {
    connect: async () =>
      tapTransport(
        new SimTransport(sim),
        (text, kind) => {
          if (kind === 'input' && runsSomething(text)) sent.push(text);
        },
        (r) => (received += r.stdout),
      ),
  };
  const { events } = await runEngine([{ name: 'p', hosts: 'all', tasks }], [sim.name], connector, options);
  const end = events.find((e): e is Extract<RunEvent, { type: 'host_end' }> => e.type === 'host_end');
  return { tasks: taskEvents(events), sent, received, rounds: end?.rounds, events };
}
