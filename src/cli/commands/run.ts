/**
 * `jailfleet run PATTERN -i INVENTORY -- COMMAND` (issue 15): one ad-hoc
 * command on every host the pattern selects, as `ansible PATTERN -m shell
 * -a CMD` or `bastille cmd TARGET CMD` do. The words are joined by spaces
 * (as ssh joins them) and run by the host's /bin/sh -c, or inside a jail by
 * `jexec -l NAME /bin/sh -c`: one exec per host, up to --forks hosts at
 * once, through the same connector as apply (sim hosts in process with
 * their state files, SSH hosts with host-key checking, ProxyJump, become).
 *
 * It is outside jailfleet's runs, like `ssh HOST CMD`: no host lock, no
 * session log, no facts or plans, nothing in the history.
 */
import PQueue from 'p-queue';
import type { CliIo } from '../io.js';
import { loadCheckedInventory, loadRunConfig, type LoadedInputs } from '../load-inputs.js';
import { connectionOf } from '../../inventory/connection.js';
import type { Inventory, InventoryHost } from '../../inventory/types.js';
import { resolvePattern } from '../../inventory/pattern.js';
import { makeConnector } from '../../engine/connector.js';
import { simSettings } from '../../engine/sim-settings.js';
import type { RunSummary } from '../../engine/run.js';
import type { Transport } from '../../transport/transport.js';
import { emptyStats } from '../../report/events.js';
import { command } from '../../shell/quote.js';
import { InputError, JailfleetError, UnreachableError } from '../../errors.js';
import { connectorOptions } from '../connector-options.js';
import { forksOf, runRedactor } from '../run-setup.js';
import { knownGroups, limitProblem, unmatchedPartWarnings } from '../host-patterns.js';
import { patternSyntaxProblem } from '../pattern-syntax.js';
import { exitCodeFor, type ExitCode } from '../exit-codes.js';
import { humanBlock, humanSummary, jsonResult, jsonSummary, tallyOutcomes, type HostOutcome } from './run-output.js';

export interface RunCommandOptions {
  inventory?: string;
  limit?: string;
  forks?: string;
  json?: boolean;
  become?: boolean;
  jail?: string;
  /** Seconds (already checked by commander). */
  timeout?: string;
  stateDir?: string;
}

