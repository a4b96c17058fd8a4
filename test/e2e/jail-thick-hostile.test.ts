/**
 * A thick jail's release upgrade against a hostile jail root. The jail's
 * tree is its root user's: before the upgrade it plants a link over a stock
 * etc file pointing at a host file (etc/inetd.conf -> /etc/master.passwd)
 * and replaces a directory freebsd-update installs into by a link to a host
 * directory (bin -> /var/db/hostwork; the jail keeps working on a copy of
 * its bin at its own /var/db/hostwork, where the link leads inside it). On
 * the host, `freebsd-update -b ROOT` builds ROOT/bin/freebsd-version and
 * install_from_index() installs there (freebsd-update.sh): looked up from
 * the host's root, that is the host's /var/db/hostwork. Inside a jail the
 * kernel resolves the same links against the jail's root (jail(8): path is
 * "the directory which is to be the root of the jail"; namei() stops ".."
 * and absolute targets at the process's root, sys/kern/vfs_lookup.c). So
 * after the upgrade the host's master.passwd and /var/db/hostwork must be
 * byte for byte as they were, no host-only text may have reached the
 * jail's tree, and nothing may be left mounted, aliased or running. The
 * tree's /bin/sh, replaced, starts a daemon in each transient jail: a jail
 * without persist lives until its last process exits (jail(8) persist), so
 * the download's would keep the jail's address for code of the tree; each
 * step removes its transient jail (jail -R kills its processes).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HOST_FILES, HOST_USER, HOST_WORK } from './hostile-host.js';
import { simProject } from './jail-project.js';
import { FREEBSD_UPDATE_RUN, plantSetAside } from './planted-shell.js';

const play = (release: string, state?: string, name = 'a', ip = '192.0.2.101') => `- name: jails
  hosts: all
  tasks:
    - jail:
        name: ${name}
        ip4: "em0|${ip}/32"
        release: ${release}
        upgrade: true
${state ? `        state: ${state}\n` : ''}`;


describe('a thick upgrade (freebsd-update) run against links planted by the jail root', () => {
  const project = simProject('h1', '192.0.2.11');
  afterAll(() => project.cleanup());
  const out = project.out;
  const hostFiles = () => out(HOST_FILES);
  const leaks = () => out('find /usr/jails/a -type f -print | xargs grep -l -e hostonly -e HOSTWORK; true');

  it('builds a thick jail on 14.1; the host has a user and a directory of its own', async () => {
    expect((await project.apply(project.playbook('141.yml', play('14.1-RELEASE')))).code).toBe(0);
    await out(`echo '${HOST_USER}' >> /etc/master.passwd`);
    await out(`mkdir -p /var/db/hostwork && echo '${HOST_WORK}' > /var/db/hostwork/freebsd-version && echo '${HOST_WORK}' > /var/db/hostwork/log`);
  });

  it('etc/inetd.conf -> /etc/master.passwd, bin -> /var/db/hostwork and a /bin/sh that leaves a daemon: the upgrade happens in the tree, the host is untouched, nothing of the tree runs after', async () => {
    // From inside the jail: its bin copied to its own /var/db/hostwork, then bin made a link there (absolute).
    expect(await out('jexec a sh -c "cp -Rp /bin /var/db/hostwork && rm -rf /bin && /var/db/hostwork/ln -s /var/db/hostwork /bin && ln -sf /etc/master.passwd /etc/inetd.conf" && echo ok')).toBe('ok\n');
    // And a /bin/sh of its own (in its bin, now /var/db/hostwork), that leaves a daemon in freebsd-update's transient jails.
    await out(plantSetAside('/usr/jails/a', '/var/db/hostwork', FREEBSD_UPDATE_RUN));
    const before = await hostFiles();
    const mounts = await out('mount -p');
    const aliases = await out('ifconfig em0');
    const r = await project.apply(project.playbook('142.yml', play('14.2-RELEASE')));
    expect(await hostFiles()).toBe(before);
    expect(await leaks()).toBe('');
    expect(r.code, r.stdout).toBe(0);
    // The new release went into the jail's own copy, through its link resolved inside it; the links are left as planted.
    expect(await out('jexec a freebsd-version -u; readlink /usr/jails/a/bin /usr/jails/a/etc/inetd.conf')).toBe('14.2-RELEASE\n/var/db/hostwork\n/etc/master.passwd\n');
    expect(await out('grep -c USERLAND_VERSION=.14.2-RELEASE /usr/jails/a/var/db/hostwork/freebsd-version')).toBe('1\n');
    // Both transient jails ran the planted shell, the download's and the install's (which then replaced it by the new release's).
    expect(await out('cat /usr/jails/a/var/db/planted')).toBe('ran\nran\n');
    // No transient jail, mount or alias left behind: only the jail itself, started again. A jail without persist
    // lives until its last process exits (jail(8) persist), so no process the tree's code started runs any more.
    expect(await out('jls -q name')).toBe('a\n');
    expect(await out('mount -p')).toBe(mounts);
    expect(await out('ifconfig em0')).toBe(aliases);
  });

  it("a stopped jail's dev linked to the host's /dev: jail(8) refuses to mount devfs through it, the upgrade fails, the host's devfs stays", async () => {
    const b = (release: string) => play(release, 'stopped', 'b', '192.0.2.102');
    expect((await project.apply(project.playbook('b141.yml', b('14.1-RELEASE')))).code).toBe(0);
    // What a jail's root can do while it runs without devfs mounted on its /dev; written here in the stopped jail's tree.
    await out('rm -rf /usr/jails/b/dev && ln -s /dev /usr/jails/b/dev');
    const before = await hostFiles();
    const hostMounts = await out('mount -p');
    const r = await project.apply(project.playbook('b142.yml', b('14.2-RELEASE')));
    expect(r.code).toBe(1);
    // usr.sbin/jail/command.c check_path(): jail_warnx(j, "%s: %s is a symbolic link", pname, tpath).
    expect(r.stdout).toContain('jail: mount.devfs: /usr/jails/b/dev is a symbolic link');
    expect(await out('mount -p')).toBe(hostMounts);
    expect(await hostFiles()).toBe(before);
    expect(await out('jls -q name; cat /usr/jails/b/.jailfleet-release; ifconfig em0 | grep -c 192.0.2.102; true')).toBe('a\n14.1-RELEASE\n0\n');
  });
});
