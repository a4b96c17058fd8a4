/**
 * How the metrics and webhook sinks report trouble: the reconcile command
 * passes its winston logger's `log` (whose levels these are), tests pass a
 * collector. Messages never contain a secret: URLs are shown redacted.
 */
export type SinkLog = (level: 'warn' | 'info' | 'debug', message: string) => void;
