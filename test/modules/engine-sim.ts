/**
 * One play of tasks run by the engine on a simulated host, as `apply` (or
 * `check`) runs it: the task events, and the session inputs that ran
 * something — a converged host gets none, so a second run that sends no
 * mutating command shows as `sent: []`.
 */
import { stringify } from 'yaml';
import { parsePlaybook } from '../../src/playbook/load-playbook.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import type { SimHost } from '../../src/sim/host.js';
import { SimTransport } from '../../src/sim/transport.js';
import { runEngine, runsSomething, tapTransport, taskEvents } from '../engine/engine-harness.js';

export async function runOn(sim: SimHost, tasks: unknown[], check = false) {
  const sent: string[] = [];
  const connector = { connect: async () => tapTransport(new SimTransport(sim), (text, kind) => void (kind === 'input' && runsSomething(text) && sent.push(text))) };
  const { events } = await runEngine([{ hosts: 'all', tasks }], ['h1'], connector, { check });
  return { tasks: taskEvents(events), sent };
}

/** The playbook parser's verdict on one task (InputError for bad arguments). */
export function parseTask(task: unknown): unknown {
  return parsePlaybook(stringify([{ hosts: 'all', tasks: [task] }]), 'site.yml', moduleRegistry);
}

/** The host's state without what moves on every exec (clock, pid counter). */
export function stateOf(sim: SimHost): unknown {
  const { clock: _c, nextPid: _p, ...rest } = structuredClone(sim.state) as unknown as Record<string, unknown>;
  return rest;
}
