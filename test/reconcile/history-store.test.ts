import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistory, type HistoryStore, type HostRecord } from '../../src/reconcile/history-store.js';
import { pruneHistory } from '../../src/reconcile/history-retention.js';
import { listPasses, mostDriftingTasks, passDetail, previousOutcomes } from '../../src/reconcile/history-queries.js';
import { missedTicks } from '../../src/reconcile/missed-ticks.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

const drifted = (host: string, diff: string | null = '-a\n+b'): HostRecord => ({
  host,
  outcome: 'drifted',
  message: '1 task drifted',
  tasks: [{ seq: 0, task: 'rc.conf', module: 'sysrc', status: 'drifted', corrective: false, message: 'x -> y', diff }],
});
const ok = (host: string): HostRecord => ({ host, outcome: 'ok', message: '', tasks: [] });

describe('the history store', () => {
  let dir: string;
  let store: HistoryStore;
  beforeEach(async () => {
    dir = await makeTempDir();
    store = openHistory(dir);
  });
  afterEach(async () => {
    store.close();
    await removeDir(dir);
  });

  it('is in WAL mode, and a pass counts what its hosts recorded (a repair replacing the check rows of its host)', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const id = store.beginPass({ startedAt: T0, fix: true, playbook: 'site.yml' });
    store.recordHost(id, drifted('a'));
    store.recordHost(id, drifted('b'));
    store.recordHost(id, ok('c'));
    store.replaceHost(id, { host: 'a', outcome: 'repaired', message: '1 task repaired', tasks: [{ seq: 0, task: 'rc.conf', module: 'sysrc', status: 'repaired', corrective: true, message: '', diff: '-a\n+b' }] });
    const pass = store.endPass(id, { endedAt: T0 + 1000, status: 'done', note: '' });
    expect(pass).toMatchObject({ status: 'done', fix: 1, hosts_ok: 1, hosts_drifted: 1, hosts_repaired: 1, tasks_drifted: 2, repairs: 1, ended_at: T0 + 1000 });
    expect(passDetail(store.db, id)!.tasks.map((t) => [t.host, t.status, t.corrective])).toEqual([
      ['a', 'repaired', 1],
      ['b', 'drifted', 0],
    ]);
  });

  it('marks a pass a dead process left running as interrupted at the next open, keeping its host results', () => {
    const id = store.beginPass({ startedAt: T0, fix: false, playbook: 'site.yml' });
    store.recordHost(id, drifted('a'));
    store.close();
    store = openHistory(dir);
    expect(store.interruptedAtOpen).toEqual([id]);
    const [entry] = listPasses(store.db, {});
    expect(entry!.pass).toMatchObject({ id, status: 'interrupted', ended_at: null, hosts_drifted: 1, tasks_drifted: 1 });
    expect(entry!.hosts.map((h) => h.host)).toEqual(['a']);
    // A reader never marks anything.
    const reader = openHistory(dir, { readonly: true });
    expect(reader.interruptedAtOpen).toEqual([]);
    reader.close();
  });

  it('records ticks, lists passes by host and since, and tells each host its outcome in the pass before', () => {
    const p1 = store.beginPass({ startedAt: T0, fix: false, playbook: 'p' });
    store.recordHost(p1, ok('a'));
    store.recordHost(p1, drifted('b'));
    store.endPass(p1, { endedAt: T0 + 10, status: 'done', note: '' });
    store.recordTick('skipped', T0 + 1000, 'p', 'a pass was still running');
    const p2 = store.beginPass({ startedAt: T0 + 2000, fix: false, playbook: 'p' });
    store.recordHost(p2, drifted('a'));
    store.recordHost(p2, ok('b'));
    store.recordHost(p2, ok('c'));
    store.endPass(p2, { endedAt: T0 + 2010, status: 'done', note: '' });
    expect(store.lastTickAt()).toBe(T0 + 2000);
    expect(Object.fromEntries(previousOutcomes(store.db, p2))).toEqual({ a: 'ok', b: 'drifted' });
    expect(listPasses(store.db, {}).map((e) => e.pass.status)).toEqual(['done', 'skipped', 'done']);
    expect(listPasses(store.db, { since: T0 + 500 }).map((e) => e.pass.id)).toEqual([2, 3]);
    expect(listPasses(store.db, { limit: 1 }).map((e) => e.pass.id)).toEqual([3]);
    const a = listPasses(store.db, { host: 'a' });
    expect(a.map((e) => [e.pass.id, e.hosts.map((h) => h.outcome)])).toEqual([
      [1, ['ok']],
      [3, ['drifted']],
    ]);
    expect(mostDriftingTasks(store.db, 0)).toEqual([{ task: 'rc.conf', module: 'sysrc', drifted: 2, hosts: 2 }]);
  });

  it('clears diffs past --keep-days and deletes passes (with their rows) past --keep-passes-days', () => {
    for (const [at, host] of [
      [T0, 'old'],
      [T0 + 50 * DAY, 'mid'],
      [T0 + 99 * DAY, 'new'],
    ] as const) {
      const id = store.beginPass({ startedAt: at, fix: false, playbook: 'p' });
      store.recordHost(id, drifted(host));
      store.endPass(id, { endedAt: at + 1, status: 'done', note: '' });
    }
    const pruned = pruneHistory(store.db, { keepDays: 30, keepPassesDays: 90 }, T0 + 100 * DAY);
    expect(pruned).toEqual({ diffsCleared: 1, passesDeleted: 1 });
    const rows = store.db.prepare('SELECT host, diff FROM task_results ORDER BY pass_id').all();
    expect(rows).toEqual([
      { host: 'mid', diff: null },
      { host: 'new', diff: '-a\n+b' },
    ]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM host_results').get()).toEqual({ n: 2 });
    // The counts outlive the diffs.
    expect(listPasses(store.db, {}).map((e) => e.pass.tasks_drifted)).toEqual([1, 1]);
  });
});

describe('missed ticks', () => {
  it('are the ticks strictly between the last recorded time and now, at most the newest N (the rest summed up)', () => {
    const since = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(missedTicks('*/15 * * * *', since, since + 60 * 60_000 + 1).map((t) => new Date(t.at).toISOString())).toEqual([
      '2025-01-01T12:15:00.000Z',
      '2025-01-01T12:30:00.000Z',
      '2025-01-01T12:45:00.000Z',
      '2025-01-01T13:00:00.000Z',
    ]);
    expect(missedTicks('*/15 * * * *', undefined, since)).toEqual([]);
    const capped = missedTicks('* * * * * *', since, since + 10_500, 3);
    expect(capped.map((t) => (t.at - since) / 1000)).toEqual([8, 9, 10]);
    expect(capped[0]!.note).toBe('the process was not running (and 7 earlier ticks since 2025-01-01T12:00:00.000Z)');
  });
});
