/**
 * `jailfleet reconcile` below the command line: one process per state
 * directory (instance-lock.ts), the history opened (passes a killed process
 * left running marked interrupted), then one pass (--once) or the schedule
 * with its missed and skipped ticks recorded. Retention runs at start and
 * after every pass. Everything worth telling goes to `tell`.
 */
import type { PassRow } from './history-schema.js';
import { openHistory, type HistoryStore } from './history-store.js';
import { pruneHistory, type Pruned, type Retention } from './history-retention.js';
import { takeInstanceLock } from './instance-lock.js';
import { missedTicks, type MissedTick } from './missed-ticks.js';
import { runPass, type PassContext, type PassResult } from './pass.js';
import { runPassEndHooks } from './pass-hooks.js';
import { runSchedule, type TickerFactory } from './schedule.js';

export type ReconcileNews =
  | { type: 'interrupted_at_open'; passes: number[] }
  | { type: 'missed'; ticks: MissedTick[] }
  | { type: 'pass'; result: PassResult }
  | { type: 'skipped'; tick: PassRow }
  | { type: 'pass_error'; error: unknown }
  | { type: 'pruned'; pruned: Pruned };

export interface ReconcileSetup {
  stateDir: string;
  /** The cron expression; undefined with --once. */
  every?: string;
  once: boolean;
  retention: Retention;
  /** Everything a pass needs but the history. */
  pass: Omit<PassContext, 'store'>;
  tell: (news: ReconcileNews) => void;
  ticker?: TickerFactory;
}

/** Runs until the pass (--once) or the schedule (until the signal) is over; --once resolves to its pass. */
export async function runReconcile(setup: ReconcileSetup): Promise<PassRow | undefined> {
  const lock = takeInstanceLock(setup.stateDir);
  let store: HistoryStore | undefined;
  try {
    store = openHistory(setup.stateDir);
    if (store.interruptedAtOpen.length) setup.tell({ type: 'interrupted_at_open', passes: store.interruptedAtOpen });
    prune(store, setup);
    const ctx: PassContext = { ...setup.pass, store };
    if (setup.once) return (await passAndPrune(ctx, setup)).pass;
    await schedule(ctx, setup, setup.every!);
    return undefined;
  } finally {
    store?.close();
    lock.release();
  }
}

async function schedule(ctx: PassContext, setup: ReconcileSetup, every: string): Promise<void> {
  const { store } = ctx;
  const playbook = ctx.engine.playbook.file;
  const missed = missedTicks(every, store.lastTickAt(), ctx.now());
  if (missed.length) {
    const rows = store.recordTicks('missed', missed, playbook);
    setup.tell({ type: 'missed', ticks: missed });
    await tickHooks(ctx, rows);
  }
  await runSchedule(
    every,
    {
      pass: async () => {
        await passAndPrune(ctx, setup);
      },
      skipped: (at, runningSince) => {
        const note = runningSince === undefined ? 'the process was too busy to take it' : `a pass was still running (started ${new Date(runningSince).toISOString()})`;
        const tick = store.recordTick('skipped', at, playbook, note);
        setup.tell({ type: 'skipped', tick });
        void tickHooks(ctx, [tick]);
      },
      failed: (error) => setup.tell({ type: 'pass_error', error }),
      now: ctx.now,
    },
    ctx.signal,
    setup.ticker,
  );
}

async function passAndPrune(ctx: PassContext, setup: ReconcileSetup): Promise<PassResult> {
  const result = await runPass(ctx);
  setup.tell({ type: 'pass', result });
  prune(ctx.store, setup);
  return result;
}

/** Ticks that ran no pass reach the hooks too (metrics count passes by result), with no hosts. */
async function tickHooks(ctx: PassContext, ticks: PassRow[]): Promise<void> {
  for (const tick of ticks) await runPassEndHooks(ctx.hooks, tick, [], new Map(), ctx.onHookError);
}

function prune(store: HistoryStore, setup: ReconcileSetup): void {
  const pruned = pruneHistory(store.db, setup.retention, setup.pass.now());
  if (pruned.diffsCleared || pruned.passesDeleted) setup.tell({ type: 'pruned', pruned });
}
