/**
 * The run's log as apply uses it: warnings, every event, and a close that
 * waits for the log file. winston (~370 KB of bundled code, and a format
 * pipeline run for every event) is loaded only when something can reach it
 * beyond warnings: -v, a log file, or the config's `log_level: debug`.
 * Otherwise the console shows warnings alone, written here exactly as
 * winston's console would write them (issue 17: start-up).
 */
import type { EventSink } from './events.js';
import type { LoggerOptions } from './logger.js';
import type { Redactor } from './redact.js';

export interface RunLog {
  warn(message: string): void;
  readonly sink: EventSink;
  close(): Promise<void>;
}

/** Whether anything but warnings can reach the log: logger.ts's console level below warn, or a file. */
export function logsEvents(opts: LoggerOptions): boolean {
  return opts.verbose > 0 || Boolean(opts.logFile) || opts.level === 'debug';
}

export async function openRunLog(opts: LoggerOptions): Promise<RunLog> {
  if (!logsEvents(opts)) return warningsOnly(opts.redactor);
  const { closeLogger, createLogger, logSink } = await import('./logger.js');
  const logger = createLogger(opts);
  return { warn: (message) => logger.warn(message), sink: logSink(logger), close: () => closeLogger(logger) };
}

/** winston's console at level warn: `warn: MESSAGE`, redacted, on the process's stderr; events are below its level. */
function warningsOnly(redactor: Redactor): RunLog {
  return {
    warn: (message) => void process.stderr.write(`warn: ${redactor.redact(message)}\n`),
    sink: { emit: () => undefined },
    close: () => Promise.resolve(),
  };
}
