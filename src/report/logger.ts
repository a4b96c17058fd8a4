/**
 * winston: a human console format at the -v level (stderr, so stdout stays
 * the report), JSON lines to --log-file. Secrets are redacted in both.
 */
import winston from 'winston';
import type { EventSink } from './events.js';
import type { Redactor } from './redact.js';

export interface LoggerOptions {
  verbose: number;
  logFile?: string;
  level?: string;
  redactor: Redactor;
}

const consoleLevel = (verbose: number, fallback = 'warn'): string => (verbose >= 2 ? 'debug' : verbose === 1 ? 'info' : fallback);

export function createLogger(opts: LoggerOptions): winston.Logger {
  const redact = winston.format((info) => {
    info.message = opts.redactor.redact(String(info.message));
    return info;
  });
  const transports: winston.transport[] = [
    new winston.transports.Console({
      level: consoleLevel(opts.verbose, opts.level === 'debug' ? 'debug' : 'warn'),
      stderrLevels: ['error', 'warn', 'info', 'debug'],
      format: winston.format.combine(redact(), winston.format.printf((i) => `${i.level}: ${String(i.message)}`)),
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

/** Every event, as a log record (debug on the console, all of them in the file). */
export function logSink(logger: winston.Logger): EventSink {
  return {
    emit(event) {
      // Failures are already in the report; the console shows them again only at -v.
      const level = event.type === 'task' && event.status === 'failed' ? 'info' : 'debug';
      logger.log(level, `${event.type}${'host' in event ? ` ${event.host}` : ''}`, { event });
    },
  };
}

export function closeLogger(logger: winston.Logger): Promise<void> {
  return new Promise((resolve) => {
    logger.on('finish', () => resolve());
    logger.end();
  });
}
