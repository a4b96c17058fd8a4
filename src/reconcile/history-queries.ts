/**
 * Reads of the reconciliation history for `jailfleet history`, the pass-end
 * hooks and the benchmark. Every query walks an index (passes by start,
 * host results by host then pass), so they stay fast on a year of passes.
 */
import type Database from 'better-sqlite3';
import type { HostOutcome, HostResultRow, PassRow, TaskResultRow } from './history-schema.js';

export interface PassQuery {
  /** Only passes started at or after this time (ms). */
  since?: number;
  /** Only passes that recorded this host (and only its results). */
  host?: string;
  /** The newest this many (default: all). */
  limit?: number;
}

export interface PassWithHosts {
  pass: PassRow;
  hosts: HostResultRow[];
}

/** Passes oldest first, each with its host results (one host's, with `host`). */
export function listPasses(db: Database.Database, q: PassQuery): PassWithHosts[] {
  const since = q.since ?? 0;
  const limit = q.limit ?? -1;
  const passes = q.host
    ? db
        .prepare<[string, number, number], PassRow>(
          `SELECT p.* FROM host_results h JOIN passes p ON p.id = h.pass_id
           WHERE h.host = ? AND p.started_at >= ? ORDER BY h.pass_id DESC LIMIT ?`,
        )
        .all(q.host, since, limit)
    : db.prepare<[number, number], PassRow>('SELECT * FROM passes WHERE started_at >= ? ORDER BY id DESC LIMIT ?').all(since, limit);
  passes.reverse();
  if (passes.length === 0) return [];
  const byPass = new Map<number, HostResultRow[]>(passes.map((p) => [p.id, []]));
  const first = passes[0]!.id;
  const last = passes[passes.length - 1]!.id;
  const rows = q.host
    ? db.prepare<[string, number, number], HostResultRow>('SELECT * FROM host_results WHERE host = ? AND pass_id BETWEEN ? AND ? ORDER BY pass_id').all(q.host, first, last)
    : db.prepare<[number, number], HostResultRow>('SELECT * FROM host_results WHERE pass_id BETWEEN ? AND ? ORDER BY pass_id, host').all(first, last);
  for (const r of rows) byPass.get(r.pass_id)?.push(r);
  return passes.map((pass) => ({ pass, hosts: byPass.get(pass.id)! }));
}

export interface PassDetail extends PassWithHosts {
  tasks: TaskResultRow[];
}

/** One pass with every host result and task result (diffs included). */
export function passDetail(db: Database.Database, id: number, host?: string): PassDetail | undefined {
  const pass = db.prepare<[number], PassRow>('SELECT * FROM passes WHERE id = ?').get(id);
  if (!pass) return undefined;
  const hosts = db.prepare<[number], HostResultRow>('SELECT * FROM host_results WHERE pass_id = ? ORDER BY host').all(id);
  const tasks = db.prepare<[number], TaskResultRow>('SELECT * FROM task_results WHERE pass_id = ? ORDER BY host, seq').all(id);
  if (!host) return { pass, hosts, tasks };
  return { pass, hosts: hosts.filter((h) => h.host === host), tasks: tasks.filter((t) => t.host === host) };
}

export function hostResultsOf(db: Database.Database, passId: number): HostResultRow[] {
  return db.prepare<[number], HostResultRow>('SELECT * FROM host_results WHERE pass_id = ? ORDER BY host').all(passId);
}

/**
 * Each host's outcome in the newest earlier pass that recorded it (what a
 * webhook compares against: "new drift", "back to ok").
 */
export function previousOutcomes(db: Database.Database, passId: number): Map<string, HostOutcome> {
  // One index probe per host of the pass (host, pass_id): a year of history costs no more than a day.
  const rows = db
    .prepare<[number], { host: string; outcome: HostOutcome | null }>(
      `SELECT h.host, (SELECT p.outcome FROM host_results p WHERE p.host = h.host AND p.pass_id < h.pass_id ORDER BY p.pass_id DESC LIMIT 1) AS outcome
       FROM host_results h WHERE h.pass_id = ?`,
    )
    .all(passId);
  return new Map(rows.flatMap((r) => (r.outcome === null ? [] : [[r.host, r.outcome] as const])));
}

export interface TaskDrift {
  task: string;
  module: string;
  drifted: number;
  hosts: number;
}

/** The tasks found drifted most often since `since` (repaired ones count: they had drifted). */
export function mostDriftingTasks(db: Database.Database, since: number, limit = 20): TaskDrift[] {
  return db
    .prepare<[number, number], TaskDrift>(
      `SELECT t.task, t.module, COUNT(*) AS drifted, COUNT(DISTINCT t.host) AS hosts
       FROM task_results t JOIN passes p ON p.id = t.pass_id
       WHERE p.started_at >= ? AND t.status IN ('drifted', 'repaired')
       GROUP BY t.task, t.module ORDER BY drifted DESC, t.task LIMIT ?`,
    )
    .all(since, limit);
}

/** Every task result (all are drifted, repaired or failed) of the passes started since `since`, in pass and host order. */
export function tasksSince(db: Database.Database, since: number): TaskResultRow[] {
  return db
    .prepare<[number], TaskResultRow>(
      `SELECT t.* FROM task_results t
       WHERE t.pass_id >= (SELECT COALESCE(MIN(id), 0) FROM passes WHERE started_at >= ?)
       ORDER BY t.pass_id, t.host, t.seq`,
    )
    .all(since);
}

/** The pass rows (counts, no hosts) started since `since`, oldest first. */
export function passRowsSince(db: Database.Database, since: number): PassRow[] {
  return db.prepare<[number], PassRow>('SELECT * FROM passes WHERE started_at >= ? ORDER BY id').all(since);
}

/**
 * The host results that are not ok, of the passes started since `since`:
 * with the pass rows' counts, all a hosts × passes grid needs but the ok
 * cells, which are most of them (1,000 hosts × 200 passes is 200,000 rows
 * to read for cells that say nothing).
 */
export function notOkHostsSince(db: Database.Database, since: number): HostResultRow[] {
  return db
    .prepare<[number], HostResultRow>(
      `SELECT * FROM host_results
       WHERE pass_id >= (SELECT COALESCE(MIN(id), 0) FROM passes WHERE started_at >= ?) AND outcome <> 'ok'
       ORDER BY pass_id, host`,
    )
    .all(since);
}
