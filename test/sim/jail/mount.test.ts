import { describe, expect, it } from 'vitest';
import { mountCommand, umountCommand } from '../../../src/sim/commands/jail/mount.js';
import { harness, makeJailRoot } from './helpers.js';

function setup() {
  const h = harness();
  makeJailRoot(h.state, '/usr/jails/www');
  h.fs.mkdir('/data');
  return h;
}

describe('mount / umount', () => {
  it('mounts pseudo file systems and nullfs and lists them', () => {
    const h = setup();
    for (const args of [
      ['-t', 'devfs', 'devfs', '/usr/jails/www/dev'],
      ['-t', 'procfs', 'proc', '/usr/jails/www/proc'],
      ['-t', 'nullfs', '-o', 'ro', '/data', '/usr/jails/www/root'],
    ])
      expect(h.call(mountCommand, ['mount', ...args])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.call(mountCommand, ['mount']).stdout).toBe(
      [
        '/dev/ada0p2 on / (ufs, local, soft-updates)',
        'devfs on /usr/jails/www/dev (devfs)',
        'procfs on /usr/jails/www/proc (procfs, local)',
        '/data on /usr/jails/www/root (nullfs, local, read-only)',
        '',
      ].join('\n'),
    );
    // putfsent(): "rw" unless read-only, then flags2opts() — which has no
    // soft-updates option (sbin/mount/mount.c).
    expect(h.call(mountCommand, ['mount', '-p']).stdout).toBe(
      '/dev/ada0p2\t\t/\t\t\tufs\trw\t\t1 1\n' +
        'devfs\t\t\t/usr/jails/www/dev\tdevfs\trw\t\t0 0\n' +
        'procfs\t\t\t/usr/jails/www/proc\tprocfs\trw\t\t0 0\n' +
        '/data\t\t\t/usr/jails/www/root\tnullfs\tro\t\t0 0\n',
    );
  });

  it('shows a jail only its own mounts, relative to its root', () => {
    const h = setup();
    h.call(mountCommand, ['mount', '-t', 'devfs', 'devfs', '/usr/jails/www/dev']);
    expect(h.call(mountCommand, ['mount'], { root: '/usr/jails/www', jail: 'www' }).stdout).toBe('devfs on /dev (devfs)\n');
  });

  // mount.c mountfs(): checkpath() on the mount point, xo_warn → exit 1;
  // mount_nullfs.c: err(EX_USAGE) on its source, and mount(8) exits with
  // the program's status (exec_mountprog → 64); umount.c checkname(): a
  // directory on its parent's file system, or statfs(2) failing.
  it.each([
    [mountCommand, ['mount', '-t', 'devfs', 'devfs', '/nope/dev'], 'mount: /nope/dev: No such file or directory\n', 1],
    [mountCommand, ['mount', '-t', 'nullfs', '/nope', '/data'], 'mount_nullfs: /nope: No such file or directory\n', 64],
    [mountCommand, ['mount', '-t', 'nullfs', '/data', '/nope'], 'mount: /nope: No such file or directory\n', 1],
    [umountCommand, ['umount', '/data'], 'umount: /data: not a file system root directory\n', 1],
    [umountCommand, ['umount', '/nope'], 'umount: /nope: statfs: No such file or directory\numount: /nope: unknown file system\n', 1],
  ])('%#: %j fails with %j', (cmd, argv, stderr, code) => {
    const h = setup();
    const before = structuredClone(h.state.mounts);
    expect(h.call(cmd, argv)).toEqual({ stdout: '', stderr, code });
    expect(h.state.mounts).toEqual(before);
  });

  it('unmounts; a parent with a child mount is busy unless forced', () => {
    const h = setup();
    h.fs.mkdir('/usr/jails/www/dev/fd');
    h.call(mountCommand, ['mount', '-t', 'devfs', 'devfs', '/usr/jails/www/dev']);
    h.call(mountCommand, ['mount', '-t', 'fdescfs', 'fdesc', '/usr/jails/www/dev/fd']);
    expect(h.call(umountCommand, ['umount', '/usr/jails/www/dev'])).toEqual({ stdout: '', stderr: 'umount: unmount of /usr/jails/www/dev failed: Device busy\n', code: 1 });
    expect(h.call(umountCommand, ['umount', '/usr/jails/www/dev/fd']).code).toBe(0);
    expect(h.call(umountCommand, ['umount', '-f', '/usr/jails/www/dev']).code).toBe(0);
    expect(h.state.mounts.map((m) => m.on)).toEqual(['/']);
  });

  // umount.c checkname(): a name that is neither a mount point nor a mounted source is statfs(2)'d, which
  // follows links ("This covers all the hard cases such as symlinks"): the file system mounted where the
  // link leads is unmounted, under its own name.
  it('unmounts through a symbolic link to a mount point', () => {
    const h = setup();
    h.call(mountCommand, ['mount', '-t', 'nullfs', '/data', '/usr/jails/www/root']);
    h.fs.symlink('/usr/jails/www/root', '/tmp/to-root');
    expect(h.call(umountCommand, ['umount', '/tmp/to-root'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.state.mounts.map((m) => m.on)).toEqual(['/']);
  });
});

describe('mount from fstab(5), options, mount -p numbers', () => {
  const FSTAB = '# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n/data\t/usr/jails/www/root\t\tnullfs\tro,noexec\t0\t0\ntmpfs\t/tmp\t\ttmpfs\trw,nosuid\t1\t2\nfdesc\t/dev/fd\t\tfdescfs\tnoexec\t0\t0\n';

  function withFstab(file = '/etc/fstab') {
    const h = setup();
    h.fs.writeFile(file, FSTAB);
    return h;
  }

  // mount.c main(), one argument: getfsfile() then getfsspec(); the type
  // and options come from the entry (mountfs(..., fs->fs_mntops)).
  it('mounts a node or a special from its entry, with the entry options as flags', () => {
    const h = withFstab();
    expect(h.call(mountCommand, ['mount', '/usr/jails/www/root/'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.call(mountCommand, ['mount', 'tmpfs'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.call(mountCommand, ['mount']).stdout).toBe(
      '/dev/ada0p2 on / (ufs, local, soft-updates)\n/data on /usr/jails/www/root (nullfs, local, noexec, read-only)\ntmpfs on /tmp (tmpfs, local, nosuid)\n',
    );
    // putfsent(): dump and pass from the entry for the source (getfsspec), 0 0 without one.
    expect(h.call(mountCommand, ['mount', '-p']).stdout).toBe(
      '/dev/ada0p2\t\t/\t\t\tufs\trw\t\t1 1\n/data\t\t\t/usr/jails/www/root\tnullfs\tro,noexec \t0 0\ntmpfs\t\t\t/tmp\t\t\ttmpfs\trw,nosuid \t1 2\n',
    );
  });

  it('-F names another fstab; a name in none is "unknown special file or file system"', () => {
    const h = withFstab('/etc/fstab.www');
    expect(h.call(mountCommand, ['mount', '/tmp'])).toEqual({ stdout: '', stderr: 'mount: /tmp: unknown special file or file system\n', code: 1 });
    expect(h.call(mountCommand, ['mount', '-F', '/etc/fstab.www', '/tmp'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.state.mounts.map((m) => m.on)).toEqual(['/', '/tmp']);
  });

  // lib/libc/gen/fstab.c fstabscan(): fs_type is the first of rw, rq, ro,
  // sw in the options, else "??"; mount.c: BADTYPE → "has unknown file
  // system type", and mount -a skips such lines and noauto ones.
  it('refuses an entry whose options name no rw/ro; mount -a skips it and noauto', () => {
    const h = withFstab();
    h.fs.mkdir('/dev/fd', { parents: true });
    expect(h.call(mountCommand, ['mount', '/dev/fd'])).toEqual({ stdout: '', stderr: 'mount: /dev/fd has unknown file system type\n', code: 1 });
    h.fs.writeFile('/etc/fstab', `${FSTAB}proc\t/proc\t\tprocfs\trw,noauto\t0\t0\n`);
    expect(h.call(mountCommand, ['mount', '-a'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.state.mounts.map((m) => m.on)).toEqual(['/', '/usr/jails/www/root', '/tmp']);
  });

  it('-o options become the flags prmount shows; the last of ro and rw wins', () => {
    const h = setup();
    h.fs.mkdir('/mnt');
    expect(h.call(mountCommand, ['mount', '-t', 'tmpfs', '-o', 'ro,nosuid,rw', 'tmpfs', '/mnt']).code).toBe(0);
    expect(h.call(mountCommand, ['mount']).stdout).toContain('tmpfs on /mnt (tmpfs, local, nosuid)\n');
  });

  // umount.c checkmntlist(): the name is looked up as a mount point, then as a mounted source.
  it('umount takes the mounted source too', () => {
    const h = setup();
    h.call(mountCommand, ['mount', '-t', 'nullfs', '/data', '/usr/jails/www/root']);
    expect(h.call(umountCommand, ['umount', '/data'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.state.mounts.map((m) => m.on)).toEqual(['/']);
  });
});

// mount.c main(): with -u and one argument, getmntpoint() finds the mounted
// file system or "not currently mounted NAME" (exit 1); without ro, "noro"
// is added, so the update makes it read-write.
describe('mount -u', () => {
  it('updates a mounted file system in place, or says it is not mounted', () => {
    const h = setup();
    h.fs.mkdir('/mnt');
    h.call(mountCommand, ['mount', '-t', 'tmpfs', '-o', 'nosuid', 'tmpfs', '/mnt']);
    expect(h.call(mountCommand, ['mount', '-u', '-o', 'ro', '/mnt'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.call(mountCommand, ['mount']).stdout).toContain('tmpfs on /mnt (tmpfs, local, nosuid, read-only)\n');
    expect(h.call(mountCommand, ['mount', '-u', '/mnt']).code).toBe(0);
    expect(h.call(mountCommand, ['mount']).stdout).toContain('tmpfs on /mnt (tmpfs, local, nosuid)\n');
    expect(h.state.mounts.filter((m) => m.on === '/mnt')).toHaveLength(1);
    expect(h.call(mountCommand, ['mount', '-u', '/data'])).toEqual({ stdout: '', stderr: 'mount: not currently mounted /data\n', code: 1 });
  });
});
