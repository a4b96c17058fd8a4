/**
 * The report's read-only queries against the history schema
 * (history-schema.ts). Passes are picked by time; the other queries read a
 * range of pass ids, and the caller drops rows of passes it does not show
 * (a missed tick is recorded late, with an old time and a new id).
 *
 * Built for 1,000 hosts × 200 passes: better-sqlite3 pays per row and per
 * string it hands to JavaScript, so the grid comes back as one row per
 * pass, its hosts and outcome codes concatenated by SQLite.
 */
import type Database from 'better-sqlite3';
import type { HostOutcome, PassRow, TaskOutcome } from './history-schema.js';
import { HOST_CODE } from './report-codes.js';

export type PassPick = Omit<PassRow, 'playbook' | 'tasks_drifted' | 'repairs'>;

/** The newest `limit` passes started at or after `from`, oldest first, and how many there are in all. */
export function readPasses(db: Database.Database, from: number, limit: number): { passes: PassPick[]; total: number } {
  const passes = db
    .prepare<[number, number], PassPick>(
      `SELECT id, started_at, ended_at, status, fix, note, hosts_ok, hosts_drifted, hosts_repaired,
              hosts_failed, hosts_unreachable, hosts_busy
       FROM passes WHERE started_at >= ? ORDER BY started_at DESC, id DESC LIMIT ?`,
    )
    .all(from, limit)
    .reverse();
  const total = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM passes WHERE started_at >= ?').get(from)?.n ?? 0;
  return { passes, total };
}

/** Separates host names in `hosts`: a control character no inventory name holds. */
export const HOST_SEPARATOR = '\x1f';

export interface PassOutcomes {
  pass_id: number;
  /** The pass's hosts joined by HOST_SEPARATOR. */
  hosts: string;
  /** One HOST_CODE per host, in the same order. */
  codes: string;
}

// Both group_concat()s of a group read its rows in the same order, so the
// n-th code is the n-th host's; the constants come from HOST_CODE, not from input.
const CODE_CASE = `CASE outcome ${Object.entries(HOST_CODE).map(([o, c]) => `WHEN '${o}' THEN '${c}'`).join(' ')} ELSE '.' END`;

/** Per pass with an id in [first, last], its hosts and their outcome codes. */
export function readOutcomesByPass(db: Database.Database, first: number, last: number): PassOutcomes[] {
  return db
    .prepare<[number, number], PassOutcomes>(
      `SELECT pass_id, group_concat(host, char(31)) AS hosts, group_concat(${CODE_CASE}, '') AS codes
       FROM host_results WHERE pass_id BETWEEN ? AND ? GROUP BY pass_id`,
    )
    .all(first, last);
}

export interface ProblemTaskRow {
  pass_id: number;
  host: string;
  outcome: HostOutcome;
  host_message: string;
  /** The cell's ok tasks, counted rather than listed. */
  ok_tasks: number;
  seq: number | null;
  task: string | null;
  module: string | null;
  status: Exclude<TaskOutcome, 'ok'> | null;
  corrective: number | null;
  message: string | null;
  diff: string | null;
}

/**
 * The cells that are not ok, with their task results that are not ok, in
 * task order: only those are embedded in the page (an ok host has no diff
 * to show, and a task only drifts on a host whose outcome is not ok). A
 * cell with no such task (unreachable, busy) comes back once, with NULL
 * task columns.
 */
export function readProblemCells(db: Database.Database, first: number, last: number): ProblemTaskRow[] {
  return db
    .prepare<[number, number], ProblemTaskRow>(
      `SELECT h.pass_id, h.host, h.outcome, h.message AS host_message,
              (SELECT COUNT(*) FROM task_results o WHERE o.pass_id = h.pass_id AND o.host = h.host AND o.status = 'ok') AS ok_tasks,
              t.seq, t.task, t.module, t.status, t.corrective, t.message, t.diff
       FROM host_results h
       LEFT JOIN task_results t ON t.pass_id = h.pass_id AND t.host = h.host AND t.status <> 'ok'
       WHERE h.pass_id BETWEEN ? AND ? AND h.outcome <> 'ok'
       ORDER BY h.pass_id, h.host, t.seq`,
    )
    .all(first, last);
}
