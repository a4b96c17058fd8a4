/**
 * Runs the engine directly (no CLI) on simulated hosts: playbook and
 * inventory from YAML text, a connector over given SimHosts, every event
 * collected. Adds a "flaky" module whose step fails until it ran once.
 */
import { z } from 'zod';
import { stringify } from 'yaml';
import { parseInventory } from '../../src/inventory/load-inventory.js';
import { parsePlaybook } from '../../src/playbook/load-playbook.js';
import { moduleRegistry, type ModuleRegistry } from '../../src/modules/registry.js';
import { quote } from '../../src/shell/quote.js';
import type { ModuleDef } from '../../src/modules/types.js';
import type { RunEvent } from '../../src/report/events.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import { SimTransport, type SimTransportFaults } from '../../src/sim/transport.js';
import { runPlaybook, type Connector, type RunOptions, type RunSummary } from '../../src/engine/run.js';
import type { ExecResult, Transport } from '../../src/transport/transport.js';

/** Fails (exit 3) the first time on a host, succeeds afterwards: a step worth retrying. */
const flakyModule: ModuleDef<{ marker: string }> = {
  name: 'flaky',
  schema: z.strictObject({ marker: z.string() }),
  facts: () => [],
  plan: (args) => ({
    changed: true,
    message: 'poke',
    steps: [{ title: 'poke', command: `test -f ${quote(args.marker)} || { touch ${quote(args.marker)}; echo 'not yet' >&2; exit 3; }` }],
    diffs: [],
    updates: [],
  }),
};

export const testModules: ModuleRegistry = {
  get: (name) => (name === 'flaky' ? flakyModule : moduleRegistry.get(name)),
  names: () => [...moduleRegistry.names(), 'flaky'],
};

export function simHost(name: string, i = 0): SimHost {
  return new SimHost(name, freshHostState({ hostname: name, address: `192.0.2.${10 + i}` }));
}

export function simConnector(hosts: Map<string, SimHost>, faults: Record<string, SimTransportFaults> = {}): Connector {
  return {
    connect: async (h) => new SimTransport(hosts.get(h.name)!, { faults: faults[h.name] ?? {} }),
  };
}

export interface EngineRun {
  summary: RunSummary;
  events: RunEvent[];
}

export async function runEngine(
  plays: unknown[],
  hostNames: string[] | Record<string, Record<string, unknown>>,
  connector: Connector,
  extra: Partial<RunOptions> & { onEvent?: (e: RunEvent) => void } = {},
): Promise<EngineRun> {
  const hosts = Array.isArray(hostNames) ? Object.fromEntries(hostNames.map((n) => [n, {}])) : hostNames;
  const inventory = parseInventory(stringify({ all: { hosts } }), 'inv.yml');
  const playbook = parsePlaybook(stringify(plays), 'site.yml', testModules);
  const events: RunEvent[] = [];
  const { onEvent, ...rest } = extra;
  const summary = await runPlaybook({
    playbook,
    inventory,
    check: false,
    tags: { only: [], skip: [] },
    forks: 5,
    modules: testModules,
    connector,
    sink: {
      emit: (e) => {
        events.push(e);
        onEvent?.(e);
      },
    },
    ...rest,
  });
  return { summary, events };
}

/** A session input that only ends the session (script.ts endInput): it runs nothing. */
export const endsSession = (text: string): boolean => /^@@jf:[0-9a-f]+:end\n$/.test(text);

/** A session input with something to run (a round), as opposed to nothing or the end line. */
export const runsSomething = (text: string): boolean => text !== '' && !endsSession(text);

export const taskEvents = (events: RunEvent[]) => events.filter((e): e is Extract<RunEvent, { type: 'task' }> => e.type === 'task');

export const fileOn = (sim: SimHost, path: string): string | undefined => {
  const node = sim.fs.stat(path);
  return node?.kind === 'file' ? node.content : undefined;
};

/**
 * A transport that hands every text it sends to `seen` before sending it:
 * exec command lines, session command lines, and session inputs (the apply
 * script of a one-exec run travels as the input); and every finished exec's
 * or session's whole result to `result`.
 */
export function tapTransport(
  inner: Transport,
  seen: (text: string, kind: 'exec' | 'session' | 'input') => void,
  result: (r: ExecResult) => void = () => undefined,
): Transport {
  const noted = (r: ExecResult): ExecResult => (result(r), r);
  return {
    host: inner.host,
    channels: () => inner.channels(),
    close: () => inner.close(),
    exec: async (commandLine, options) => {
      seen(commandLine, 'exec');
      return noted(await inner.exec(commandLine, options));
    },
    openStreams: async (commandLine, options) => {
      seen(commandLine, 'exec');
      return inner.openStreams(commandLine, options);
    },
    openSession: async (commandLine, options) => {
      seen(commandLine, 'session');
      const session = await inner.openSession(commandLine, options);
      return {
        readUntil: (marker) => session.readUntil(marker),
        send: async (input) => {
          seen(input, 'input');
          await session.send(input);
        },
        finish: async (input) => {
          seen(input, 'input');
          return noted(await session.finish(input));
        },
      };
    },
  };
}
