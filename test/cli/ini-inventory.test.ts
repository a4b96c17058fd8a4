/**
 * An Ansible user's inventory carries over (issue 15): the INI format with
 * group_vars/ beside it, given to apply as -i; the rollout converges on the
 * simulated hosts it describes, and a second run changes nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

describe('an INI inventory with group_vars', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  mkdirSync(join(project.dir, 'ini/group_vars'), { recursive: true });
  writeFileSync(join(project.dir, 'ini/hosts'), '[new]\nnew[1:2] jail_ip=192.0.2.150\n\n[new:vars]\njail_name=web\n');
  writeFileSync(join(project.dir, 'ini/group_vars/all.yml'), 'transport: sim\njail_root: /usr/jails\n');
  // host_ip differs per host: host_vars, one file each.
  mkdirSync(join(project.dir, 'ini/host_vars'), { recursive: true });
  writeFileSync(join(project.dir, 'ini/host_vars/new1.yml'), 'host_ip: 192.0.2.21\n');
  writeFileSync(join(project.dir, 'ini/host_vars/new2.yml'), 'host_ip: 192.0.2.22\n');

  it('shows the hosts with their merged variables', async () => {
    const r = await cli(project.dir, 'inventory', '-i', 'ini/hosts');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('new1');
    expect(r.stdout).toContain('192.0.2.21');
    expect(r.stdout).toContain('jail_name: web');
  });

  it('converges site.yml on both hosts in one run, then changes nothing', async () => {
    const first = await cli(project.dir, 'apply', 'playbooks/site.yml', '-i', 'ini/hosts', '--json');
    expect(first.code).toBe(0);
    const again = await cli(project.dir, 'apply', 'playbooks/site.yml', '-i', 'ini/hosts', '--json');
    expect(again.code).toBe(0);
    const recap = events(again.stdout).find((e) => e.type === 'recap') as { hosts: Record<string, { changed: number }> };
    expect(Object.keys(recap.hosts).sort()).toEqual(['new1', 'new2']);
    expect(Object.values(recap.hosts).map((h) => h.changed)).toEqual([0, 0]);
    const jls = await cli(project.dir, 'sim', 'exec', 'new2', '-i', 'ini/hosts', '--', 'jls name ip4.addr');
    expect(jls.stdout).toBe('web 192.0.2.150\n');
  });
});
