/**
 * `reconcile --every CRON`: a pass at each tick of the cron expression
 * (croner), never two at once. A tick that comes while a pass runs is
 * skipped and recorded with its time — croner's own `protect` would drop it
 * without a trace, so the schedule keeps its own "running" state and croner
 * only reports ticks. Croner also drops, silently, the ticks that fell
 * while the event loop was busy (it fires once, late, and moves on): those
 * are found from the cron expression between the ticks that did come, and
 * recorded as skipped too. Ticks missed while the process was down are
 * recorded at start and not replayed (missed-ticks.ts). An interrupt stops
 * the ticks and lets the running pass finish recording.
 */
import { Cron } from 'croner';
import { ticksBetween } from './missed-ticks.js';

export interface ScheduleHooks {
  /** Run one pass; the schedule waits for it before the next may start. */
  pass(tickAt: number): Promise<void>;
  /** A pass that threw: the schedule goes on with the next tick. */
  failed(err: unknown): void;
  /** A tick that ran no pass: one was running since `runningSince` (undefined: the process was too busy to take it). */
  skipped(tickAt: number, runningSince: number | undefined): void;
  now(): number;
}

export interface Ticker {
  stop(): void;
}

/** Calls `onTick` at each tick of `every` (croner, reporting only: the callback returns at once). */
export type TickerFactory = (every: string, onTick: () => void) => Ticker;

export const cronTicker: TickerFactory = (every, onTick) => {
  const job = new Cron(every, { catch: true }, () => onTick());
  return { stop: () => job.stop() };
};

const wholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** Run the schedule until `signal` aborts; resolves once the pass running then is recorded. */
export async function runSchedule(every: string, hooks: ScheduleHooks, signal: AbortSignal | undefined, ticker: TickerFactory = cronTicker): Promise<void> {
  let running: { since: number; done: Promise<void> } | undefined;
  let lastTick = wholeSecond(hooks.now());
  const skipUndelivered = (upTo: number): void => {
    for (const at of ticksBetween(every, lastTick, upTo).ticks) hooks.skipped(at, running?.since);
  };
  const onTick = (): void => {
    if (signal?.aborted) return;
    // The tick croner meant is the newest one due (it calls late, never early); any older one since the last taken never came.
    const due = ticksBetween(every, lastTick, hooks.now() + 1).ticks;
    const at = due.pop();
    if (at === undefined) return;
    for (const undelivered of due) hooks.skipped(undelivered, running?.since);
    lastTick = at;
    if (running) {
      hooks.skipped(at, running.since);
      return;
    }
    const current = {
      since: at,
      done: hooks.pass(at).catch(hooks.failed).finally(() => {
        if (running === current) running = undefined;
      }),
    };
    running = current;
  };
  const job = ticker(every, onTick);
  await new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  job.stop();
  // Ticks that fell during the pass still running and never came (a busy event loop) were skipped all the same.
  if (running) skipUndelivered(hooks.now());
  await running?.done;
}
