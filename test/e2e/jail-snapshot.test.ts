/**
 * `snapshot: before_change` (issue 18) on a simulated ZFS host: zfs(8)
 * `snapshot DATASET@NAME` before a run changes the jail, the newest
 * `snapshot_keep` of ours kept (`zfs destroy` of older ones, an operator's
 * own left alone), and a failed upgrade rolled back (`zfs rollback -r`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simProject } from './jail-project.js';

const jail = (release: string, extra = '') => `- name: db
  hosts: all
  tasks:
    - jail:
        name: db
        ip4: "em0|192.0.2.105/32"
        release: ${release}
        dataset: zroot/jails/db
        snapshot: before_change
        snapshot_keep: 2
${extra}`;

describe('jail snapshots before a change', () => {
  const project = simProject('h1', '192.0.2.11');
  writeFileSync(join(project.dir, 'inventory.yml'), 'all:\n  vars:\n    transport: sim\n  hosts:\n    h1:\n      host_ip: 192.0.2.11\n      sim:\n        zpool: true\n');
  afterAll(() => project.cleanup());
  const snapshots = async () => (await project.sh('zfs list -H -t snapshot -o name -d 1 zroot/jails/db')).stdout.split('\n').filter(Boolean);

  it('none when the dataset is made, nor on a run that changes nothing; one before each change, the newest 2 kept', async () => {
    const base = project.playbook('db.yml', jail('14.1-RELEASE'));
    expect((await project.apply(base)).code).toBe(0);
    expect(await snapshots()).toEqual([]);
    expect((await project.apply(base)).stdout).toMatch(/changed=0/);
    expect(await snapshots()).toEqual([]);
    expect((await project.sh('zfs snapshot zroot/jails/db@mine')).code).toBe(0);

    // Three changes: the jail stopped by hand, started again by each run.
    for (let i = 0; i < 3; i++) {
      expect((await project.sh('service jail stop db')).code).toBe(0);
      const r = await project.apply(base);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('zroot/jails/db snapshotted (keeping the newest 2)');
    }
    const names = await snapshots();
    expect(names).toHaveLength(3);
    expect(names[0]).toBe('zroot/jails/db@mine');
    for (const n of names.slice(1)) expect(n).toMatch(/^zroot\/jails\/db@jailfleet-\d{8}T\d{6}Z$/);
  });

  it('a failed upgrade is rolled back to the snapshot taken before it', async () => {
    // freebsd-update knows no 14.4-RELEASE on its mirrors: the upgrade fails.
    expect((await project.sh('echo keep > /usr/jails/db/root/note')).code).toBe(0);
    const r = await project.apply(project.playbook('db-up.yml', jail('14.4-RELEASE', '        upgrade: true\n')));
    expect(r.code).not.toBe(0);
    const newest = (await snapshots()).at(-1);
    expect(r.stdout + r.stderr).toContain(`jail db: rolled back to ${newest}`);
    expect((await project.sh('cat /usr/jails/db/root/note; cat /usr/jails/db/.jailfleet-release')).stdout).toBe('keep\n14.1-RELEASE\n');
  });

  it('a successful upgrade, after its snapshot; then nothing changes', async () => {
    const up = project.playbook('db-142.yml', jail('14.2-RELEASE', '        upgrade: true\n'));
    const r = await project.apply(up);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('zroot/jails/db snapshotted (keeping the newest 2); jail db upgraded from 14.1-RELEASE to 14.2-RELEASE');
    expect((await project.sh('jexec db freebsd-version -u')).stdout).toBe('14.2-RELEASE\n');
    const before = await snapshots();
    expect((await project.apply(up)).stdout).toMatch(/changed=0/);
    expect(await snapshots()).toEqual(before);
  });

  it('a thin jail on a dataset of its own: the root on the dataset, the release beside it; rerun changes nothing', async () => {
    const t = project.playbook('t.yml', `- name: t
  hosts: all
  tasks:
    - jail:
        name: t
        type: thin
        ip4: "em0|192.0.2.106/32"
        release: 14.2-RELEASE
        dataset: zroot/jails/t
`);
    expect((await project.apply(t)).code).toBe(0);
    expect((await project.sh('zfs list -H -o name,mountpoint zroot/jails/t')).stdout).toBe('zroot/jails/t\t/usr/jails/t\n');
    expect((await project.sh('jexec t freebsd-version -u')).stdout).toBe('14.2-RELEASE\n');
    expect((await project.sh('mount')).stdout).toContain('/usr/local/jailfleet/releases/14.2-RELEASE on /usr/jails/t/.jailfleet-base (nullfs, local, read-only)');
    expect((await project.apply(t)).stdout).toMatch(/changed=0/);
  });
});
