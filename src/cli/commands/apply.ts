import { writeFileSync } from 'node:fs';
import type { CliIo } from '../io.js';
import { loadInputs, type LoadedInputs } from '../load-inputs.js';
import { makeConnector } from '../../engine/connector.js';
import { connectorOptions } from '../connector-options.js';
import { runPlaybook } from '../../engine/run.js';
import { moduleRegistry } from '../../modules/registry.js';
import { forksOf, lockOf, recapWithExitCode, runRedactor } from '../run-setup.js';
import { humanPrinter } from '../../report/human-printer.js';
import { jsonPrinter } from '../../report/json-printer.js';
import { openRunLog } from '../../report/run-log.js';
import { fanout } from '../../report/fanout.js';
import { plainProgress } from '../../report/plain-progress.js';
import { junitReport } from '../../report/junit.js';
import type { EventSink } from '../../report/events.js';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes.js';
import { listPlaybook } from './list-playbook.js';
import { splitList } from './options.js';
import { InputError } from '../../errors.js';
import { outputFile } from '../output-file.js';

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
  /** -e values, in order. */
  extraVars?: string[];
  listHosts?: boolean;
  listTasks?: boolean;
  startAtTask?: string;
}

/** Run a playbook: read from `playbookFile`, or built by another command (`load`, e.g. migrate's one task). */
export async function applyCommand(playbookFile: string, opts: ApplyOptions, io: CliIo, load: () => Promise<LoadedInputs> = () => loadInputs(playbookFile, opts.inventory, io.cwd, opts)): Promise<ExitCode> {
  const inputs = await load();
  const { config, inventory, playbook } = inputs;
  if (opts.listHosts || opts.listTasks) return listOnly(playbookFile, inputs, opts, io);
  const strategy = strategyOption(opts.strategy);
  const reportFile = opts.report === undefined ? undefined : outputFile('--report', opts.report, io.cwd);
  const logName = opts.logFile ?? config.logFile;
  // winston makes the log's missing directories itself.
  const logFile = logName === undefined ? undefined : outputFile(opts.logFile === undefined ? 'logFile (config)' : '--log-file', logName, io.cwd, true);
  const redactor = runRedactor(inputs, io.env);
  redactor.addFromVars(inputs.extraVars);

  // As validate, --list-* and reconcile print them (`warning: `), before the live display takes stderr.
  for (const w of inputs.warnings) io.err(`warning: ${redactor.redact(w)}\n`);
  const log = await openRunLog({ verbose: opts.verbose, logFile, level: config.logLevel, redactor });
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
  const report = reportFile ? junitReport(playbookFile, redactor) : undefined;
  const sinks: EventSink[] = [printer, log.sink];
  if (live) sinks.push(live.sink);
  else if (!opts.json) sinks.push(plainProgress(io.err));
  if (report) sinks.push(report.sink);
  // The recap waits for the exit code this command returns (`exit_code`, with the engine's `run_id`).
  const output = recapWithExitCode(fanout(...sinks));

  const summary = await runPlaybook({
    playbook,
    inventory,
    limit: opts.limit,
    check: Boolean(opts.check),
    tags: { only: splitList(opts.tags), skip: splitList(opts.skipTags) },
    forks: forksOf(opts.forks, config),
    modules: moduleRegistry,
    connector: makeConnector(connectorOptions(config, io, opts.stateDir)),
    sink: output.sink,
    commandTimeoutMs: config.commandTimeoutMs,
    // playbook_dir after -e: controller files (copy src:) are found from the real one.
    extraVars: { ...inputs.extraVars, playbook_dir: inputs.playbookDir },
    signal: io.signal,
    lock: lockOf(opts.lockTimeout, config.lockTimeoutS),
    verbosity: opts.verbose,
    ...(strategy ? { strategy } : {}),
  });
  const code = exitCodeFor(summary, Boolean(opts.check));
  output.end(code);
  if (report && reportFile) writeFileSync(reportFile, report.xml());
  await log.close();
  return code;
}

/** --list-hosts / --list-tasks: print and stop; nothing is sent to any host. */
function listOnly(playbookFile: string, inputs: LoadedInputs, opts: ApplyOptions, io: CliIo): ExitCode {
  for (const w of inputs.warnings) io.err(`warning: ${w}\n`);
  const tags = { only: splitList(opts.tags), skip: splitList(opts.skipTags) };
  io.out(listPlaybook(playbookFile, inputs.playbook, inputs.inventory, { ...opts, tags }));
  return EXIT.ok;
}

function strategyOption(value: string | undefined): 'free' | 'linear' | undefined {
  if (value === undefined || value === 'free' || value === 'linear') return value;
  throw new InputError(`--strategy: expected "free" or "linear", got "${value}"`);
}
