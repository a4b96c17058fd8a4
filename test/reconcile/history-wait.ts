/**
 * Waiting on a running `jailfleet reconcile` by what it records, not by the
 * clock: the history database is its observable progress.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { historyPath } from '../../src/reconcile/history-schema.js';

/** Poll the history (read-only, as `history` does) until `query` returns a truthy row. */
export async function waitForRow(stateDir: string, sql: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(historyPath(stateDir))) {
      const db = new Database(historyPath(stateDir), { readonly: true });
      try {
        if (db.prepare(sql).get()) return;
      } catch {
        // The schema is not there yet.
      } finally {
        db.close();
      }
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${sql}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

