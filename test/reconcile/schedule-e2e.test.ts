import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../src/reconcile/history-store.js';
import { listPasses } from '../../src/reconcile/history-queries.js';
import { waitForRow } from './history-wait.js';
import { slowProjectWithCli } from './slow-project.js';

describe('reconcile --every: a pass slower than the interval', () => {
  // A pass of playbooks/tiny.yml on old1 is one exec: 1.5 s, over a tick every second.
  const { project, main } = slowProjectWithCli(1500);

  it('skips the ticks that come while it runs, records each with its time, and never runs two passes at once', async () => {
    const child = spawn(process.execPath, [main(), 'reconcile', 'playbooks/tiny.yml', '-i', 'inventory/slow.yml', '--limit', 'old1', '--every', '* * * * * *'], {
      cwd: project.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Two passes done and two ticks skipped, as recorded (on an idle machine about 4 s in).
    await waitForRow(join(project.dir, '.jailfleet'), "SELECT 1 WHERE (SELECT count(*) FROM passes WHERE status = 'done') >= 2 AND (SELECT count(*) FROM passes WHERE status = 'skipped') >= 2", 25_000);
    child.kill('SIGTERM');
    // SIGTERM ends a schedule normally (a service stopping), once the running pass is recorded.
    expect(await exited).toBe(0);

    const store = openHistory(join(project.dir, '.jailfleet'), { readonly: true });
    const passes = listPasses(store.db, {}).map((e) => e.pass);
    store.close();
    const runs = passes.filter((p) => p.status === 'done' || p.status === 'interrupted');
    const skipped = passes.filter((p) => p.status === 'skipped');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    expect(passes.every((p) => p.status !== 'running')).toBe(true);
    // Never two at once: each pass starts after the one before ended.
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.started_at).toBeGreaterThanOrEqual(runs[i - 1]!.ended_at ?? Number.POSITIVE_INFINITY);
    // Every skipped tick is a whole second inside a pass that was running, and says which.
    for (const tick of skipped) {
      expect(tick.started_at % 1000).toBe(0);
      const during = runs.find((p) => p.started_at <= tick.started_at + 999 && tick.started_at <= (p.ended_at ?? Number.POSITIVE_INFINITY));
      expect(during, `tick ${new Date(tick.started_at).toISOString()}`).toBeDefined();
      expect(tick.note).toBe(`a pass was still running (started ${new Date(Math.floor(during!.started_at / 1000) * 1000).toISOString()})`);
    }
    expect(stdout).toMatch(/tick skipped: a pass was still running/);
  }, 40_000);
});
