import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyPath } from '../../src/reconcile/history-schema.js';
import { loadReportData, openHistoryReadOnly } from '../../src/reconcile/report-data.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { MINUTE, lineDiff, writeFixtureDb, type FixturePass } from './report-fixture.js';

const T0 = Date.UTC(2026, 4, 1, 12, 0);
const SSHD = lineDiff('/etc/ssh/sshd_config', 'PermitRootLogin no', 'PermitRootLogin yes');

/** Four hosts over seven passes, one of them before T0 (left out by since = T0). */
const SMALL_FLEET: FixturePass[] = [
  { startedAt: T0 - 24 * 60 * MINUTE, hosts: [{ host: 'web1', outcome: 'drifted', tasks: [{ task: 'old', status: 'drifted', diff: 'x' }] }] },
  { startedAt: T0, hosts: ['web1', 'web2', 'db1'].map((host) => ({ host, outcome: 'ok' as const, tasks: [{ task: 'sshd_config', status: 'ok' as const }] })) },
  {
    startedAt: T0 + 15 * MINUTE,
    hosts: [
      { host: 'web1', outcome: 'drifted', tasks: [{ task: 'sshd_config', status: 'drifted', diff: SSHD }, { task: 'motd', status: 'ok' }] },
      { host: 'web2', outcome: 'ok' },
      { host: 'web10', outcome: 'ok' },
      { host: 'db1', outcome: 'failed', tasks: [{ task: 'pkg: nginx', module: 'pkg', status: 'failed', message: 'No packages available' }] },
    ],
  },
  { startedAt: T0 + 30 * MINUTE, status: 'skipped', note: 'a pass was still running' },
  {
    startedAt: T0 + 45 * MINUTE,
    fix: true,
    hosts: [
      { host: 'web1', outcome: 'repaired', tasks: [{ task: 'sshd_config', status: 'repaired', diff: SSHD }] },
      { host: 'web2', outcome: 'unreachable', message: 'connect ECONNREFUSED' },
      {
        host: 'db1',
        outcome: 'drifted',
        tasks: [
          { task: 'sshd_config', status: 'drifted', diff: SSHD },
          { task: 'rc.conf: sshd_enable', module: 'sysrc', status: 'drifted', diff: lineDiff('rc.conf', 'sshd_enable="NO"', 'sshd_enable="YES"') },
        ],
      },
    ],
  },
  { startedAt: T0 + 60 * MINUTE, status: 'missed' },
  { startedAt: T0 + 75 * MINUTE, status: 'interrupted', hosts: [{ host: 'web1', outcome: 'ok' }] },
];

