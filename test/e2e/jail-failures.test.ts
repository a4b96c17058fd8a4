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
    expect(r.stdout).toContain('jail db: root tree is 14.1-RELEASE, playbook says 14.2-RELEASE; upgrades are a separate, explicit action');
    // The tree is the 14.1 one still: its freebsd-version script and the marker say so.
    expect((await project.sh('grep USERLAND_VERSION= /usr/jails/db/bin/freebsd-version')).stdout).toBe('USERLAND_VERSION="14.1-RELEASE"\n');
    expect((await project.sh('cat /usr/jails/db/.jailfleet-release')).stdout).toBe('14.1-RELEASE\n');
  });
});
