import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

interface HostJson {
  host: string;
  outcome: string;
  message: string;
}
interface PassJson {
  id: number;
  status: string;
  fix: number;
  note: string;
  hosts_ok: number;
  hosts_drifted: number;
  hosts_repaired: number;
  tasks_drifted: number;
  repairs: number;
  hosts: HostJson[];
}
interface TaskJson {
  host: string;
  task: string;
  module: string;
  status: string;
  corrective: number;
  diff: string | null;
}

const outcomes = (p: PassJson): Record<string, string> => Object.fromEntries(p.hosts.map((h) => [h.host, h.outcome]));

// Issue 14's promise through the CLI: converge the simulated fleet, then
// passes with drift injected between them through the simulator.
describe('reconcile --once on the simulated fleet', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const pass = (inventory: string, ...extra: string[]) => run('reconcile', 'playbooks/site.yml', '-i', inventory, '--once', ...extra);
  const simExec = (host: string, ...command: string[]) => run('sim', 'exec', host, '-i', 'inventory/sim.yml', '--', ...command);
  // A host's state but the clock and pid counter, which every exec advances.
  const state = (h: string) => {
    const { clock: _clock, nextPid: _nextPid, ...rest } = JSON.parse(readFileSync(join(project.dir, '.jailfleet', 'sim', `${h}.json`), 'utf8')) as Record<string, unknown>;
    return rest;
  };
  const history = async (...argv: string[]) => {
    const r = await run('history', '--json', ...argv);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { passes: PassJson[] };
  };

  afterAll(() => project.cleanup());
  beforeAll(async () => {
    expect((await run('apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml')).code).toBe(0);
  });

  it('records all ok, then the drift with its diff; --fix repairs only the drifted hosts as corrective; then all ok — and history --json shows exactly that', async () => {
    const first = await pass('inventory/sim.yml');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/pass 1 done in [\d.]+ s: 4 host\(s\): 4 ok\n/);

    // Drift: the jail's own rc.conf on new1, a host daemon's flags on old2.
    expect((await simExec('new1', 'sysrc', '-f', '/usr/jails/www/etc/rc.conf', 'sshd_enable=NO')).stdout).toBe('sshd_enable: YES -> NO\n');
    expect((await simExec('old2', 'sysrc', 'syslogd_flags=-s')).stdout).toBe('syslogd_flags: -ss -> -s\n');
    const second = await pass('inventory/sim.yml');
    expect(second.code).toBe(2);
    expect(second.stdout).toMatch(/^ +new1 drifted: 1 task drifted$/m);
    expect(second.stdout).toMatch(/^ +old2 drifted: 1 task drifted$/m);

    const untouched = ['old1', 'new2'].map(state);
    const fixed = await pass('inventory/sim.yml', '--fix');
    expect(fixed.code).toBe(0);
    // The repair went to the drifted hosts only: the others are exactly as they were.
    expect(['old1', 'new2'].map(state)).toEqual(untouched);
    expect((await simExec('new1', 'sysrc', '-f', '/usr/jails/www/etc/rc.conf', '-n', 'sshd_enable')).stdout).toBe('YES\n');

    expect((await pass('inventory/sim.yml')).code).toBe(0);

    const { passes } = await history();
    expect(passes.map((p) => [p.id, p.status, p.fix])).toEqual([
      [1, 'done', 0],
      [2, 'done', 0],
      [3, 'done', 1],
      [4, 'done', 0],
    ]);
    expect(passes.map(outcomes)).toEqual([
      { old1: 'ok', old2: 'ok', new1: 'ok', new2: 'ok' },
      { old1: 'ok', old2: 'drifted', new1: 'drifted', new2: 'ok' },
      { old1: 'ok', old2: 'repaired', new1: 'repaired', new2: 'ok' },
      { old1: 'ok', old2: 'ok', new1: 'ok', new2: 'ok' },
    ]);
    expect(passes.map((p) => [p.hosts_ok, p.hosts_drifted, p.hosts_repaired, p.tasks_drifted, p.repairs])).toEqual([
      [4, 0, 0, 0, 0],
      [2, 2, 0, 2, 0],
      [2, 0, 2, 2, 2],
      [4, 0, 0, 0, 0],
    ]);

    // The drift, with its diff; then the same tasks as corrective repairs.
    const tasksOf = async (id: number) => (JSON.parse((await run('history', String(id), '--json')).stdout) as { tasks: TaskJson[] }).tasks;
    const drift = await tasksOf(2);
    expect(drift.map((t) => [t.host, t.module, t.status, t.corrective])).toEqual([
      ['new1', 'jail', 'drifted', 0],
      ['old2', 'rebind', 'drifted', 0],
    ]);
    expect(drift[0]!.diff).toContain('-sshd_enable="NO"\n+sshd_enable="YES"');
    expect(drift[1]!.diff).toContain('-syslogd_flags="-s"\n+syslogd_flags="-ss"');
    const repairs = await tasksOf(3);
    expect(repairs.map((t) => [t.host, t.module, t.status, t.corrective])).toEqual([
      ['new1', 'jail', 'repaired', 1],
      ['old2', 'rebind', 'repaired', 1],
    ]);
    expect(await tasksOf(4)).toEqual([]);

    const text = await run('history', '2');
    expect(text.stdout).toMatch(/^ +drifted: www jail is built, configured and running \[jail\]: /m);
    expect(text.stdout).toContain('+sshd_enable="YES"');
    const byHost = await history('--host', 'new1');
    expect(byHost.passes.map((p) => p.hosts)).toEqual([
      [{ host: 'new1', outcome: 'ok', message: '' }],
      [{ host: 'new1', outcome: 'drifted', message: '1 task drifted' }],
      [{ host: 'new1', outcome: 'repaired', message: '1 task repaired' }],
      [{ host: 'new1', outcome: 'ok', message: '' }],
    ]);
  });

  it('stops repairs past the failure budget and says why; records a host another run holds as busy', async () => {
    // old1's daemon restart fails; new2's lock is held by another run (lockf gives up: 75).
    const inventory = readFileSync(join(project.dir, 'inventory', 'sim.yml'), 'utf8')
      .replace('            zpool: true\n          jail_dataset', '            zpool: true\n            faults:\n              fail: [{ command: "service syslogd onerestart", code: 1, stderr: "syslogd: cannot restart" }]\n          jail_dataset')
      .replace('            zpool: false\n', '            zpool: false\n            faults:\n              fail: [{ command: "lockf", code: 75, stderr: "lockf: /var/run/jailfleet.lock: already locked" }]\n');
    writeFileSync(join(project.dir, 'inventory', 'faulty.yml'), inventory);
    for (const h of ['old1', 'old2', 'new1']) await simExec(h, 'sysrc', 'syslogd_flags=-s');

    // --forks 1: batches of one host, so the budget is judged after each repair.
    const r = await pass('inventory/faulty.yml', '--fix', '--forks', '1', '--json');
    expect(r.code).toBe(1);
    const p = JSON.parse(r.stdout.trim().split('\n').pop()!) as PassJson;
    expect(outcomes(p)).toEqual({ old1: 'failed', old2: 'drifted', new1: 'drifted', new2: 'busy' });
    expect(p.note).toMatch(/^repairs stopped: max_fail_percentage 10% exceeded: 1 of 1 hosts failed in batch 1\/3 \(100%: old1\); 2 drifted host\(s\) left unrepaired$/);
    expect(p.hosts.find((h) => h.host === 'new2')!.message).toMatch(/^host busy: another jailfleet run holds \/var\/run\/jailfleet.lock/);
    expect(p.hosts.find((h) => h.host === 'old2')!.message).toMatch(/^1 task drifted; not repaired: rollout stopped: /);
  });
});
