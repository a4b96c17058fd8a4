/**
 * A jail's release upgrade: freebsd-version(1), freebsd-update(8), etcupdate(8). Sources:
 * - bin/freebsd-version/freebsd-version.sh.in: USERLAND_VERSION baked into the script; -k is the
 *   installed kernel ($ROOT/boot/kernel/kernel, "unable to locate kernel"), -r `sysctl -n
 *   kern.osrelease`, -u the userland (default), -j runs `jexec -- "$j" freebsd-version`; printed in
 *   the order k, r, u, j; usage "usage: freebsd-version [-kru] [-j jail]".
 * - usr.sbin/freebsd-update/freebsd-update.sh: usage() on stdout with exit 0; upgrade_check_params
 *   "Release target must be specified via -r option." / "Cannot upgrade from X to itself";
 *   config_TargetRelease turns "14.2" into "14.2-RELEASE"; install_check_params "No updates are
 *   available to install." / "Run '$0 fetch' first." (exit 1); fetch without a tty "freebsd-update
 *   fetch should not be run non-interactively." / "Run freebsd-update cron instead."; install_files():
 *   kernel first, then world, then (old shared objects) the cleanup.
 * - FreeBSD 14.x transcripts of the same commands (blog posts and handbook-style notes, 14.0→14.1,
 *   14.1→14.2, 14.3→15.0): "The following components of FreeBSD seem to be installed:",
 *   "Does this look reasonable (y/n)? ", "To install the downloaded upgrades, run 'freebsd-update
 *   [options] install'.", "Installing updates...", "Kernel updates have been installed.  Please
 *   reboot and run\n'freebsd-update [options] install' again to finish installing updates.",
 *   "Completing this upgrade requires removing old shared object files. ...", "Installing
 *   updates... done.".
 * - usr.sbin/etcupdate/etcupdate.sh status_cmd/resolve_cmd/diff_cmd/update_cmd, WORKDIR default
 *   $DESTDIR/var/db/etcupdate.
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const MIRROR = 'https://download.freebsd.org/ftp/releases/amd64/amd64';

function withJail(release = '14.1-RELEASE') {
  const h = simHost('h1', { address: '192.0.2.11' });
  expect(h.exec(`mkdir -p /usr/jails/www && fetch -q -o /tmp/base.txz ${MIRROR}/${release}/base.txz && tar -xf /tmp/base.txz -C /usr/jails/www`).code).toBe(0);
  h.exec(`cat > /etc/jail.conf <<'EOF'
www { path = /usr/jails/www; persist; }
EOF`);
  return h;
}

const UPGRADE_END = "To install the downloaded upgrades, run 'freebsd-update [options] install'.\n";
const KERNEL_DONE = "Installing updates...\nKernel updates have been installed.  Please reboot and run\n'freebsd-update [options] install' again to finish installing updates.\n";

describe('freebsd-version', () => {
  it('reads the userland of the root it runs in; -k has no kernel in a jail tree; -j asks each jail', () => {
    const h = withJail();
    h.exec('jail -c www');
    expect(h.exec('freebsd-version; freebsd-version -ru')).toEqual({ stdout: '14.2-RELEASE\n14.2-RELEASE\n14.2-RELEASE\n', stderr: '', code: 0 });
    expect(h.exec('jexec www freebsd-version')).toEqual({ stdout: '14.1-RELEASE\n', stderr: '', code: 0 });
    // The running kernel in the jail is the host's; the userland is the tree's.
    expect(h.exec('jexec www freebsd-version -ru')).toEqual({ stdout: '14.2-RELEASE\n14.1-RELEASE\n', stderr: '', code: 0 });
    expect(h.exec('jexec www /bin/freebsd-version -k')).toEqual({ stdout: '', stderr: 'freebsd-version: unable to locate kernel\n', code: 1 });
    expect(h.exec('freebsd-version -u -j www')).toEqual({ stdout: '14.2-RELEASE\n14.1-RELEASE\n', stderr: '', code: 0 });
    expect(h.exec('freebsd-version -x')).toEqual({ stdout: '', stderr: 'Illegal option -x\nusage: freebsd-version [-kru] [-j jail]\n', code: 1 });
  });
});

describe('freebsd-update', () => {
  it('upgrades a jail tree with -b and --currently-running: upgrade, then install until done', () => {
    const h = withJail();
    const up = h.exec('echo y | freebsd-update -b /usr/jails/www --currently-running 14.1-RELEASE -r 14.2 upgrade');
    expect(up.code).toBe(0);
    expect(up.stdout.startsWith('Looking up update.FreeBSD.org mirrors... 3 mirrors found.\nFetching metadata signature for 14.1-RELEASE from update1.freebsd.org... done.\n')).toBe(true);
    expect(up.stdout).toContain('The following components of FreeBSD seem to be installed:\nworld/base\n\n');
    expect(up.stdout).toContain('Does this look reasonable (y/n)? Fetching metadata signature for 14.2-RELEASE');
    expect(up.stdout).toContain('The following files will be updated as part of updating to\n14.2-RELEASE-p0:\n/bin/freebsd-version\n');
    expect(up.stdout.endsWith(UPGRADE_END)).toBe(true);
    // Nothing changes before install.
    expect(h.exec('grep USERLAND_VERSION= /usr/jails/www/bin/freebsd-version').stdout).toBe('USERLAND_VERSION="14.1-RELEASE"\n');
    expect(h.exec('freebsd-update -b /usr/jails/www install')).toEqual({ stdout: KERNEL_DONE, stderr: '', code: 0 });
    // A minor upgrade completes with the world step.
    expect(h.exec('freebsd-update -b /usr/jails/www install')).toEqual({ stdout: 'Installing updates... done.\n', stderr: '', code: 0 });
    expect(h.exec('grep USERLAND_VERSION= /usr/jails/www/bin/freebsd-version').stdout).toBe('USERLAND_VERSION="14.2-RELEASE"\n');
    expect(h.exec('freebsd-update -b /usr/jails/www install')).toEqual({
      stdout: "No updates are available to install.\nRun '/usr/sbin/freebsd-update fetch' first.\n",
      stderr: '',
      code: 1,
    });
    // The host's own pending state is separate (BDHASH of its basedir).
    expect(h.exec('freebsd-update install').code).toBe(1);
  });

  it("run in a jail without -b: root there is uid 0 (install_check_params' `id -u`), BASEDIR and WORKDIR are the jail's own, links resolve inside it", () => {
    const h = withJail();
    h.exec('mkdir -p /var/db/hostdir && echo host > /var/db/hostdir/freebsd-version');
    // bin is a link with an absolute target: inside the jail it leads to the jail's own /var/db/hostdir.
    expect(h.exec('cd /usr/jails/www && cp -Rp bin var/db/hostdir && rm -rf bin && ln -s /var/db/hostdir bin').code).toBe(0);
    // A command jail leaves the devfs jail(8) mounted for it: unmounted after each.
    const jailed = (command: string) => h.exec(`jail -c path=/usr/jails/www ip4=disable mount.devfs command=${command}; umount /usr/jails/www/dev`);
    const up = jailed(`/bin/sh -c 'echo y | freebsd-update --currently-running 14.1-RELEASE -r 14.2-RELEASE upgrade'`);
    expect(up.stdout.endsWith(UPGRADE_END)).toBe(true);
    // The pending install is in the jail's work directory, under BDHASH of its "/"; none in the host's.
    expect(h.exec('ls /usr/jails/www/var/db/freebsd-update | grep -c -- -install; ls /var/db/freebsd-update | grep -c -- -install').stdout).toBe('1\n0\n');
    expect(jailed('freebsd-update install').stdout).toBe(KERNEL_DONE);
    expect(jailed('freebsd-update install').stdout).toBe('Installing updates... done.\n');
    expect(h.exec('grep USERLAND_VERSION= /usr/jails/www/var/db/hostdir/freebsd-version; cat /var/db/hostdir/freebsd-version').stdout).toBe('USERLAND_VERSION="14.2-RELEASE"\nhost\n');
    expect(h.exec('jls -q name; mount | grep -c /usr/jails/www').stdout).toBe('0\n');
  });

  it('a major upgrade takes three installs; -j names the jail and its userland is the running release', () => {
    const h = withJail('13.4-RELEASE');
    h.exec('jail -c www');
    expect(h.exec('echo y | freebsd-update -j www -r 14.2-RELEASE upgrade').stdout.endsWith(UPGRADE_END)).toBe(true);
    expect(h.exec('freebsd-update -j www install').stdout).toBe(KERNEL_DONE);
    expect(h.exec('freebsd-update -j www install')).toEqual({
      stdout:
        'Installing updates...\nCompleting this upgrade requires removing old shared object files.\nPlease rebuild all installed 3rd party software (e.g., programs\ninstalled from the ports tree) and then run\n' +
        "'freebsd-update [options] install' again to finish installing updates.\n",
      stderr: '',
      code: 0,
    });
    expect(h.exec('jexec www freebsd-version').stdout).toBe('14.2-RELEASE\n');
    expect(h.exec('freebsd-update -j www install').stdout).toBe('Installing updates... done.\n');
  });

  it('the host: the kernel step changes what -k reports, not the running kernel', () => {
    const h = simHost('h1', { address: '192.0.2.11' });
    expect(h.exec('echo y | freebsd-update -r 14.3-RELEASE upgrade').stdout).toContain('seem to be installed:\nkernel/generic world/base\n');
    h.exec('freebsd-update install');
    expect(h.exec('freebsd-version -kru').stdout).toBe('14.3-RELEASE\n14.2-RELEASE\n14.2-RELEASE\n');
    h.exec('freebsd-update install');
    expect(h.exec('freebsd-version -kru').stdout).toBe('14.3-RELEASE\n14.2-RELEASE\n14.3-RELEASE\n');
  });

  it.each([
    ['freebsd-update -b /usr/jails/www upgrade', 'freebsd-update: Release target must be specified via -r option.\n'],
    ['freebsd-update -r 14.2-RELEASE upgrade', 'freebsd-update: Cannot upgrade from 14.2-RELEASE to itself\n'],
    ['freebsd-update fetch', 'freebsd-update fetch should not be run non-interactively.\nRun freebsd-update cron instead.\n'],
    ['freebsd-update -d /nonexistent install', 'freebsd-update: Directory does not exist or is not writable: /nonexistent\n'],
  ])('%s fails: %j', (script, stdout) => {
    const h = withJail();
    expect(h.exec(script)).toEqual({ stdout, stderr: '', code: 1 });
  });

  it('without an answer on stdin the upgrade stops at the prompt; an unknown release has no mirror', () => {
    const h = withJail();
    const r = h.exec('freebsd-update -b /usr/jails/www --currently-running 14.1-RELEASE -r 14.2-RELEASE upgrade </dev/null');
    expect([r.code, r.stdout.endsWith('Does this look reasonable (y/n)? ')]).toEqual([1, true]);
    const bad = h.exec('echo y | freebsd-update -b /usr/jails/www --currently-running 14.1-RELEASE -r 14.9-RELEASE upgrade');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Fetching metadata signature for 14.9-RELEASE from update1.freebsd.org... failed.\n');
    expect(bad.stdout).toContain('No mirrors remaining, giving up.\n');
    expect(h.exec('freebsd-update -b /usr/jails/www install').code).toBe(1);
  });

  it('prints usage on stdout with exit 0 for an unknown word; fetch with --not-running-from-cron', () => {
    const h = withJail();
    const u = h.exec('freebsd-update frobnicate');
    expect([u.code, u.stdout.split('\n')[0]]).toEqual([0, 'usage: freebsd-update [options] command ... [path]']);
    expect(h.exec('freebsd-update --not-running-from-cron fetch').stdout.endsWith('\nNo updates needed to update system to 14.2-RELEASE-p0.\n')).toBe(true);
  });
});

describe('etcupdate', () => {
  it('status, resolve and diff for a jail tree, as etcupdate.sh does them', () => {
    const h = withJail();
    expect(h.exec('etcupdate status -D /usr/jails/www')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('test -f /usr/jails/www/var/db/etcupdate/log && echo log').stdout).toBe('log\n');
    expect(h.exec('etcupdate resolve -D /usr/jails/www')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('etcupdate diff -D /usr/jails/www')).toEqual({ stdout: 'Reference tree to diff against unavailable.\n', stderr: '', code: 1 });
    h.exec('mkdir -p /usr/jails/www/var/db/etcupdate/conflicts/etc && echo x > /usr/jails/www/var/db/etcupdate/conflicts/etc/rc.conf');
    h.exec('printf "  Needs update: /etc/localtime (required manual update via tzsetup(8))\\n" > /usr/jails/www/var/db/etcupdate/warnings');
    expect(h.exec('etcupdate status -D /usr/jails/www').stdout).toBe('  C /etc/rc.conf\nWarnings:\n  Needs update: /etc/localtime (required manual update via tzsetup(8))\n');
    expect(h.exec('etcupdate -D /usr/jails/www -t /tmp/base.txz')).toEqual({ stdout: 'Conflicts remain from previous update, aborting.\n', stderr: '', code: 1 });
  });

  it('update needs a previous tree: extract one first', () => {
    const h = withJail();
    expect(h.exec('etcupdate -D /usr/jails/www')).toEqual({ stdout: 'Failed to build new tree.\n', stderr: '', code: 1 });
    expect(h.exec('etcupdate -D /usr/jails/www -t /tmp/base.txz')).toEqual({
      stdout: 'No previous tree to compare against, a sane comparison is not possible.\n',
      stderr: '',
      code: 1,
    });
    expect(h.exec('etcupdate extract -D /usr/jails/www -t /tmp/base.txz && test -f /usr/jails/www/var/db/etcupdate/current/etc/rc && echo ok')).toEqual({ stdout: 'ok\n', stderr: '', code: 0 });
    expect(h.exec('etcupdate bogus').stdout.split('\n')[0]).toBe('usage: etcupdate [-npBF] [-d workdir] [-r | -s source | -t tarball]');
  });
});
