/**
 * winston: a human console format at the -v level (stderr, so stdout stays
 * the report), JSON lines to --log-file. Secrets are redacted in both.
 */
import winston from 'winston';
import type { EventSink, RunEvent } from './events.js';
import type { Redactor } from './redact.js';

export interface LoggerOptions {
  verbose: number;
  logFile?: string;
  level?: string;
  redactor: Redactor;
}

const consoleLevel = (verbose: number, fallback = 'warn'): string => (verbose >= 2 ? 'debug' : verbose === 1 ? 'info' : fallback);

/** The console's lines: `LEVEL: MESSAGE`, redacted (`info: task "NAME" on HOST: failed` at -v). */
export function consoleFormat(redactor: Redactor): winston.Logform.Format {
  const redact = winston.format((info) => {
    info.message = redactor.redact(String(info.message));
    return info;
  });
  return winston.format.combine(redact(), winston.format.printf((i) => `${i.level}: ${String(i.message)}`));
}

export function createLogger(opts: LoggerOptions): winston.Logger {
  const transports: winston.transport[] = [
    new winston.transports.Console({
      level: consoleLevel(opts.verbose, opts.level === 'debug' ? 'debug' : 'warn'),
      stderrLevels: ['error', 'warn', 'info', 'debug'],
      format: consoleFormat(opts.redactor),
    }),
  ];
  if (opts.logFile) {
    transports.push(
      new winston.transports.File({
        filename: opts.logFile,
        level: 'debug',
        format: winston.format.combine(
          winston.format.timestamp(),
          winston.format((info) => JSON.parse(opts.redactor.redact(JSON.stringify(info))) as typeof info)(),
          winston.format.json(),
        ),
      }),
    );
  }
  return winston.createLogger({ transports });
}

/**
 * What a log record says about an event: its type, then what it is about —
 * `task "NAME" on HOST: STATUS` for a task result, the host for other host
 * events, the play or task for play and task starts, the run id and exit code
 * for the recap.
 */
export function logMessage(event: RunEvent): string {
  switch (event.type) {
    case 'task': {
      const ignored = event.ignored ? ' (ignored)' : event.rescued ? ' (rescued)' : '';
      const items = event.items ? ` (${event.items.length} item${event.items.length === 1 ? '' : 's'})` : '';
      return `task "${event.task}" on ${event.host}: ${event.status}${ignored}${items}`;
    }
    case 'run_start':
      return `run_start ${event.run_id}: ${event.playbook}${event.check ? ' (check)' : ''}, ${event.hosts} host(s)`;
    case 'play_start':
      return `play_start "${event.play}": ${event.hosts.length} host(s)`;
    case 'task_start':
      return `task_start "${event.task}": ${event.hosts.length} host(s)`;
    case 'play_end':
      return `play_end "${event.play}"`;
    case 'recap':
      return `recap ${event.run_id}${event.exit_code !== undefined ? `: exit ${event.exit_code}` : ''}`;
    default:
      return 'host' in event ? `${event.type} ${event.host}` : event.type;
  }
}

/**
 * Every event, as a log record (debug on the console, all of them in the
 * file), each with the run's id (`run_id`, from run_start on).
 */
export function logSink(logger: winston.Logger): EventSink {
  let runId: string | undefined;
  return {
    emit(event) {
      if (event.type === 'run_start') runId = event.run_id;
      // Failures are already in the report; the console shows them again only at -v.
      const level = event.type === 'task' && event.status === 'failed' ? 'info' : 'debug';
      logger.log(level, logMessage(event), { ...(runId !== undefined ? { run_id: runId } : {}), event });
    },
  };
}

export function closeLogger(logger: winston.Logger): Promise<void> {
  return new Promise((resolve) => {
    logger.on('finish', () => resolve());
    logger.end();
  });
}
