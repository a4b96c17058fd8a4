/**
 * The corpus of scripts the engine sends: playbooks run on simulated hosts
 * that live across runs (as a state dir keeps them), every command line,
 * session input and exec stdin recorded as it is sent. Shared by the POSIX
 * tests (posix-scripts: dash -n and bash-isms; posix-dash-run: dash and the
 * simulated shell run them alike).
 */
import { resolve } from 'node:path';
import { simSettings } from '../../src/engine/sim-hosts.js';
import type { Connector } from '../../src/engine/run.js';
import { runPlaybook } from '../../src/engine/run.js';
import type { Inventory, InventoryHost } from '../../src/inventory/types.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import type { Playbook } from '../../src/playbook/types.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import { SimTransport } from '../../src/sim/transport.js';
import type { ExecSession, Transport } from '../../src/transport/transport.js';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The word after "/bin/sh -c ", unquoted: '...' segments joined by \' (what quote() writes). */
export function innerScript(commandLine: string): string | undefined {
  return shWords(commandLine)[0]?.script;
}

/** One `/bin/sh -c WORD ARGS...` of a command line: the script, and the words after it up to the next /bin/sh -c. */
export interface ShCall {
  script: string;
  args: string[];
}

/**
 * Every `/bin/sh -c` call of a command line, outermost first: the lock
 * picker's (its args are the locked command line), then the script it runs.
 * Words are '...' segments and \-escaped characters, as quote() writes them.
 */
export function shWords(commandLine: string): ShCall[] {
  const words = splitWords(commandLine);
  const calls: ShCall[] = [];
  for (let i = 0; i + 2 < words.length; i++) {
    if (words[i] !== '/bin/sh' || words[i + 1] !== '-c') continue;
    calls.push({ script: words[i + 2]!, args: words.slice(i + 3) });
    i += 2;
  }
  return calls;
}

function splitWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\n' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated quote in command line');
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\') word = (word ?? '') + (line[++i] ?? '');
    else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** What one exec, stream or session was sent: its command line, then its stdin (an exec's; a session's inputs, in order). */
export interface SentCommand {
  host: string;
  run: string;
  via: 'exec' | 'streams' | 'session';
  commandLine: string;
  inputs: string[];
}

/** The whole stdin of a command: its inputs one after the other, as the host reads them. */
export const stdinOf = (s: SentCommand): string => s.inputs.join('');

/** Wraps a transport so that every command it is sent lands in `sent`, sessions with their inputs. */
function recording(inner: Transport, sent: SentCommand[], host: string, run: string): Transport {
  const note = (via: SentCommand['via'], commandLine: string, stdin?: string): SentCommand => {
    const entry = { host, run, via, commandLine, inputs: stdin === undefined ? [] : [stdin] };
    sent.push(entry);
    return entry;
  };
  return {
    host: inner.host,
    channels: () => inner.channels(),
    close: () => inner.close(),
    exec: async (commandLine, options) => {
      note('exec', commandLine, options?.stdin?.toString());
      return inner.exec(commandLine, options);
    },
    openStreams: async (commandLine, options) => {
      note('streams', commandLine);
      return inner.openStreams(commandLine, options);
    },
    openSession: async (commandLine, options) => {
      const entry = note('session', commandLine);
      const session = await inner.openSession(commandLine, options);
      const wrapped: ExecSession = {
        readUntil: (marker) => session.readUntil(marker),
        send: async (input) => {
          entry.inputs.push(input);
          await session.send(input);
        },
        finish: async (input) => {
          entry.inputs.push(input);
          return session.finish(input);
        },
      };
      return wrapped;
    },
  };
}

/** Simulated hosts that live across runs, as a state dir would keep them. */
export function recordingConnector(hosts: Map<string, SimHost>, sent: SentCommand[], run: string): Connector {
  return {
    async connect(host: InventoryHost): Promise<Transport> {
      let sim = hosts.get(host.name);
      if (!sim) {
        sim = new SimHost(host.name, freshHostState(simSettings(host)));
        hosts.set(host.name, sim);
      }
      return recording(new SimTransport(sim), sent, host.name, run);
    },
    addressOf: (host) => simSettings(host).address,
  };
}

export interface CorpusRun {
  /** A label for the commands it sends ("site converge"). */
  run: string;
  playbook: Playbook;
  check?: boolean;
  /** Check mode looks at the host lock first (reconcile's lock probe in the gather script). */
  lockCheck?: boolean;
  /** The engine reads `src:` files relative to it. */
  playbookDir?: string;
}

export interface Corpus {
  sent: SentCommand[];
  /** Tasks that failed: a run that fails sends less than it would have. */
  failed: string[];
  /** The modules of the tasks that ran (not skipped). */
  modules: Set<string>;
}

/** Run each playbook in turn on the same simulated hosts; returns everything sent. */
export async function captureRuns(inventory: Inventory, runs: CorpusRun[], hosts = new Map<string, SimHost>()): Promise<Corpus> {
  const sent: SentCommand[] = [];
  const failed: string[] = [];
  const modules = new Set<string>();
  for (const r of runs) {
    await runPlaybook({
      playbook: r.playbook,
      inventory,
      check: r.check ?? false,
      lockCheck: r.lockCheck ?? false,
      tags: { only: [], skip: [] },
      forks: 4,
      modules: moduleRegistry,
      connector: recordingConnector(hosts, sent, r.run),
      sink: {
        emit: (e) => {
          if (e.type !== 'task' || e.status === 'skipped') return;
          modules.add(e.module);
          if (e.status === 'failed') failed.push(`${r.run} ${e.host} ${e.task}: ${e.message}`);
        },
      },
      extraVars: { playbook_dir: r.playbookDir ?? resolve(ROOT, 'playbooks') },
    });
  }
  return { sent, failed, modules };
}
