import { describe, expect, it } from 'vitest';
import { runSchedule, type TickerFactory } from '../../src/reconcile/schedule.js';
import { splayOffsetMs, splayOrder } from '../../src/reconcile/splay.js';
import type { Inventory } from '../../src/inventory/types.js';

/** A clock and a ticker the test drives: `tick(at)` is croner calling at `at`. */
function fakeTime(start: number) {
  let now = start;
  let onTick: (() => void) | undefined;
  const ticker: TickerFactory = (_every, cb) => {
    onTick = cb;
    return { stop: () => (onTick = undefined) };
  };
  return {
    ticker,
    now: () => now,
    tick(at: number) {
      now = at;
      onTick?.();
    },
  };
}

const S = 1000;
const T0 = Date.UTC(2025, 0, 1);

describe('the schedule', () => {
  it('runs one pass at a time, records the ticks that come during one as skipped, and those croner never delivered too', async () => {
    const time = fakeTime(T0 + 300);
    const events: string[] = [];
    const finish: Array<() => void> = [];
    const controller = new AbortController();
    const done = runSchedule(
      '* * * * * *',
      {
        pass: (at) => {
          events.push(`pass ${(at - T0) / S}`);
          return new Promise<void>((resolve) => finish.push(resolve));
        },
        failed: (err) => events.push(`failed ${String(err)}`),
        skipped: (at, since) => events.push(`skipped ${(at - T0) / S} (running since ${since === undefined ? '-' : (since - T0) / S})`),
        now: time.now,
      },
      controller.signal,
      time.ticker,
    );
    time.tick(T0 + 1 * S + 2);
    time.tick(T0 + 2 * S + 1);
    // The event loop was busy: croner calls once, late, for the tick at 5 s, and says nothing of 3 and 4.
    time.tick(T0 + 5 * S + 400);
    finish.shift()!();
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    time.tick(T0 + 6 * S);
    controller.abort();
    finish.shift()!();
    await done;
    expect(events).toEqual([
      'pass 1',
      'skipped 2 (running since 1)',
      'skipped 3 (running since 1)',
      'skipped 4 (running since 1)',
      'skipped 5 (running since 1)',
      'pass 6',
    ]);
  });

  it('on an interrupt, stops the ticks and waits for the running pass to be recorded', async () => {
    const time = fakeTime(T0);
    let recorded = false;
    const controller = new AbortController();
    const done = runSchedule(
      '* * * * * *',
      {
        pass: () => new Promise<void>((resolve) => setTimeout(() => resolve(void (recorded = true)), 20)),
        failed: () => undefined,
        skipped: () => undefined,
        now: time.now,
      },
      controller.signal,
      time.ticker,
    );
    time.tick(T0 + S);
    controller.abort();
    await done;
    expect(recorded).toBe(true);
  });
});

describe('splay', () => {
  it('gives each host a stable offset inside the window, spread over it, and hands hosts over in offset order', () => {
    const names = Array.from({ length: 200 }, (_, i) => `web${i}`);
    const offsets = names.map((n) => splayOffsetMs(n, 60));
    expect(names.map((n) => splayOffsetMs(n, 60))).toEqual(offsets);
    expect(offsets.every((o) => o >= 0 && o < 60_000)).toBe(true);
    // Every tenth of the window gets some hosts: not all at the same second.
    const buckets = new Set(offsets.map((o) => Math.floor(o / 6000)));
    expect(buckets.size).toBe(10);
    expect(splayOffsetMs('web1', 0)).toBe(0);
    const inventory = { file: 'x', groups: new Map(), hosts: new Map(names.map((n) => [n, { name: n, vars: {}, groups: ['all'], pos: { file: 'x', line: 1, col: 1 } }])) } as Inventory;
    const ordered = [...splayOrder(inventory, 60).hosts.keys()].map((n) => splayOffsetMs(n, 60));
    expect(ordered).toEqual([...offsets].sort((a, b) => a - b));
  });
});

describe('the splayed connector', () => {
  it('connects each host no earlier than the pass start plus its offset, and not at all later when interrupted', async () => {
    const { splayConnector } = await import('../../src/reconcile/splay.js');
    const waits: Array<[string, number]> = [];
    const connected: string[] = [];
    const inner = { connect: async (h: { name: string }) => (connected.push(h.name), {} as never) };
    const host = (name: string) => ({ name, vars: {}, groups: [], pos: { file: 'x', line: 1, col: 1 } });
    const start = 1_000_000;
    const connector = splayConnector(inner, 60, start, () => start + 1000, async (ms) => void waits.push(['sleep', ms]));
    await connector.connect(host('web1'));
    expect(waits).toEqual([['sleep', splayOffsetMs('web1', 60) - 1000]]);
    expect(connected).toEqual(['web1']);
    const controller = new AbortController();
    controller.abort();
    await splayConnector(inner, 60, start, () => start, async (ms) => void waits.push(['sleep', ms]), controller.signal).connect(host('web2'));
    expect(waits).toHaveLength(1);
    expect(splayConnector(inner, 0, start, () => start, async () => undefined)).toBe(inner);
  });
});
