/**
 * A thin jail's release upgrade against a hostile jail root. The jail's
 * tree is its root user's: before the upgrade, from inside the jail, it
 * plants a link over a stock etc file (etc/inetd.conf -> /etc/master.passwd,
 * an absolute target) and a link for etcupdate's work directory
 * (var/db/etcupdate -> /var/db/hostwork, a directory of the host's). On the
 * host, a tool given the tree (`etcupdate -D ROOT`, `cp`, `rm -rf` of paths
 * below it) resolves such links against the host's root; inside a jail the
 * kernel resolves them against the jail's (jail(8): path is "the directory
 * which is to be the root of the jail"; namei() stops ".." and absolute
 * targets at the process's root, sys/kern/vfs_lookup.c). So after the
 * upgrade the host's master.passwd and /var/db/hostwork must be as they
 * were, and no host file's text may have reached the jail's tree.
 *
 * etcupdate.sh compare() reads a node with `stat -f %Hp` (not following a
 * link) and update_cmd warns "Modified mismatch" for a file that became a
 * link: the jail with only the file link is upgraded, its link left alone.
 * A work directory that does not resolve (the link dangles inside the jail)
 * fails etcupdate: that upgrade fails, the jail stays on its release.
 *
 * The tree's code also runs in the transient jail (its /bin/sh, here), and
 * may leave a process there: a jail without persist lives until its last
 * process exits (jail(8) persist), so that jail would stay, with its root,
 * mounts and network, after the step. Each step removes its transient jail
 * (jail -R, which kills its processes): after the upgrade only the
 * configured jails are left.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HOST_FILES, HOST_USER, HOST_WORK } from './hostile-host.js';
import { simProject } from './jail-project.js';
import { ETCUPDATE_RUN, plantInLinkedBin } from './planted-shell.js';

const play = (jails: Array<{ name: string; ip: string; release: string; state?: string }>) =>
  `- name: jails
  hosts: all
  tasks:
${jails.map((j) => `    - jail:\n        name: ${j.name}\n        ip4: "em0|${j.ip}/32"\n        release: ${j.release}\n        type: thin\n        upgrade: true\n${j.state ? `        state: ${j.state}\n` : ''}`).join('')}`;


describe('a thin upgrade run against links planted by the jail root', () => {
  const project = simProject('h1', '192.0.2.11');
  afterAll(() => project.cleanup());
  const out = project.out;
  const hostFiles = () => out(HOST_FILES);
  /** The jail's bin made its own, with a shell that leaves a daemon in the etcupdate steps' transient jails. */
  const plantSh = (jail: string) => out(plantInLinkedBin(`/usr/jails/${jail}`, '14.1-RELEASE', ETCUPDATE_RUN));
  /** Files of a jail's own tree (not its mounted base) holding a host-only text. */
  const leaks = (jail: string) =>
    out(`find /usr/jails/${jail} -path /usr/jails/${jail}/.jailfleet-base -prune -o -type f -print | xargs grep -l -e hostonly -e ${HOST_WORK}; true`);

  const a = { name: 'a', ip: '192.0.2.101', release: '14.1-RELEASE' };
  const b = { name: 'b', ip: '192.0.2.102', release: '14.1-RELEASE' };
  const c = { name: 'c', ip: '192.0.2.103', release: '14.1-RELEASE' };
  const d = { name: 'd', ip: '192.0.2.104', release: '14.1-RELEASE', state: 'stopped' };
  const e = { name: 'e', ip: '192.0.2.105', release: '14.1-RELEASE', state: 'stopped' };

  it('builds five thin jails on 14.1, two stopped; the host has a user and a work directory of its own', async () => {
    expect((await project.apply(project.playbook('141.yml', play([a, b, c, d, e])))).code).toBe(0);
    await out(`echo '${HOST_USER}' >> /etc/master.passwd`);
    await out(`mkdir -p /var/db/hostwork/current/etc && echo '${HOST_WORK}' > /var/db/hostwork/current/etc/inetd.conf && echo '${HOST_WORK}' > /var/db/hostwork/log`);
    expect(await out('jls -q name')).toBe('a\nb\nc\n');
  });

  it('the jail root links etc/inetd.conf to /etc/master.passwd and var/db/etcupdate to /var/db/hostwork: the host is untouched, the upgrade fails', async () => {
    await out('jexec a ln -sf /etc/master.passwd /etc/inetd.conf');
    await out('jexec a ln -s /var/db/hostwork /var/db/etcupdate');
    const before = await hostFiles();
    const r = await project.apply(project.playbook('a142.yml', play([{ ...a, release: '14.2-RELEASE' }])));
    expect(await hostFiles()).toBe(before);
    expect(await leaks('a')).toBe('');
    // etcupdate in the jail finds no work directory there (mkdir -p on a dangling link), so the upgrade stops.
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('jail a: etcupdate(8) failed (exit 1)');
    expect(await out('jexec a freebsd-version -u; readlink /usr/jails/a/etc/inetd.conf /usr/jails/a/var/db/etcupdate')).toBe(
      '14.1-RELEASE\n/etc/master.passwd\n/var/db/hostwork\n',
    );
    // No transient jail, copy or mount left behind.
    expect(await out('jls -q name; ls -a /usr/jails/a | grep jailfleet-etcupdate; true')).toBe('a\nb\nc\n');
  });

  it('with the file link alone the upgrade goes through: the link left as it is (Modified mismatch), the host file untouched; its /bin/sh leaves a daemon, which is ended, as is a transient jail an earlier run left', async () => {
    await out('jexec b ln -sf /etc/master.passwd /etc/inetd.conf');
    await plantSh('b');
    // A transient jail of the name the steps use, left with a process in it by an interrupted run: removed before the first.
    expect(await out("jail -c name=jailfleet-upgrade+b path=/usr/jails/b ip4=disable command=/bin/sh -c 'service cron onestart' && jls -q name")).toBe(
      'Starting cron.\na\nb\nc\njailfleet-upgrade+b\n',
    );
    const before = await hostFiles();
    const r = await project.apply(project.playbook('b142.yml', play([{ ...b, release: '14.2-RELEASE' }])));
    expect(r.code).toBe(0);
    // Both transient jails (the baseline's and the merge's) ran the planted shell; the jails left are the configured
    // ones: a jail without persist lives until its last process exits (jail(8) persist), so no process the tree's code
    // started runs any more.
    expect(await out('cat /usr/jails/b/var/db/planted')).toBe('ran\nran\n');
    expect(await out('jls -q name')).toBe('a\nc\nb\n'); // by jid: b was restarted on its new release
    expect(await hostFiles()).toBe(before);
    expect(await leaks('b')).toBe('');
    expect(await out('jexec b freebsd-version -u; readlink /usr/jails/b/etc/inetd.conf')).toBe('14.2-RELEASE\n/etc/master.passwd\n');
    expect(await out('jexec b etcupdate status')).toContain('  Modified mismatch: /etc/inetd.conf (regular file vs symbolic link)\n');
  });

  it('a stopped jail is upgraded in a transient jail with its base mounted for the step, then unmounted', async () => {
    expect((await project.apply(project.playbook('c-stop.yml', play([{ ...c, state: 'stopped' }])))).code).toBe(0);
    await out('ln -s /var/db/hostwork /usr/jails/c/etc/mail.new');
    // Its /bin/sh leaves a daemon in the transient jail, which holds the mounts made for the step.
    await plantSh('c');
    const before = await hostFiles();
    const r = await project.apply(project.playbook('c142.yml', play([{ ...c, release: '14.2-RELEASE', state: 'stopped' }])));
    expect(r.code, r.stdout).toBe(0);
    expect(await hostFiles()).toBe(before);
    expect(await out('cat /usr/jails/c/var/db/planted')).toBe('ran\nran\n');
    // No transient jail (nor a process of one) and no mount left.
    expect(await out('jls -q name; mount | grep /usr/jails/c; true')).toBe('a\nb\n');
    expect(await out('grep -c daemon.info /usr/jails/c/etc/syslog.conf')).toBe('1\n');
    expect(await out('cat /usr/jails/c/.jailfleet-release')).toBe('thin:14.2-RELEASE\n');
  });

  it("a stopped jail's dev replaced by a link: jail(8) refuses to mount devfs through it (check_path), the upgrade fails, nothing mounted", async () => {
    // What a jail's root can do while it runs without devfs mounted on its /dev; written here in the stopped jail's tree.
    await out('rm -rf /usr/jails/d/dev && ln -s /var/db/hostwork /usr/jails/d/dev');
    const before = await hostFiles();
    const r = await project.apply(project.playbook('d142.yml', play([{ ...d, release: '14.2-RELEASE' }])));
    expect(r.code).toBe(1);
    // usr.sbin/jail/command.c check_path(): jail_warnx(j, "%s: %s is a symbolic link", pname, tpath).
    expect(r.stdout).toContain('jail: mount.devfs: /usr/jails/d/dev is a symbolic link');
    expect(await hostFiles()).toBe(before);
    expect(await out('mount | grep -e /usr/jails/d -e hostwork; cat /usr/jails/d/.jailfleet-release')).toBe('thin:14.1-RELEASE\n');
  });

  it("a stopped jail's dev linked to the host's /dev: refused, and the clean-up never unmounts through the link (the host's devfs stays)", async () => {
    // umount(8) resolves its argument (umount.c checkname -> realpath): `umount ROOT/dev` through this link is the host's /dev.
    await out('rm -rf /usr/jails/e/dev && ln -s /dev /usr/jails/e/dev');
    const hostMounts = await out('mount -p');
    const r = await project.apply(project.playbook('e142.yml', play([{ ...e, release: '14.2-RELEASE' }])));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('jail: mount.devfs: /usr/jails/e/dev is a symbolic link');
    expect(await out('mount -p')).toBe(hostMounts);
  });
});
