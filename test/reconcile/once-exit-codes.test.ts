/**
 * README "Scheduled reconciliation", Schedule rules: `--once` runs one pass
 * and exits 0 / 2 / 1 / "3 a host unreachable (as in Exit codes; 130
 * interrupted)". 0, 1 and 2 are covered by reconcile-e2e; here the other
 * two, through the CLI on simulated hosts: an unreachable host
 * (`sim.faults.unreachable`) recorded `unreachable` with its message, exit 3
 * (and 1 when another host failed: failed outranks unreachable); and a
 * Ctrl-C during the pass (the CLI's abort signal, sent once the first host
 * has been read: its state file changed, not a timer) records the pass
 * `interrupted` and exits 130.
 */
import { watch } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { cli } from '../helpers/cli.js';
import { simFleet, type Fleet } from '../engine/fleet-fixture.js';

interface PassJson {
  id: number;
  status: string;
  hosts: Array<{ host: string; outcome: string; message: string }>;
}

const RELEASE = { name: 'release file', copy: { dest: '/etc/jailfleet-release', content: 'v2\n' } };
const lastPass = (stdout: string): PassJson => JSON.parse(stdout.trim().split('\n').pop()!) as PassJson;

describe('reconcile --once: exit 3 and 130', () => {
  let fleet: Fleet | undefined;
  afterEach(() => fleet?.cleanup());

  it('an unreachable host is recorded unreachable and the pass exits 3; with a failed host beside it, 1', async () => {
    fleet = simFleet(3, (n) => (n === 'h02' ? { sim: { faults: { unreachable: true } } } : {}));
    fleet.writePlaybook([{ name: 'release', hosts: 'all', tasks: [RELEASE] }]);
    expect((await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml')).code).toBe(3);

    const r = await cli(fleet.dir, 'reconcile', 'site.yml', '-i', 'inventory.yml', '--once', '--json');
    expect(r.code).toBe(3);
    const pass = lastPass(r.stdout);
    expect(pass.status).toBe('done');
    expect(pass.hosts.map((h) => [h.host, h.outcome])).toEqual([
      ['h01', 'ok'],
      ['h02', 'unreachable'],
      ['h03', 'ok'],
    ]);
    expect(pass.hosts[1]!.message).not.toBe('');
    const text = await cli(fleet.dir, 'history', '1');
    expect(text.stdout).toMatch(/h02 unreachable/);

    // A task that fails on h01 in check mode (sysctl on an unknown oid); h02 is still unreachable.
    fleet.writePlaybook([{ name: 'release', hosts: 'all', tasks: [{ name: 'bad oid', sysctl: { name: 'kern.nosuch', value: '1' }, when: 'inventory_hostname == "h01"' }, RELEASE] }]);
    const failed = await cli(fleet.dir, 'reconcile', 'site.yml', '-i', 'inventory.yml', '--once', '--json');
    expect(lastPass(failed.stdout).hosts.map((h) => [h.host, h.outcome])).toEqual([
      ['h01', 'failed'],
      ['h02', 'unreachable'],
      ['h03', 'ok'],
    ]);
    expect(failed.code).toBe(1);
  });

  it('interrupted during the pass: recorded interrupted, exit 130', async () => {
    // A slow link (every exec 100 ms later): the controller waits on each host, as on a real network.
    fleet = simFleet(6, () => ({ sim: { faults: { slow_ms: 100 } } }));
    fleet.writePlaybook([{ name: 'release', hosts: 'all', tasks: [RELEASE] }]);
    expect((await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml')).code).toBe(0);

    const controller = new AbortController();
    // Ctrl-C as soon as the pass has read a host (its simulated state is saved after the exec).
    const watcher = watch(join(fleet.dir, '.jailfleet', 'sim'), () => controller.abort());
    let stdout = '';
    let stderr = '';
    let code: number;
    try {
      code = await runCli(['reconcile', 'site.yml', '-i', 'inventory.yml', '--once', '--json', '--forks', '1'], {
        out: (t) => (stdout += t),
        err: (t) => (stderr += t),
        isTTY: false,
        cwd: fleet.dir,
        env: {},
        signal: controller.signal,
      });
    } finally {
      watcher.close();
    }
    expect(controller.signal.aborted).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(130);
    const pass = lastPass(stdout);
    expect(pass.status).toBe('interrupted');
    // The hosts it got to are kept; not all six were read.
    expect(pass.hosts.length).toBeGreaterThan(0);
    expect(pass.hosts.length).toBeLessThan(6);
    const history = JSON.parse((await cli(fleet.dir, 'history', '--json')).stdout) as { passes: PassJson[] };
    expect(history.passes.map((p) => p.status)).toEqual(['interrupted']);
  });
});
