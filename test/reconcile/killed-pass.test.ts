import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../src/reconcile/history-store.js';
import { listPasses } from '../../src/reconcile/history-queries.js';
import { waitForRow } from './history-wait.js';
import { slowProjectWithCli } from './slow-project.js';

const exited = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

describe('a reconcile process killed during a pass', () => {
  // old1 takes 4 s to answer; old2 answers at once.
  const { project, main } = slowProjectWithCli(4000);
  const stateDir = join(project.dir, '.jailfleet');

  /** Every pass and tick with its hosts, read as `history` reads them (read-only: nothing marked). */
  const history = () => {
    const store = openHistory(stateDir, { readonly: true });
    try {
      return listPasses(store.db, {}).map(({ pass, hosts }) => ({ ...pass, hosts: hosts.map(({ host, outcome }) => ({ host, outcome })) }));
    } finally {
      store.close();
    }
  };
  const reconcile = (inventory: string): ChildProcess =>
    spawn(process.execPath, [main(), 'reconcile', 'playbooks/tiny.yml', '-i', inventory, '--every', '* * * * * *'], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] });

  it('restarts with its history intact: the pass marked interrupted, the host it had finished kept, the ticks it was down recorded as missed', async () => {
    const first = reconcile('inventory/slow.yml');
    const firstExit = exited(first);
    // old2 is recorded while old1 still waits: kill then, mid-pass.
    await waitForRow(stateDir, "SELECT 1 FROM host_results WHERE host = 'old2'", 10_000);
    first.kill('SIGKILL');
    expect(await firstExit).toEqual({ code: null, signal: 'SIGKILL' });
    const killedAt = Date.now();

    expect(history().map((p) => [p.id, p.status])).toEqual([[1, 'running']]);

    // The same fleet, old1 fast again; SIGTERM once a pass is done.
    await new Promise((r) => setTimeout(r, 1100));
    const second = reconcile('inventory/sim.yml');
    let stderr = '';
    second.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const secondExit = exited(second);
    await waitForRow(stateDir, "SELECT 1 FROM passes WHERE status = 'done'", 10_000);
    second.kill('SIGTERM');
    expect((await secondExit).code).toBe(0);
    expect(stderr).toContain('pass 1: the process ended during it; marked interrupted, its recorded hosts kept');

    const passes = history();
    const killed = passes[0]!;
    expect(killed).toMatchObject({ id: 1, status: 'interrupted', ended_at: null, hosts: [{ host: 'old2', outcome: 'drifted' }] });
    expect(killed.note).toMatch(/^the process ended during the pass/);
    const missed = passes.filter((p) => p.status === 'missed');
    expect(missed.length).toBeGreaterThanOrEqual(1);
    for (const m of missed) expect(m.started_at).toBeLessThanOrEqual(Date.now());
    expect(missed.some((m) => m.started_at >= killedAt - 1000)).toBe(true);
    const done = passes.find((p) => p.status === 'done')!;
    expect(done.hosts.map((h) => [h.host, h.outcome])).toEqual([
      ['old1', 'drifted'],
      ['old2', 'drifted'],
    ]);
    expect(passes.every((p) => p.status !== 'running')).toBe(true);
  }, 30_000);
});
