import { afterAll, describe, expect, it } from 'vitest';
import { events } from '../helpers/cli.js';
import { simProject } from './jail-project.js';

describe('jail failures through the CLI', () => {
  const project = simProject();
  afterAll(() => project.cleanup());

  it('a jail that cannot start fails its task with jail(8)\'s message: exit 1', async () => {
    const pb = project.playbook(
      'bad-iface.yml',
      `- name: broken jail
  hosts: all
  tasks:
    - name: www on a missing interface
      jail:
        name: www
        ip4: "em9|192.0.2.121/32"
        release: 14.2-RELEASE
`,
    );
    const r = await project.apply(pb, '--json');
    expect(r.code).toBe(1);
    const failed = events(r.stdout).find((e) => e.type === 'task' && e.status === 'failed');
    expect(failed).toMatchObject({ task: 'www on a missing interface', step: 'start jail www', exitCode: 1 });
    expect(failed?.stderr).toContain('cannot start jail  "www": ');
    expect(failed?.stderr).toMatch(/jail: www: \/sbin\/ifconfig em9 inet 192\.0\.2\.121\/32 alias: failed/);
    expect((await project.sh('jls -j www')).code).toBe(1);
  });

  it('a changed release is refused, naming both releases: exit 1, nothing re-extracted', async () => {
    const pb = (release: string) =>
      project.playbook(
        `rel-${release}.yml`,
        `- name: db jail
  hosts: all
  tasks:
    - name: db
      jail:
        name: db
        release: ${release}
        state: present
`,
      );
    expect((await project.apply(pb('14.1-RELEASE'))).code).toBe(0);
    const r = await project.apply(pb('14.2-RELEASE'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('jail db: root tree is 14.1-RELEASE, playbook says 14.2-RELEASE; set upgrade: true to upgrade the jail to it');
    // The tree is the 14.1 one still: its freebsd-version script and the marker say so.
    expect((await project.sh('grep USERLAND_VERSION= /usr/jails/db/bin/freebsd-version')).stdout).toBe('USERLAND_VERSION="14.1-RELEASE"\n');
    expect((await project.sh('cat /usr/jails/db/.jailfleet-release')).stdout).toBe('14.1-RELEASE\n');
  });
});

describe('a stopped jail through the CLI (issue 11)', () => {
  const project = simProject();
  afterAll(() => project.cleanup());

  it('check exits 2 naming the jail task; apply converges in one run', async () => {
    const pb = project.playbook(
      'web.yml',
      `- name: web
  hosts: all
  tasks:
    - name: web jail
      jail: { name: web, ip4: "em0|192.0.2.150/32", release: 14.2-RELEASE }
    - name: sshd in web
      sysrc: { name: sshd_enable, value: "YES", jail: web }
`,
    );
    expect((await project.apply(pb)).code).toBe(0);
    expect((await project.sh('service jail stop web')).code).toBe(0);
    const check = await project.apply(pb, '--check', '--json');
    expect(check.code).toBe(2);
    const tasks = events(check.stdout).filter((e) => e.type === 'task');
    expect(tasks.map((t) => [t.task, t.status])).toEqual([
      ['web jail', 'changed'],
      ['sshd in web', 'changed'],
    ]);
    expect(tasks[1]).toMatchObject({ message: 'depends on the change made by task web jail', predicted: false });
    const apply = await project.apply(pb, '--json');
    expect(apply.code).toBe(0);
    expect(events(apply.stdout).filter((e) => e.type === 'task').map((t) => t.status)).toEqual(['changed', 'ok']);
    expect((await project.sh('jls -j web name')).stdout).toBe('web\n');
  });
});
