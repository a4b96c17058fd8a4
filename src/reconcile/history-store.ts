/**
 * The reconciliation history's writer (issue 14): one SQLite database per
 * state directory (history-schema.ts), in WAL mode so `history` and the
 * report read while a pass writes. Every host's results are committed as
 * soon as that host is done, so a pass killed half-way keeps what it saw;
 * the next writer to open the database marks such a pass interrupted.
 *
 * Task rows are kept only for tasks that are not plain ok (drifted,
 * repaired, failed): an ok host is fully described by its host row, and
 * 1,000 hosts × 15 ok tasks per pass would make the database grow by the
 * megabyte for nothing anyone looks at.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_SQL, SCHEMA_VERSION, historyPath, type HostOutcome, type PassRow, type PassStatus, type TaskOutcome } from './history-schema.js';

export interface TaskRecord {
  seq: number;
  task: string;
  module: string;
  status: TaskOutcome;
  corrective: boolean;
  message: string;
  diff: string | null;
}

export interface HostRecord {
  host: string;
  outcome: HostOutcome;
  message: string;
  tasks: TaskRecord[];
}

export interface PassStart {
  startedAt: number;
  fix: boolean;
  playbook: string;
}

export interface HistoryStore {
  readonly db: Database.Database;
  beginPass(start: PassStart): number;
  /** A host's results, in one transaction. */
  recordHost(passId: number, record: HostRecord): void;
  /** The same, in place of what the pass had recorded for the host (a repair replaces the check's rows). */
  replaceHost(passId: number, record: HostRecord): void;
  /** Close a pass: its counts come from the rows it recorded. */
  endPass(passId: number, end: { endedAt: number | null; status: 'done' | 'interrupted'; note: string }): PassRow;
  /** A tick that ran no pass: `skipped` (a pass was running) or `missed` (the process was down). */
  recordTick(status: 'skipped' | 'missed', at: number, playbook: string, note: string): PassRow;
  /** Several ticks at once, in one transaction (missed ticks at start). */
  recordTicks(status: 'skipped' | 'missed', ticks: Array<{ at: number; note: string }>, playbook: string): PassRow[];
  /** The time of the newest pass or tick recorded (missed ticks are counted from it). */
  lastTickAt(): number | undefined;
  /** Passes a dead process left `running`, now `interrupted` (their host rows kept): their ids. */
  readonly interruptedAtOpen: number[];
  close(): void;
}

export interface OpenOptions {
  /** Read-only (history, report): no schema writes, nothing marked. */
  readonly?: boolean;
}

const COUNTS_SQL = `
UPDATE passes SET
  hosts_ok = (SELECT COUNT(*) FROM host_results WHERE pass_id = $id AND outcome = 'ok'),
  hosts_drifted = (SELECT COUNT(*) FROM host_results WHERE pass_id = $id AND outcome = 'drifted'),
  hosts_repaired = (SELECT COUNT(*) FROM host_results WHERE pass_id = $id AND outcome = 'repaired'),
  hosts_failed = (SELECT COUNT(*) FROM host_results WHERE pass_id = $id AND outcome = 'failed'),
  hosts_unreachable = (SELECT COUNT(*) FROM host_results WHERE pass_id = $id AND outcome = 'unreachable'),
  hosts_busy = (SELECT COUNT(*) FROM host_results WHERE pass_id = $id AND outcome = 'busy'),
  -- drift found by the check, whether or not --fix repaired it (Puppet's noop_pending)
  tasks_drifted = (SELECT COUNT(*) FROM task_results WHERE pass_id = $id AND status IN ('drifted', 'repaired')),
  repairs = (SELECT COUNT(*) FROM task_results WHERE pass_id = $id AND status = 'repaired')
WHERE id = $id`;

export function openHistory(stateDir: string, options: OpenOptions = {}): HistoryStore {
  const path = historyPath(stateDir);
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
  // A reader waits for a writer's checkpoint rather than failing at once.
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a committed host result survives a killed process (not a power cut, which costs at most the last commits).
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA_SQL);
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
  }
  db.pragma('foreign_keys = ON');
  const interruptedAtOpen = options.readonly ? [] : markInterrupted(db);
  return storeOn(db, interruptedAtOpen);
}

