/**
 * README "Scheduled reconciliation", Schedule rules: "One `reconcile` runs
 * per state directory (`reconcile.pid` in it)". A scheduled reconcile runs
 * in a process of its own (the built CLI); once it has recorded its first
 * pass (its own output, not a timer), a second `reconcile` on the same state
 * directory is refused with the holder's pid and records nothing, while one
 * on another `--state-dir` runs. The holder stopped (SIGTERM), its pid file
 * is gone; a pid file left by a process that no longer exists (killed,
 * crashed: src/reconcile/instance-lock.ts) is taken over.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { buildCli, type BuiltCli } from './built-cli.js';
import { slowProject } from './slow-project.js';

interface PassJson {
  id: number;
  status: string;
}

describe('one reconcile per state directory', () => {
  const project = slowProject(0);
  const stateDir = join(project.dir, '.jailfleet');
  const pidFile = join(stateDir, 'reconcile.pid');
  const reconcileArgs = ['reconcile', 'playbooks/tiny.yml', '-i', 'inventory/slow.yml', '--limit', 'old1'];
  const passes = async (...extra: string[]) => (JSON.parse((await cli(project.dir, 'history', '--json', ...extra)).stdout) as { passes: PassJson[] }).passes;
  let built: BuiltCli;

  beforeAll(async () => {
    built = await buildCli();
    // Converged first: every pass below finds no drift (exit 0).
    expect((await cli(project.dir, 'apply', 'playbooks/tiny.yml', '-i', 'inventory/slow.yml', '--limit', 'old1')).code).toBe(0);
  }, 60_000);
  afterAll(() => {
    built?.cleanup();
    project.cleanup();
  });

  it('refuses a second reconcile while one runs, naming its pid; another --state-dir is free; the pid file goes with the holder', async () => {
    const child = spawn(process.execPath, [built.main, ...reconcileArgs, '--every', '* * * * * *'], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stdout = '';
    // Running for sure once its first pass is recorded.
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (/ pass \d+ done/.test(stdout)) resolve();
      });
      void exited.then((code) => reject(new Error(`reconcile exited (${code}) before its first pass: ${stdout}`)));
    });
    try {
      expect(readFileSync(pidFile, 'utf8')).toBe(`${child.pid}\n`);
      const second = await cli(project.dir, ...reconcileArgs, '--once');
      expect(second.stderr).toBe(`error: another jailfleet reconcile (pid ${child.pid}) uses ${stateDir}; stop it first, or use another --state-dir\n`);
      expect(second.stdout).toBe('');
      expect(second.code).toBe(1);
      // The holder's pid file is left as it was.
      expect(readFileSync(pidFile, 'utf8')).toBe(`${child.pid}\n`);

      const other = await cli(project.dir, ...reconcileArgs, '--once', '--state-dir', join(project.dir, 'other-state'));
      // Its own history and its own simulated hosts (fresh, so the setting is drift): pass 1, exit 2.
      expect(other.stdout).toMatch(/ pass 1 done in [\d.]+ s: 1 host\(s\): 1 drifted; 1 task\(s\) drifted\n/);
      expect(other.code).toBe(2);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
    // Every pass the holder ran is recorded done (the refused run recorded none: it never opened the history).
    const recorded = await passes();
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((p) => p.status === 'done' || p.status === 'skipped')).toBe(true);
  }, 30_000);

  it('takes over a pid file whose process no longer exists', async () => {
    // A process that has ended: its pid is free (not reused in this short window by anything we own).
    const gone = spawn(process.execPath, ['-e', '0']);
    const pid = gone.pid!;
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(pidFile, `${pid}\n`);
    const r = await cli(project.dir, ...reconcileArgs, '--once');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
  });
});
