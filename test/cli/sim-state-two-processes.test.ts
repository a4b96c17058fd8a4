/**
 * Two jailfleet processes on one state directory (two applies started at
 * once, or a `sim exec` while an apply runs): a simulated host's state is a
 * file each process loaded whole and saved whole, so the last save won and
 * the other run's changes were gone, though both had reported them. Now a
 * process holds the host's state file while it is connected, and the other
 * waits for it, then works on the host as the first left it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type BuiltCli } from '../reconcile/built-cli.js';
import { runProcess, type ProcessRun } from '../helpers/cli-process.js';

// Each exec is slow, so the two runs are on the host at the same time.
const INVENTORY = 'all:\n  vars: { transport: sim }\n  hosts:\n    h1: { host_ip: 192.0.2.71, sim: { faults: { slow_ms: 400 } } }\n';
const PLAYBOOK = '- hosts: all\n  tasks:\n    - sysrc: { name: "{{ flag }}", value: "YES" }\n';


describe('two processes on one simulated host', () => {
  let cli: BuiltCli;
  let dir: string;

  beforeAll(async () => {
    cli = await buildCli();
    dir = mkdtempSync(join(tmpdir(), 'jailfleet-sim-two-'));
    writeFileSync(join(dir, 'inv.yml'), INVENTORY);
    writeFileSync(join(dir, 'site.yml'), PLAYBOOK);
  }, 60_000);

  afterAll(() => {
    cli?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[]): Promise<ProcessRun> => runProcess(cli.main, dir, args);

  it('keeps the changes of both of two applies started at once', async () => {
    const apply = (flag: string): Promise<ProcessRun> => run(['apply', 'site.yml', '-i', 'inv.yml', '--state-dir', 'st', '--no-progress', '-e', `flag=${flag}`]);
    const [a, b] = await Promise.all([apply('a_enable'), apply('b_enable')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout).toContain('changed: [h1]');
    expect(b.stdout).toContain('changed: [h1]');
    // sysrc(8) -n prints each variable's value on a line of its own.
    const after = await run(['sim', 'exec', 'h1', '-i', 'inv.yml', '--state-dir', 'st', '--', 'sysrc', '-n', 'a_enable', 'b_enable']);
    expect({ code: after.code, stdout: after.stdout }).toEqual({ code: 0, stdout: 'YES\nYES\n' });
  }, 30_000);
});
