/**
 * The reconciliation history (issue 14): one SQLite database per state
 * directory (`STATE_DIR/history.sqlite`, WAL mode), written by
 * `jailfleet reconcile` and read by `history`, `report --html` and the
 * metrics. This file is the contract between them: the tables and the
 * outcome words.
 */

/** A host's outcome in one pass. */
export type HostOutcome = 'ok' | 'drifted' | 'repaired' | 'failed' | 'unreachable' | 'busy';
export const HOST_OUTCOMES: readonly HostOutcome[] = ['ok', 'drifted', 'repaired', 'failed', 'unreachable', 'busy'];

/** A task's outcome on a host in one pass. `repaired`: drifted, then applied by --fix (a corrective change). */
export type TaskOutcome = 'ok' | 'drifted' | 'repaired' | 'failed' | 'skipped';

/**
 * A pass: `running` while it runs; `done`; `interrupted` (the process died
 * during it: marked at the next start, its host results kept); `skipped` (a
 * tick that came while a pass ran) and `missed` (a tick while the process
 * was down) are recorded with their time and nothing else.
 */
export type PassStatus = 'running' | 'done' | 'interrupted' | 'skipped' | 'missed';

export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS passes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at INTEGER NOT NULL,          -- ms since the epoch (for skipped/missed: the tick's time)
  ended_at INTEGER,                     -- ms; NULL while running or when interrupted
  status TEXT NOT NULL,                 -- PassStatus
  fix INTEGER NOT NULL DEFAULT 0,       -- 1 with --fix
  playbook TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',        -- why a pass stopped early (failure budget), why a tick was skipped
  hosts_ok INTEGER NOT NULL DEFAULT 0,
  hosts_drifted INTEGER NOT NULL DEFAULT 0,
  hosts_repaired INTEGER NOT NULL DEFAULT 0,
  hosts_failed INTEGER NOT NULL DEFAULT 0,
  hosts_unreachable INTEGER NOT NULL DEFAULT 0,
  hosts_busy INTEGER NOT NULL DEFAULT 0,
  tasks_drifted INTEGER NOT NULL DEFAULT 0,
  repairs INTEGER NOT NULL DEFAULT 0    -- tasks repaired (corrective changes)
);
CREATE INDEX IF NOT EXISTS passes_started ON passes (started_at);
CREATE TABLE IF NOT EXISTS host_results (
  pass_id INTEGER NOT NULL REFERENCES passes (id) ON DELETE CASCADE,
  host TEXT NOT NULL,
  outcome TEXT NOT NULL,                -- HostOutcome
  message TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (pass_id, host)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS host_results_host ON host_results (host, pass_id);
CREATE TABLE IF NOT EXISTS task_results (
  pass_id INTEGER NOT NULL REFERENCES passes (id) ON DELETE CASCADE,
  host TEXT NOT NULL,
  seq INTEGER NOT NULL,                 -- the task's order on the host in the pass
  task TEXT NOT NULL,
  module TEXT NOT NULL,
  status TEXT NOT NULL,                 -- TaskOutcome
  corrective INTEGER NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  diff TEXT,                            -- unified diff text of what drifted; NULL when none, or pruned (--keep-days)
  PRIMARY KEY (pass_id, host, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS task_results_task ON task_results (task, status);
`;

export interface PassRow {
  id: number;
  started_at: number;
  ended_at: number | null;
  status: PassStatus;
  fix: number;
  playbook: string;
  note: string;
  hosts_ok: number;
  hosts_drifted: number;
  hosts_repaired: number;
  hosts_failed: number;
  hosts_unreachable: number;
  hosts_busy: number;
  tasks_drifted: number;
  repairs: number;
}

export interface HostResultRow {
  pass_id: number;
  host: string;
  outcome: HostOutcome;
  message: string;
}

export interface TaskResultRow {
  pass_id: number;
  host: string;
  seq: number;
  task: string;
  module: string;
  status: TaskOutcome;
  corrective: number;
  message: string;
  diff: string | null;
}

/** Where the history lives in a state directory. */
export const historyPath = (stateDir: string): string => `${stateDir.replace(/\/+$/, '')}/history.sqlite`;
