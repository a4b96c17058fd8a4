import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { loadInputs, type LoadedInputs } from '../load-inputs.js';
import { makeConnector } from '../../engine/connector.js';
import { connectorOptions } from '../connector-options.js';
import { runPlaybook } from '../../engine/run.js';
import { moduleRegistry } from '../../modules/registry.js';
import { Redactor } from '../../report/redact.js';
import { humanPrinter } from '../../report/human-printer.js';
import { jsonPrinter } from '../../report/json-printer.js';
import { closeLogger, createLogger, logSink } from '../../report/logger.js';
import { fanout } from '../../report/fanout.js';
import { plainProgress } from '../../report/plain-progress.js';
import { junitReport } from '../../report/junit.js';
import type { EventSink } from '../../report/events.js';
import { exitCodeFor, type ExitCode } from '../exit-codes.js';
import { splitList } from './options.js';
import { InputError } from '../../errors.js';

export interface ApplyOptions {
  inventory?: string;
  check?: boolean;
  diff?: boolean;
  limit?: string;
  tags?: string;
  skipTags?: string;
  forks?: string;
  json?: boolean;
  logFile?: string;
  verbose: number;
  stateDir?: string;
  progress?: boolean;
  strategy?: string;
  lockTimeout?: string;
  report?: string;
}

/** Run a playbook: read from `playbookFile`, or built by another command (`load`, e.g. migrate's one task). */
export async function applyCommand(playbookFile: string, opts: ApplyOptions, io: CliIo, load: () => Promise<LoadedInputs> = () => loadInputs(playbookFile, opts.inventory, io.cwd)): Promise<ExitCode> {
  const inputs = await load();
  const { config, inventory, playbook } = inputs;
  const redactor = new Redactor();
  redactor.add(io.env.JAILFLEET_SSH_PASSPHRASE);
  redactor.add(io.env.JAILFLEET_BECOME_PASSWORD);
  for (const host of inventory.hosts.values()) redactor.addFromVars(host.vars);
  for (const play of playbook.plays) redactor.addFromVars(play.vars);

  const logger = createLogger({ verbose: opts.verbose, logFile: opts.logFile ?? config.logFile, level: config.logLevel, redactor });
  for (const w of inputs.warnings) logger.warn(w);
  const strategy = strategyOption(opts.strategy);
  // On a TTY a live display (stderr); otherwise plain timestamped lines, unless --json is the output.
  // log-update is loaded only when there is a TTY to draw on.
  const live =
    !opts.json && io.isTTY && opts.progress !== false
      ? (await import('../../report/live-progress.js')).liveProgress(io.err, process.stderr.columns)
      : undefined;
  const out = live ? live.around(io.out) : io.out;
  const printer = opts.json
    ? jsonPrinter(io.out, redactor)
    : humanPrinter({ write: out, diff: Boolean(opts.diff), verbose: opts.verbose, redactor });
  const report = opts.report ? junitReport(playbookFile, redactor) : undefined;
  const sinks: EventSink[] = [printer, logSink(logger)];
  if (live) sinks.push(live.sink);
  else if (!opts.json) sinks.push(plainProgress(io.err));
  if (report) sinks.push(report.sink);

  const forks = opts.forks ? Number.parseInt(opts.forks, 10) : config.forks;
  const summary = await runPlaybook({
    playbook,
    inventory,
    limit: opts.limit,
    check: Boolean(opts.check),
    tags: { only: splitList(opts.tags), skip: splitList(opts.skipTags) },
    forks,
    modules: moduleRegistry,
    connector: makeConnector(connectorOptions(config, io, opts.stateDir)),
    sink: fanout(...sinks),
    commandTimeoutMs: config.commandTimeoutMs,
    extraVars: { playbook_dir: inputs.playbookDir },
    signal: io.signal,
    lock: { timeoutS: opts.lockTimeout !== undefined ? Number.parseInt(opts.lockTimeout, 10) : config.lockTimeoutS },
    ...(strategy ? { strategy } : {}),
  });
  if (report && opts.report) writeFileSync(resolve(io.cwd, opts.report), report.xml());
  await closeLogger(logger);
  return exitCodeFor(summary, Boolean(opts.check));
}

function strategyOption(value: string | undefined): 'free' | 'linear' | undefined {
  if (value === undefined || value === 'free' || value === 'linear') return value;
  throw new InputError(`--strategy: expected "free" or "linear", got "${value}"`);
}