/** A process killed mid-pass left it `running`: it is over, and what it recorded stays. */
function markInterrupted(db: Database.Database): number[] {
  const ids = db.prepare<[], { id: number }>("SELECT id FROM passes WHERE status = 'running'").all().map((r) => r.id);
  const counts = db.prepare(COUNTS_SQL);
  const mark = db.prepare("UPDATE passes SET status = 'interrupted', note = CASE WHEN note = '' THEN ? ELSE note END WHERE id = ?");
  db.transaction(() => {
    for (const id of ids) {
      counts.run({ id });
      mark.run('the process ended during the pass (killed or crashed); the hosts it had finished are kept', id);
    }
  })();
  return ids;
}

function storeOn(db: Database.Database, interruptedAtOpen: number[]): HistoryStore {
  const insertPass = db.prepare<[number, PassStatus, number, string, string]>('INSERT INTO passes (started_at, status, fix, playbook, note) VALUES (?, ?, ?, ?, ?)');
  const deleteHost = db.prepare<[number, string]>('DELETE FROM host_results WHERE pass_id = ? AND host = ?');
  const deleteTasks = db.prepare<[number, string]>('DELETE FROM task_results WHERE pass_id = ? AND host = ?');
  const insertHost = db.prepare<[number, string, HostOutcome, string]>('INSERT INTO host_results (pass_id, host, outcome, message) VALUES (?, ?, ?, ?)');
  const insertTask = db.prepare<[number, string, number, string, string, TaskOutcome, number, string, string | null]>(
    'INSERT INTO task_results (pass_id, host, seq, task, module, status, corrective, message, diff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const counts = db.prepare(COUNTS_SQL);
  const finish = db.prepare<[number | null, string, string, number]>('UPDATE passes SET ended_at = ?, status = ?, note = ? WHERE id = ?');
  const readPass = db.prepare<[number], PassRow>('SELECT * FROM passes WHERE id = ?');
  const last = db.prepare<[], { at: number | null }>('SELECT MAX(started_at) AS at FROM passes');

  const insertRows = (passId: number, r: HostRecord): void => {
    insertHost.run(passId, r.host, r.outcome, r.message);
    for (const t of r.tasks) insertTask.run(passId, r.host, t.seq, t.task, t.module, t.status, t.corrective ? 1 : 0, t.message, t.diff);
  };
  const recordHost = db.transaction(insertRows);
  const replaceHost = db.transaction((passId: number, r: HostRecord) => {
    deleteTasks.run(passId, r.host);
    deleteHost.run(passId, r.host);
    insertRows(passId, r);
  });
  const endPass = db.transaction((passId: number, end: { endedAt: number | null; status: 'done' | 'interrupted'; note: string }): PassRow => {
    counts.run({ id: passId });
    finish.run(end.endedAt, end.status, end.note, passId);
    return readPass.get(passId)!;
  });
  const recordTicks = db.transaction((status: 'skipped' | 'missed', ticks: Array<{ at: number; note: string }>, playbook: string): PassRow[] =>
    ticks.map((t) => readPass.get(Number(insertPass.run(t.at, status, 0, playbook, t.note).lastInsertRowid))!),
  );

  return {
    db,
    interruptedAtOpen,
    beginPass: (s) => Number(insertPass.run(s.startedAt, 'running', s.fix ? 1 : 0, s.playbook, '').lastInsertRowid),
    recordHost: (passId, record) => recordHost(passId, record),
    replaceHost: (passId, record) => replaceHost(passId, record),
    endPass: (passId, end) => endPass(passId, end),
    recordTick: (status, at, playbook, note) => recordTicks(status, [{ at, note }], playbook)[0]!,
    recordTicks: (status, ticks, playbook) => recordTicks(status, ticks, playbook),
    lastTickAt: () => last.get()?.at ?? undefined,
    close: () => db.close(),
  };
}
