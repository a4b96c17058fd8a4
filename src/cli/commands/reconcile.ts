import { resolve } from 'node:path';
import { Cron } from 'croner';
import type { CliIo } from '../io.js';
import { loadInputs } from '../load-inputs.js';
import { connectorOptions } from '../connector-options.js';
import { forksOf, lockOf, runRedactor } from '../run-setup.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { splitList } from './options.js';
import { makeConnector } from '../../engine/connector.js';
import { moduleRegistry } from '../../modules/registry.js';
import { InputError } from '../../errors.js';
import type { Redactor } from '../../report/redact.js';
import type { PassRow } from '../../reconcile/history-schema.js';
import { DEFAULT_KEEP_DAYS, DEFAULT_KEEP_PASSES_DAYS } from '../../reconcile/history-retention.js';
import { hostLines, isoSecond, passLine } from '../../reconcile/history-format.js';
import type { PassEndHook } from '../../reconcile/pass-hooks.js';
import { REPAIRS_STOPPED } from '../../reconcile/pass.js';
import { runReconcile, type ReconcileNews } from '../../reconcile/reconcile-run.js';
import { abortableSleep } from '../../reconcile/splay.js';
import { passSinks } from '../reconcile-sinks.js';

export interface ReconcileOptions {
  inventory?: string;
  every?: string;
  fix?: boolean;
  once?: boolean;
  splay?: string;
  maxFailPercentage?: string;
  keepDays?: string;
  keepPassesDays?: string;
  limit?: string;
  tags?: string;
  skipTags?: string;
  forks?: string;
  lockTimeout?: string;
  stateDir?: string;
  json?: boolean;
  /** -e values, in order. */
  extraVars?: string[];
  metricsFile?: string;
  metricsPort?: string;
  metricsAddress?: string;
  webhook?: string;
}

/** `--webhook` from the environment when the flag is not given. */
export const WEBHOOK_ENV = 'JAILFLEET_WEBHOOK_URL';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** A host another run holds is recorded busy at once by default: the next pass looks again. */
const RECONCILE_LOCK_TIMEOUT_S = 0;
export const DEFAULT_MAX_FAIL_PERCENTAGE = 10;

/**
 * `--once`: 0 no drift left (none found, or all repaired), 2 drift left,
 * 1 a host failed or repairs stopped, 3 a host unreachable, 130
 * interrupted. A busy host (a manual apply holds it) changes nothing: it is
 * recorded and looked at again next pass.
 */
export function passExitCode(pass: PassRow): ExitCode {
  if (pass.status === 'interrupted') return EXIT.interrupted;
  if (pass.hosts_failed > 0 || pass.note.startsWith(REPAIRS_STOPPED)) return EXIT.failed;
  if (pass.hosts_unreachable > 0) return EXIT.unreachable;
  if (pass.hosts_drifted > 0) return EXIT.changesPending;
  return EXIT.ok;
}

export async function reconcileCommand(playbookFile: string, opts: ReconcileOptions, io: CliIo, hooks: readonly PassEndHook[] = []): Promise<ExitCode> {
  const every = scheduleOption(opts);
  const maxFailPercentage = percentOption(opts.maxFailPercentage);
  const inputs = await loadInputs(playbookFile, opts.inventory, io.cwd, { ...(opts.extraVars ? { extraVars: opts.extraVars } : {}), ...(opts.limit ? { limit: opts.limit } : {}) });
  const redactor = runRedactor(inputs, io.env);
  redactor.addFromVars(inputs.extraVars);
  const tell = opts.json ? jsonNews(io, redactor) : humanNews(io);
  for (const w of inputs.warnings) io.err(`warning: ${w}\n`);
  const stateDir = resolve(io.cwd, opts.stateDir ?? inputs.config.stateDir);
  // The URL may hold a token: from the environment it stays out of ps(1) and shell history.
  const webhook = opts.webhook ?? nonEmpty(io.env[WEBHOOK_ENV]);
  const sinks = await passSinks({ ...opts, ...(webhook !== undefined ? { webhook } : {}) }, stateDir, redactor, (msg) => io.err(`warning: ${msg}\n`));
  try {
    return await reconcileWith(opts, io, inputs, stateDir, redactor, tell, every, maxFailPercentage, [...hooks, ...sinks.hooks]);
  } finally {
    await sinks.close();
  }
}

