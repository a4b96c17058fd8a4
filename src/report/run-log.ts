/**
 * The run's log as apply uses it: every event, and a close that waits for
 * the log file. winston (~370 KB of bundled code, and a format pipeline run
 * for every event) is loaded only when something can reach it: -v, a log
 * file, or the config's `log_level: debug` (issue 17: start-up). The run's
 * input warnings are not log records: apply prints them as every command
 * does (`warning: `).
 */
import type { EventSink } from './events.js';
import type { LoggerOptions } from './logger.js';

export interface RunLog {
  readonly sink: EventSink;
  close(): Promise<void>;
}

/** Nothing to log to: events are below the console's level, and there is no file. */
const NO_LOG: RunLog = { sink: { emit: () => undefined }, close: () => Promise.resolve() };

/** Whether anything can reach the log: logger.ts's console level below warn, or a file. */
export function logsEvents(opts: LoggerOptions): boolean {
  return opts.verbose > 0 || Boolean(opts.logFile) || opts.level === 'debug';
}

export async function openRunLog(opts: LoggerOptions): Promise<RunLog> {
  if (!logsEvents(opts)) return NO_LOG;
  const { closeLogger, createLogger, logSink } = await import('./logger.js');
  const logger = createLogger(opts);
  return { sink: logSink(logger), close: () => closeLogger(logger) };
}
