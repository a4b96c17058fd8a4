/**
 * README promises that had no test of their own (issue 19), end to end
 * through the CLI on the built-in simulated fleet: --tags and --skip-tags,
 * --strategy, `jailfleet inventory` and `jailfleet sim reset`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

const TAGGED = `- name: tagged
  hosts: new1
  tasks:
    - name: motd
      tags: [motd]
      copy: { dest: /etc/motd.jailfleet, content: "hello\\n" }
    - name: rc
      tags: [rc, always-here]
      sysrc: { name: jailfleet_test, value: "YES" }
    - name: untagged
      sysrc: { name: jailfleet_untagged, value: "YES" }
`;

describe('run options and small commands', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'playbooks/tagged.yml'), TAGGED);
  const sh = async (script: string) => (await cli(project.dir, 'sim', 'exec', 'new1', '-i', 'inventory/sim.yml', '--', script)).stdout;
  const apply = (...argv: string[]) => cli(project.dir, 'apply', 'playbooks/tagged.yml', '-i', 'inventory/sim.yml', '--json', ...argv);
  const statuses = (stdout: string) => events(stdout).filter((e) => e.type === 'task').map((e) => [e.task, e.status]);

  it('--tags runs only the tasks with one of the tags', async () => {
    const r = await apply('--tags', 'motd');
    expect(r.code).toBe(0);
    expect(statuses(r.stdout)).toEqual([['motd', 'changed']]);
    expect(await sh('cat /etc/motd.jailfleet; sysrc -n jailfleet_test jailfleet_untagged 2>&1')).toBe(
      "hello\nsysrc: unknown variable 'jailfleet_test'\nsysrc: unknown variable 'jailfleet_untagged'\n",
    );
  });

  it('--skip-tags runs everything else, untagged tasks included', async () => {
    const r = await apply('--skip-tags', 'motd,always-here');
    expect(r.code).toBe(0);
    expect(statuses(r.stdout)).toEqual([['untagged', 'changed']]);
    expect(await sh('sysrc -n jailfleet_untagged; sysrc -n jailfleet_test 2>&1')).toBe("YES\nsysrc: unknown variable 'jailfleet_test'\n");
  });

  it('--strategy linear reports each task as it starts across hosts; free does not; another word is exit 4', async () => {
    const linear = await apply('--strategy', 'linear');
    expect(linear.code).toBe(0);
    expect(events(linear.stdout).filter((e) => e.type === 'task_start').map((e) => e.task)).toEqual(['motd', 'rc', 'untagged']);
    const free = await apply('--strategy', 'free');
    expect(events(free.stdout).filter((e) => e.type === 'task_start')).toEqual([]);
    expect(statuses(free.stdout)).toEqual([['motd', 'ok'], ['rc', 'ok'], ['untagged', 'ok']]);
    const bad = await apply('--strategy', 'bogus');
    expect(bad).toMatchObject({ code: 4, stdout: '', stderr: 'error: --strategy: expected "free" or "linear", got "bogus"\n' });
  });

  it('jailfleet inventory prints each host with its groups, connection and merged variables', async () => {
    const r = await cli(project.dir, 'inventory', '-i', 'inventory/sim.yml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  new2:\n    groups:\n      - all\n      - new\n    connection:\n      transport: sim\n');
    // new2's own sim map replaces its group's (merging is shallow), and its jail_dataset is null.
    expect(r.stdout).toContain('      sim:\n        release: 14.2-RELEASE\n        zpool: false\n      jail_dataset: null\n      host_ip: 192.0.2.22\n');
  });

  it('jailfleet inventory --limit: only the hosts it selects; one that matches nothing is bad input (exit 4), as for apply', async () => {
    const r = await cli(project.dir, 'inventory', '-i', 'inventory/sim.yml', '--limit', 'old', '--json');
    expect(r.code).toBe(0);
    expect(Object.keys((JSON.parse(r.stdout) as { hosts: Record<string, unknown> }).hosts)).toEqual(['old1', 'old2']);
    expect(await cli(project.dir, 'inventory', '-i', 'inventory/sim.yml', '--limit', 'nosuch')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'error: --limit "nosuch" matches no host (known groups: all, old, new)\n',
    });
  });

  it('jailfleet sim reset forgets a host: it comes back fresh; with nothing to forget it says so', async () => {
    expect(await sh('ls /etc/motd.jailfleet')).toBe('/etc/motd.jailfleet\n');
    const r = await cli(project.dir, 'sim', 'reset', 'new1', '-i', 'inventory/sim.yml');
    expect(r).toMatchObject({ code: 0, stdout: 'reset: new1\n', stderr: '' });
    expect(await sh('ls /etc/motd.jailfleet 2>&1; sysrc -n jailfleet_untagged 2>&1')).toBe(
      "ls: /etc/motd.jailfleet: No such file or directory\nsysrc: unknown variable 'jailfleet_untagged'\n",
    );
    expect(await cli(project.dir, 'sim', 'reset', 'old2', '-i', 'inventory/sim.yml')).toMatchObject({ code: 0, stdout: 'reset: no simulated host state to remove\n' });
  });

  it('jailfleet sim reset HOST: a host not in the inventory is exit 4 naming it and the file (as sim exec), nothing reset', async () => {
    await sh('touch /etc/kept');
    const file = join(project.dir, 'inventory/sim.yml');
    const unknown = { code: 4, stdout: '', stderr: `error: unknown host "nosuch" (not in ${file})\n` };
    expect(await cli(project.dir, 'sim', 'exec', 'nosuch', '-i', 'inventory/sim.yml', '--', 'true')).toEqual(unknown);
    expect(await cli(project.dir, 'sim', 'reset', 'new1', 'nosuch', '-i', 'inventory/sim.yml')).toEqual(unknown);
    // Without an inventory a named host cannot be checked: as sim exec, exit 4.
    expect(await cli(project.dir, 'sim', 'reset', 'new1')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'error: no inventory: pass -i INVENTORY or set "inventory" in the jailfleet config\n',
    });
    expect(await sh('ls /etc/kept')).toBe('/etc/kept\n');
  });
});