export async function runCommand(pattern: string, words: string[], opts: RunCommandOptions, io: CliIo): Promise<ExitCode> {
  const config = await loadRunConfig(io.cwd);
  const inventory = loadCheckedInventory(opts.inventory, config, io.cwd);
  const names = selectedHosts(inventory, pattern, opts.limit, (w) => io.err(`warning: ${w}\n`));
  const commandLine = remoteCommandLine(words, opts.jail);
  // Bad connection settings are bad input, found before any host is contacted.
  const hosts = names.map((name) => runHost(inventory.hosts.get(name)!, Boolean(opts.become)));
  const inputs: LoadedInputs = { config, inventory, playbook: { file: '', plays: [] }, playbookDir: io.cwd, warnings: [], extraVars: {} };
  const redactor = runRedactor(inputs, io.env);
  const timeoutMs = opts.timeout !== undefined ? Number.parseInt(opts.timeout, 10) * 1000 : config.commandTimeoutMs;
  const connector = makeConnector(connectorOptions(config, io, opts.stateDir));

  const print = orderedPrinter(names, opts.json ? (h, o) => jsonResult(h, o, redactor) : (h, o) => humanBlock(h, o, redactor), io);
  let internal: unknown;
  try {
    await eachHost(hosts.length, forksOf(opts.forks, config), io.signal, async (i) => {
      const outcome = await runOnHost(connector.connect.bind(connector), hosts[i]!, commandLine, timeoutMs).catch((err: unknown) => {
        internal ??= err;
        return { kind: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies HostOutcome;
      });
      print.done(i, outcome);
    });
  } finally {
    await connector.close?.();
  }
  const outcomes = print.finish();
  if (internal !== undefined) throw internal;

  const interrupted = io.signal?.aborted ?? false;
  const tally = tallyOutcomes(names, outcomes);
  const code = exitCodeFor(summaryOf(names, outcomes, interrupted), false);
  if (opts.json) io.out(jsonSummary(tally, interrupted, code));
  else {
    const line = humanSummary(tally);
    if (line) io.err(line);
  }
  return code;
}

/**
 * PATTERN, narrowed by --limit: bad syntax or no host matched is bad input naming the pattern and the groups;
 * a part of either that matches no host while the rest does is passed to `warn`.
 */
export function selectedHosts(inventory: Inventory, pattern: string, limit: string | undefined, warn: (warning: string) => void): string[] {
  const known = knownGroups(inventory);
  const syntax = patternSyntaxProblem(pattern);
  if (syntax) throw new InputError(`host pattern "${pattern}": ${syntax} (${known})`);
  const matched = resolvePattern(inventory, pattern);
  if (matched.length === 0) throw new InputError(`host pattern "${pattern}" matches no host (${known})`);
  const warnings = unmatchedPartWarnings(inventory, pattern, `host pattern "${pattern}"`);
  let selected = matched;
  if (limit !== undefined) {
    const problem = limitProblem(inventory, limit, known);
    if (problem) throw problem;
    warnings.push(...unmatchedPartWarnings(inventory, limit, `--limit "${limit}"`));
    const allowed = new Set(resolvePattern(inventory, limit));
    selected = matched.filter((h) => allowed.has(h));
    if (selected.length === 0) throw new InputError(`host pattern "${pattern}" with --limit "${limit}" matches no host (${known})`);
  }
  // Only once the selection stands: a run that is refused says why, not what it would have ignored.
  warnings.forEach(warn);
  return selected;
}

/** `/bin/sh -c 'WORDS'`, or `jexec -l JAIL /bin/sh -c 'WORDS'`: every value through quote(). */
export function remoteCommandLine(words: string[], jail: string | undefined): string {
  const text = words.join(' ');
  if (text.trim() === '') throw new InputError('run: expected a command after the pattern (jailfleet run PATTERN -i INVENTORY -- COMMAND)');
  if (jail === undefined) return command('/bin/sh', '-c', text);
  if (jail === '' || jail.startsWith('-')) throw new InputError(`--jail: expected a jail name, got "${jail}"`);
  return command('jexec', '-l', jail, '/bin/sh', '-c', text);
}

/**
 * The host as the connector should see it. Become is the inventory's
 * (`become: sudo|doas`, as apply uses it), but only with --become: without
 * it the command runs as the login user, as `ssh HOST CMD` would.
 */
export function runHost(host: InventoryHost, become: boolean): InventoryHost {
  const conn = connectionOf(host);
  if (conn.transport === 'sim') simSettings(host);
  if (become || conn.become === undefined) return host;
  return { ...host, vars: { ...host.vars, become: false } };
}

/** One exec on one host; only errors that are not jailfleet's own reject. */
async function runOnHost(connect: (host: InventoryHost) => Promise<Transport>, host: InventoryHost, commandLine: string, timeoutMs: number): Promise<HostOutcome> {
  return onHost(connect, host, timeoutMs, async (transport) => {
    const result = await transport.exec(commandLine, { timeoutMs });
    return { kind: 'done', rc: result.code, stdout: result.stdout, stderr: result.stderr };
  });
}

/** `work` on one connected host, the connection closed after; unreachable or failed as `run` reports them. */
export async function onHost<T>(connect: (host: InventoryHost) => Promise<Transport>, host: InventoryHost, timeoutMs: number, work: (t: Transport) => Promise<T>): Promise<T | NotRun> {
  let transport: Transport;
  try {
    transport = await connect(host);
  } catch (err) {
    return notRunning(err, timeoutMs, true);
  }
  try {
    return await work(transport);
  } catch (err) {
    return notRunning(err, timeoutMs, false);
  } finally {
    await transport.close().catch(() => undefined);
  }
}

type NotRun = Extract<HostOutcome, { kind: 'unreachable' | 'failed' }>;

function notRunning(err: unknown, timeoutMs: number, connecting: boolean): NotRun {
  if (err instanceof UnreachableError) {
    // The command itself outlived --timeout: the host answered, the command is slow.
    if (err.reason === 'timeout' && !connecting) {
      return { kind: 'failed', message: `timed out: no result within ${timeoutMs / 1000} s (the channel was closed; the command may still be running on the host)` };
    }
    return { kind: 'unreachable', message: `${err.reason}: ${err.detail}`, ...(err.partial ? { partial: err.partial } : {}) };
  }
  if (err instanceof JailfleetError) return { kind: 'failed', message: err.message };
  throw err;
}

/** Up to `forks` at once, in order; once `signal` is aborted no further index starts. */
/** Hosts 0..count-1, up to `forks` at once (p-queue, as the engine's strategies); none started once interrupted. */
export async function eachHost(count: number, forks: number, signal: AbortSignal | undefined, work: (i: number) => Promise<void>): Promise<void> {
  const queue = new PQueue({ concurrency: forks });
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      queue.add(async () => {
        if (!signal?.aborted) await work(i);
      }),
    ),
  );
}

/**
 * Output in inventory order, never interleaved: a host's block is printed
 * as soon as it and every host before it are done.
 */
function orderedPrinter(hosts: string[], format: (host: string, o: HostOutcome) => string | undefined, io: CliIo) {
  const outcomes: Array<HostOutcome | undefined> = new Array(hosts.length);
  let printed = 0;
  const flush = (): void => {
    while (printed < hosts.length && outcomes[printed] !== undefined) {
      const text = format(hosts[printed]!, outcomes[printed]!);
      if (text) io.out(text);
      printed += 1;
    }
  };
  return {
    done(i: number, outcome: HostOutcome): void {
      outcomes[i] = outcome;
      flush();
    },
    /** Hosts never started are not run; everything left is printed. */
    finish(): HostOutcome[] {
      for (let i = 0; i < hosts.length; i++) outcomes[i] ??= { kind: 'not_run' };
      flush();
      return outcomes as HostOutcome[];
    },
  };
}

/** The outcomes as apply's recap counts them, for exitCodeFor's precedence. */
export function summaryOf(names: string[], outcomes: HostOutcome[], interrupted: boolean): RunSummary {
  const hosts = Object.fromEntries(
    names.map((name, i) => {
      const s = emptyStats();
      const o = outcomes[i]!;
      if (o.kind === 'done' && o.rc === 0) s.ok = 1;
      else if (o.kind === 'done' || o.kind === 'failed') s.failed = 1;
      else if (o.kind === 'unreachable') s.unreachable = 1;
      else s.notRun = 1;
      return [name, s];
    }),
  );
  return { hosts, interrupted };
}
