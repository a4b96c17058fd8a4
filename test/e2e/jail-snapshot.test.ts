/**
 * `snapshot: before_change` (issue 18) on a simulated ZFS host: zfs(8)
 * `snapshot DATASET@NAME` before a run changes the jail, the newest
 * `snapshot_keep` of ours kept (`zfs destroy` of older ones, an operator's
 * own left alone), and a failed upgrade rolled back (`zfs rollback -r`):
 * one that fails before it changes anything (an unknown release), and one
 * that fails after freebsd-update changed the tree (a dataset at its quota),
 * which jailfleet sees only by checking the tree's freebsd-version.
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

  it('an upgrade that fails after changing the tree: rolled back byte for byte, the jail running again on 14.1, a rerun converges', async () => {
    // The fault: a quota the dataset is at. zfsprops(7): quota counts the
    // snapshots' space too, so once the upgrade's snapshot holds the old
    // /bin/freebsd-version, rewriting it needs new blocks: EDQUOT. install(1)
    // has unlinked the old file by then and unlinks the new one on the
    // error (usr.bin/xinstall/xinstall.c create_newfile(), copy()), and
    // freebsd-update does not check install's status (freebsd-update.sh
    // install_from_index(): the loop's status is its last command's), so
    // `install` ends " done." with the file gone from the tree.
    const spec = 'mtree -c -n -k type,mode,uname,gname,size,sha256digest,link -p /usr/jails/db';
    expect((await project.sh(`${spec} > /root/db.mtree`)).code).toBe(0);
    const used = Number((await project.sh('zfs get -Hp -o value used zroot/jails/db')).stdout);
    expect((await project.sh(`zfs set quota=${used} zroot/jails/db`)).code).toBe(0);
    const before = await snapshots();
    const jls = async () => (await project.sh('jls -j db name path')).stdout;
    expect(await jls()).toBe('db /usr/jails/db\n');

    const up = project.playbook('db-142.yml', jail('14.2-RELEASE', '        upgrade: true\n'));
    const r = await project.apply(up);
    expect(r.code).toBe(1);
    const taken = (await snapshots()).filter((n) => !before.includes(n));
    expect(taken).toHaveLength(1);
    const out = r.stdout + r.stderr;
    // In the transient jail BASEDIR is its "/": install_from_index() installs ${BASEDIR}/${FPATH} (freebsd-update.sh).
    expect(out).toContain('install: ///bin/freebsd-version: Disc quota exceeded');
    expect(out).toContain('jail db: the upgrade to 14.2-RELEASE did not take: /usr/jails/db/bin/freebsd-version says USERLAND_VERSION="" after freebsd-update install');
    expect(out).toContain(`jail db: rolled back to ${taken[0]}`);

    // The tree is what it was, file for file and byte for byte (mtree(8) -f
    // names every file missing, extra or different, and exits 2), but for the
    // pid files the restarted jail's daemons wrote again.
    const diff = await project.sh('mtree -p /usr/jails/db -f /root/db.mtree');
    const differing = diff.stdout.split('\n').filter((l) => l && !l.startsWith('\t'));
    expect(differing).toEqual(['var/run/cron.pid: ', 'var/run/syslog.pid: ', 'var/spool/clientmqueue/sm-client.pid: ']);
    expect(diff.stdout.split('\n').filter((l) => l.startsWith('\t')).every((l) => l.startsWith('\tsha256digest ('))).toBe(true);
    expect((await project.sh('cat /usr/jails/db/.jailfleet-release')).stdout).toBe('14.1-RELEASE\n');
    // ... and the jail runs again, on 14.1.
    expect(await jls()).toBe('db /usr/jails/db\n');
    expect((await project.sh('jexec db freebsd-version -u')).stdout).toBe('14.1-RELEASE\n');

    // Without the quota the same playbook upgrades; then nothing changes.
    expect((await project.sh('zfs set quota=none zroot/jails/db')).code).toBe(0);
    const again = await project.apply(up);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('zroot/jails/db snapshotted (keeping the newest 2); jail db upgraded from 14.1-RELEASE to 14.2-RELEASE');
    expect((await project.sh('jexec db freebsd-version -u')).stdout).toBe('14.2-RELEASE\n');
    const after = await snapshots();
    expect((await project.apply(up)).stdout).toMatch(/changed=0/);
    expect(await snapshots()).toEqual(after);
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