async function reconcileWith(
  opts: ReconcileOptions,
  io: CliIo,
  inputs: Awaited<ReturnType<typeof loadInputs>>,
  stateDir: string,
  redactor: Redactor,
  tell: (news: ReconcileNews) => void,
  every: string | undefined,
  maxFailPercentage: number,
  hooks: readonly PassEndHook[],
): Promise<ExitCode> {
  const { config } = inputs;
  const splayS = wholeOption(opts.splay, 0);
  const overlap = every && !opts.once ? splayOverlap(every, splayS) : undefined;
  if (overlap) io.err(`warning: ${overlap}\n`);
  const pass = await runReconcile({
    stateDir,
    ...(every ? { every } : {}),
    once: Boolean(opts.once),
    retention: {
      keepDays: wholeOption(opts.keepDays, DEFAULT_KEEP_DAYS),
      keepPassesDays: wholeOption(opts.keepPassesDays, DEFAULT_KEEP_PASSES_DAYS),
    },
    pass: {
      engine: {
        playbook: inputs.playbook,
        inventory: inputs.inventory,
        limit: opts.limit,
        tags: { only: splitList(opts.tags), skip: splitList(opts.skipTags) },
        forks: forksOf(opts.forks, config),
        modules: moduleRegistry,
        connector: () => makeConnector(connectorOptions(config, io, opts.stateDir)),
        commandTimeoutMs: config.commandTimeoutMs,
        // playbook_dir after -e, as apply: controller files are found from the real one.
        extraVars: { ...inputs.extraVars, playbook_dir: inputs.playbookDir },
        lock: lockOf(opts.lockTimeout, RECONCILE_LOCK_TIMEOUT_S),
      },
      options: { fix: Boolean(opts.fix), maxFailPercentage, splayS },
      redact: (text) => redactor.redact(text),
      hooks,
      onHookError: (err) => io.err(`warning: a pass-end hook failed: ${err instanceof Error ? err.message : String(err)}\n`),
      signal: io.signal,
      now: () => Date.now(),
      sleep: abortableSleep,
    },
    tell,
  });
  if (pass) return passExitCode(pass);
  // The schedule ends only on SIGINT/SIGTERM: for a service that is a normal stop.
  return EXIT.ok;
}

function scheduleOption(opts: ReconcileOptions): string | undefined {
  if (opts.every === undefined) {
    if (opts.once) return undefined;
    throw new InputError('reconcile: --every CRON is required (or --once for a single pass)');
  }
  try {
    new Cron(opts.every, { paused: true });
  } catch (err) {
    throw new InputError(`--every: "${opts.every}" is not a cron expression: ${err instanceof Error ? err.message : String(err)}`);
  }
  return opts.every;
}

/** A splay as long as the time between ticks makes every pass run into the next tick. */
function splayOverlap(every: string, splayS: number): string | undefined {
  const [a, b] = new Cron(every, { paused: true }).nextRuns(2);
  if (!a || !b || splayS * 1000 < b.getTime() - a.getTime()) return undefined;
  return `--splay ${splayS} s is not shorter than the ${(b.getTime() - a.getTime()) / 1000} s between ticks: every pass will run into the next tick, which is then skipped`;
}

function percentOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_FAIL_PERCENTAGE;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n > 100) throw new InputError(`--max-fail-percentage: expected a number from 0 to 100, got "${value}"`);
  return n;
}

/** Options commander already checked as whole numbers. */
function wholeOption(value: string | undefined, fallback: number): number {
  return value === undefined ? fallback : Number.parseInt(value, 10);
}

function humanNews(io: CliIo): (news: ReconcileNews) => void {
  return (news) => {
    switch (news.type) {
      case 'interrupted_at_open':
        io.err(`pass ${news.passes.join(', ')}: the process ended during it; marked interrupted, its recorded hosts kept\n`);
        return;
      case 'missed': {
        const first = news.ticks[0]!;
        const last = news.ticks[news.ticks.length - 1]!;
        io.out(`${news.ticks.length} tick(s) missed while not running (${isoSecond(first.at)} .. ${isoSecond(last.at)}): recorded, not replayed\n`);
        return;
      }
      case 'pass':
        io.out([passLine(news.result.pass), ...hostLines(news.result.hosts)].join('\n') + '\n');
        if (news.result.pass.note) io.out(`    note: ${news.result.pass.note}\n`);
        return;
      case 'skipped':
        io.out(`${passLine(news.tick)}\n`);
        return;
      case 'pass_error':
        io.err(`error: the pass failed: ${news.error instanceof Error ? news.error.message : String(news.error)}\n`);
        return;
      case 'pruned':
        io.err(`history: ${news.pruned.diffsCleared} diff(s) past --keep-days cleared, ${news.pruned.passesDeleted} pass(es) past --keep-passes-days deleted\n`);
        return;
    }
  };
}

/** --json: one object per line, for machines. */
function jsonNews(io: CliIo, redactor: Redactor): (news: ReconcileNews) => void {
  const line = (value: unknown): void => io.out(redactor.redact(JSON.stringify(value)) + '\n');
  return (news) => {
    switch (news.type) {
      case 'pass':
        return line({ type: 'pass', ...news.result.pass, hosts: news.result.hosts.map(({ host, outcome, message }) => ({ host, outcome, message })) });
      case 'skipped':
        return line({ type: 'tick', ...news.tick });
      case 'missed':
        return line({ type: 'missed', ticks: news.ticks });
      case 'pass_error':
        return line({ type: 'pass_error', message: news.error instanceof Error ? news.error.message : String(news.error) });
      default:
        return line(news);
    }
  };
}
