/**
 * Renames and hard links between mounted file systems, as FreeBSD 14 has them.
 * - rename(2) ERRORS: [EXDEV] "The link named by to and the file named by
 *   from are on different logical devices (file systems)."; link(2) ERRORS:
 *   [EXDEV] "The link named by name2 and the file named by name1 are on
 *   different file systems." strerror(EXDEV) is "Cross-device link"
 *   (lib/libc/gen/errlst.c). A nullfs mount is a file system of its own.
 * - ln(1) (bin/ln/ln.c linkit()): warn("%s", target) when link fails; with
 *   -f the old target is unlinked first.
 * - mv(1) (bin/mv/mv.c do_move()): on EXDEV a mount point is refused
 *   ("cannot rename a mount point"); a regular file goes through fastcopy()
 *   (a new file with the source's owner, mode and times, the source then
 *   unlinked, "%s -> %s" with -v); anything else through copy(): an existing
 *   target is removed first (warn("rmdir %s") when that fails), then
 *   `cp -PRp` (-PRpv with -v) and `rm -rf` of the source.
 * - kern_renameat (sys/kern/vfs_syscalls.c) looks both names up first (ENOENT
 *   for a missing directory, EROFS on a read-only mount: vfs_lookup.c
 *   lookup()) and checks a file onto a directory (EISDIR) before the file
 *   system's VOP_RENAME says EXDEV; mv then warns "rename %s to %s".
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

function host() {
  const h = simHost('h1', { address: '192.0.2.11', zpool: true });
  expect(h.exec('mkdir /mnt/t && mount -t tmpfs tmpfs /mnt/t')).toEqual({ stdout: '', stderr: '', code: 0 });
  return h;
}

const ok = (stdout = '') => ({ stdout, stderr: '', code: 0 });

describe('mv across mounts', () => {
  it('copies a file with its owner, mode and time and removes the source', () => {
    const h = host();
    h.exec('echo hi > /tmp/a && chmod 640 /tmp/a && chown www:www /tmp/a');
    h.fs.lstat('/tmp/a')!.mtime = 1704200640; // 2024-01-02 13:04 UTC, as an older file has
    expect(h.exec('mv -v /tmp/a /mnt/t/')).toEqual(ok('/tmp/a -> /mnt/t/a\n'));
    expect(h.exec('stat -f "%m %Lp %Su %Sg" /mnt/t/a; ls /tmp; cat /mnt/t/a')).toEqual(ok('1704200640 640 www www\nhi\n'));
  });

  it('moves a directory tree by cp -PRp and rm -rf, links kept as links; -v shows cp -v lines', () => {
    const h = host();
    h.exec('mkdir -p /tmp/d/e && echo x > /tmp/d/e/f && ln -s f /tmp/d/e/l');
    expect(h.exec('mv -v /tmp/d /mnt/t/d2')).toEqual(ok('/tmp/d -> /mnt/t/d2\n/tmp/d/e -> /mnt/t/d2/e\n/tmp/d/e/f -> /mnt/t/d2/e/f\n/tmp/d/e/l -> /mnt/t/d2/e/l\n'));
    expect(h.exec('find /mnt/t/d2 | sort; readlink /mnt/t/d2/e/l; [ -e /tmp/d ] || echo gone')).toEqual(ok('/mnt/t/d2\n/mnt/t/d2/e\n/mnt/t/d2/e/f\n/mnt/t/d2/e/l\nf\ngone\n'));
  });

  it('moves between the pool\'s datasets and the UFS root the same way', () => {
    const h = host();
    expect(h.exec('echo 1 > /usr/jails/f && mv /usr/jails/f /root/f && cat /root/f && ls /usr/jails')).toEqual(ok('1\n'));
  });

  it('refuses a non-empty directory target as copy() does, and a mount point', () => {
    const h = host();
    expect(h.exec('mkdir -p /tmp/q /mnt/t/q/z; mv /tmp/q /mnt/t/; echo $?; ls -d /tmp/q')).toEqual({ stdout: '1\n/tmp/q\n', stderr: 'mv: rmdir /mnt/t/q: Directory not empty\n', code: 0 });
    expect(h.exec('mv /mnt/t /tmp/x; echo $?; mount | grep -c /mnt/t')).toEqual({ stdout: '1\n1\n', stderr: 'mv: cannot rename a mount point\n', code: 0 });
    expect(h.exec('mkdir /mnt/t/dir; echo f > /tmp/dir; mv /tmp/dir /mnt/t/; echo $?')).toEqual({ stdout: '1\n', stderr: 'mv: rename /tmp/dir to /mnt/t/dir: Is a directory\n', code: 0 });
  });

  it('fails as rename(2) does before EXDEV: a missing directory, a read-only mount', () => {
    const h = host();
    h.exec('echo a > /tmp/a && mkdir -p /ro /mnt/r && mount_nullfs -o ro /ro /mnt/r');
    expect(h.exec('mv /tmp/a /mnt/t/no/a; echo $?; mv /tmp/a /mnt/r/a; echo $?; cat /tmp/a; ls /mnt/t /ro')).toEqual({
      stdout: '1\n1\na\n/mnt/t:\n\n/ro:\n',
      stderr: 'mv: rename /tmp/a to /mnt/t/no/a: No such file or directory\nmv: rename /tmp/a to /mnt/r/a: Read-only file system\n',
      code: 0,
    });
  });

  it('still renames within one mount, hard links and all', () => {
    const h = host();
    expect(h.exec('echo a > /mnt/t/a && ln /mnt/t/a /mnt/t/b && mv /mnt/t/a /mnt/t/c && stat -f %l /mnt/t/c')).toEqual(ok('2\n'));
  });

  it('treats a nullfs mount as another file system', () => {
    const h = host();
    h.exec('mkdir -p /data /usr/jails/www/data && mount_nullfs /data /usr/jails/www/data && echo x > /tmp/x');
    expect(h.exec('mv /tmp/x /usr/jails/www/data/x && cat /data/x && ln /data/x /usr/jails/www/data/y; echo $?')).toEqual({ stdout: 'x\n1\n', stderr: 'ln: /usr/jails/www/data/y: Cross-device link\n', code: 0 });
  });
});

describe('ln across mounts', () => {
  it('fails with EXDEV, and -f has removed the old target by then', () => {
    const h = host();
    h.exec('echo y > /tmp/b && echo old > /mnt/t/a');
    expect(h.exec('ln /tmp/b /mnt/t/b; echo $?; ln -f /tmp/b /mnt/t/a; echo $?; ls /mnt/t')).toEqual({
      stdout: '1\n1\n',
      stderr: 'ln: /mnt/t/b: Cross-device link\nln: /mnt/t/a: Cross-device link\n',
      code: 0,
    });
    expect(h.exec('ln -s /tmp/b /mnt/t/s && cat /mnt/t/s')).toEqual(ok('y\n'));
  });
});