describe('report data', () => {
  let dir: string;
  let db: Database.Database;
  let ids: number[];
  beforeAll(async () => {
    dir = await makeTempDir('jailfleet-report-data-');
    ids = writeFixtureDb(historyPath(dir), SMALL_FLEET);
    db = openHistoryReadOnly(historyPath(dir));
  });
  afterAll(async () => {
    db.close();
    await removeDir(dir);
  });

  it('lays out hosts (natural order) × passes since T as outcome codes', () => {
    const data = loadReportData(db, { since: T0, now: T0 + 90 * MINUTE });
    expect(data.passes.map((p) => p.id)).toEqual(ids.slice(1));
    expect(data.passes.map((p) => p.status)).toEqual(['done', 'done', 'skipped', 'done', 'missed', 'interrupted']);
    expect(data.totalPasses).toBe(6);
    expect(data.hosts).toEqual(['db1', 'web1', 'web2', 'web10']);
    expect(data.grid).toEqual(['ofsdmi', 'odsrmo', 'oosumi', '.os.mi']);
  });

  it('counts hosts drifted, repaired, failed and unreachable per pass that ran', () => {
    const { drift } = loadReportData(db, { since: T0 });
    expect(drift.map((d) => [d.passId, d.drifted, d.repaired, d.failed, d.unreachable])).toEqual([
      [ids[1], 0, 0, 0, 0],
      [ids[2], 1, 0, 1, 0],
      [ids[4], 1, 1, 0, 1],
      [ids[6], 0, 0, 0, 0],
    ]);
  });

  it('ranks tasks by how often they drifted', () => {
    const { topTasks } = loadReportData(db, { since: T0 });
    expect(topTasks).toEqual([
      { task: 'sshd_config', module: 'file', drifted: 2, repaired: 1, hosts: 2, lastPassId: ids[4], lastAt: T0 + 45 * MINUTE },
      { task: 'rc.conf: sshd_enable', module: 'sysrc', drifted: 1, repaired: 0, hosts: 1, lastPassId: ids[4], lastAt: T0 + 45 * MINUTE },
    ]);
  });

  it('details every cell that is not ok, with the task results that are not ok and their diffs', () => {
    const { cells } = loadReportData(db, { since: T0 });
    expect(cells.map((c) => `${c.passId}:${c.host}:${c.outcome}`)).toEqual([
      `${ids[2]}:db1:failed`,
      `${ids[2]}:web1:drifted`,
      `${ids[4]}:db1:drifted`,
      `${ids[4]}:web1:repaired`,
      `${ids[4]}:web2:unreachable`,
    ]);
    const web1 = cells[1]!;
    expect(web1.tasks).toEqual([{ seq: 0, task: 'sshd_config', module: 'file', status: 'drifted', corrective: false, message: '', diff: SSHD }]);
    expect(web1.okTasks).toBe(1);
    expect(cells[3]!.tasks[0]).toMatchObject({ status: 'repaired', corrective: true });
    expect(cells[4]).toEqual({ host: 'web2', passId: ids[4], outcome: 'unreachable', message: 'connect ECONNREFUSED', okTasks: 0, tasks: [] });
  });

  it('reads every pass without since, and keeps only the newest maxPasses', () => {
    expect(loadReportData(db).passes).toHaveLength(7);
    const last = loadReportData(db, { maxPasses: 2 });
    expect(last.totalPasses).toBe(7);
    expect(last.passes.map((p) => p.id)).toEqual(ids.slice(5));
    expect(last.hosts).toEqual(['web1']);
    expect(last.grid).toEqual(['mo']);
  });

  it('puts an inventory order first, with hosts that have no result yet', () => {
    const data = loadReportData(db, { since: T0, hostOrder: ['web2', 'ghost'] });
    expect(data.hosts).toEqual(['web2', 'ghost', 'db1', 'web1', 'web10']);
    expect(data.grid[1]).toBe('..s.mi');
  });

  it('is empty, not an error, when nothing ran since T', () => {
    const data = loadReportData(db, { since: T0 + 24 * 60 * MINUTE });
    expect(data).toMatchObject({ passes: [], hosts: [], grid: [], drift: [], topTasks: [], cells: [], totalPasses: 0 });
  });

  it('falls back to the pass counts when host results were pruned', async () => {
    const pruned = await makeTempDir('jailfleet-report-pruned-');
    try {
      const [id] = writeFixtureDb(historyPath(pruned), [SMALL_FLEET[4]!]);
      const w = new Database(historyPath(pruned));
      w.prepare('DELETE FROM host_results').run();
      w.close();
      const r = openHistoryReadOnly(historyPath(pruned));
      const data = loadReportData(r);
      r.close();
      expect(data.drift).toEqual([{ passId: id, startedAt: T0 + 45 * MINUTE, status: 'done', drifted: 1, repaired: 1, failed: 0, unreachable: 1 }]);
    } finally {
      await removeDir(pruned);
    }
  });

  it('reads while a writer holds the database open, and cannot write', () => {
    const writer = new Database(historyPath(dir));
    try {
      writer.prepare("UPDATE passes SET note = 'seen' WHERE id = ?").run(ids[1]);
      expect(loadReportData(db, { since: T0 }).passes[0]?.note).toBe('seen');
      expect(() => db.prepare('DELETE FROM passes').run()).toThrow(/readonly/);
    } finally {
      writer.close();
    }
  });

  it('refuses a missing database instead of creating one', () => {
    expect(() => openHistoryReadOnly(join(dir, 'none.sqlite'))).toThrow();
  });
});
