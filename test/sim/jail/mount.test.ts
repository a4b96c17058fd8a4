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
    expect(h.call(mountCommand, ['mount', '-p']).stdout).toBe(
      '/dev/ada0p2\t\t/\t\t\tufs\trw,softdep \t1 1\n' +
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

  it.each([
    [mountCommand, ['mount', '-t', 'devfs', 'devfs', '/nope/dev'], 'mount: /nope/dev: No such file or directory\n'],
    [mountCommand, ['mount', '-t', 'nullfs', '/nope', '/data'], 'mount_nullfs: /nope: No such file or directory\n'],
    [umountCommand, ['umount', '/data'], 'umount: /data: not a file system root directory\n'],
    [umountCommand, ['umount', '/nope'], 'umount: /nope: No such file or directory\n'],
  ])('%#: %j fails with %j', (cmd, argv, stderr) => {
    const h = setup();
    const before = structuredClone(h.state.mounts);
    expect(h.call(cmd, argv)).toEqual({ stdout: '', stderr, code: 1 });
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
});
