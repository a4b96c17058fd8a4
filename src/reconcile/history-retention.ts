/**
 * How long the history keeps what (issue 14): diffs are the bulk of the
 * database and are only read for recent drift, so they go first
 * (`--keep-days`); the passes with their counts and host outcomes — what the
 * report's grid and the drift-over-time chart draw — stay much longer
 * (`--keep-passes-days`, default 400: a year-on-year comparison).
 */
import type Database from 'better-sqlite3';

export const DEFAULT_KEEP_DAYS = 30;
export const DEFAULT_KEEP_PASSES_DAYS = 400;
const DAY_MS = 86_400_000;

export interface Retention {
  keepDays: number;
  keepPassesDays: number;
}

export interface Pruned {
  diffsCleared: number;
  passesDeleted: number;
}

export function pruneHistory(db: Database.Database, retention: Retention, now: number): Pruned {
  const diffsBefore = now - retention.keepDays * DAY_MS;
  const passesBefore = now - Math.max(retention.keepPassesDays, retention.keepDays) * DAY_MS;
  return db.transaction((): Pruned => {
    // A running pass is never deleted, however old its start (a pass that outlived the window is still being written).
    const passesDeleted = db.prepare("DELETE FROM passes WHERE started_at < ? AND status <> 'running'").run(passesBefore).changes;
    // Only the passes that crossed the line since the last prune: this runs after every pass, on a table of millions of rows.
    const since = Number(db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'diffs_cleared_before'").get()?.value ?? 0);
    const diffsCleared = db
      .prepare('UPDATE task_results SET diff = NULL WHERE diff IS NOT NULL AND pass_id IN (SELECT id FROM passes WHERE started_at >= ? AND started_at < ?)')
      .run(Math.min(since, diffsBefore), diffsBefore).changes;
    db.prepare("INSERT INTO meta (key, value) VALUES ('diffs_cleared_before', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(Math.max(since, diffsBefore)));
    return { diffsCleared, passesDeleted };
  })();
}
