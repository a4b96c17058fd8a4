/**
 * Hard links through tar and zfs send/receive.
 * - bsdtar writes ustar/pax archives, whose strategy archive_entry_linkify(3)
 *   gives as "Store the body the first time an inode is seen (ustar, pax)":
 *   later names of the file are hard link entries naming the first (the
 *   resolver spans the whole archive, all members). Extracting one is
 *   link(2) to that name (libarchive archive_write_disk_posix.c
 *   create_filesystem_object()); a hard link "non-authoritative for meta
 *   data" leaves the file's mode and owner as they are.
 * - zfs send streams a file system's objects, not its paths: a file with two
 *   names is one object whose link count travels with it, so the received
 *   file system (and a rollback to a snapshot) has one file with two names.
 * - Both names are then one file: stat(1) %l is st_nlink, test(1) -ef
 *   compares st_dev and st_ino, and a write through one is read through the other.
 */
import { describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';
import { zfsHost } from '../zfs/helpers.js';

const ok = (stdout = '') => ({ stdout, stderr: '', code: 0 });
const oneFile = (a: string, b: string) => `stat -f %l ${a} ${b}; [ ${a} -ef ${b} ] && echo same; echo more >> ${a}; cat ${b}`;

describe('tar and hard links', () => {
  function host(): SimHost {
    const h = simHost('h1', { address: '192.0.2.11' });
    h.exec('mkdir -p /src/d && echo one > /src/a && chmod 600 /src/a && ln /src/a /src/d/b && echo two > /src/c');
    return h;
  }

  it('archives the second name as a link and extracts one file with two names', () => {
    const h = host();
    expect(h.exec('tar -cf /tmp/t.tar -C /src . && mkdir /out && tar -xf /tmp/t.tar -C /out && ' + oneFile('/out/a', '/out/d/b'))).toEqual(ok('2\n2\nsame\none\nmore\n'));
    expect(h.exec('stat -f "%Lp %l" /out/a /out/c')).toEqual(ok('600 2\n644 1\n'));
  });

  it('links names given as separate members, and through a pipe', () => {
    const h = host();
    expect(h.exec('mkdir /out && tar -cf - -C /src a d/b | tar -xf - -C /out && ' + oneFile('/out/d/b', '/out/a'))).toEqual(ok('2\n2\nsame\none\nmore\n'));
  });

  it('still archives a file whose other name went away as a plain file', () => {
    const h = host();
    expect(h.exec('rm /src/a && mkdir /out && tar -cf - -C /src . | tar -xf - -C /out && cat /out/d/b && stat -f %l /out/d/b')).toEqual(ok('one\n1\n'));
  });
});

describe('zfs send, receive and rollback keep hard links', () => {
  function pair(): [SimHost, SimHost] {
    const src = zfsHost('src', '192.0.2.10');
    const dst = zfsHost('dst', '192.0.2.20');
    src.exec('zfs create -o mountpoint=/usr/jails zroot/jails && zfs create zroot/jails/www && echo v1 > /usr/jails/www/a && mkdir /usr/jails/www/d && ln /usr/jails/www/a /usr/jails/www/d/b && zfs snapshot zroot/jails/www@a');
    dst.exec('zfs create zroot/jails');
    return [src, dst];
  }

  it('receives one file with two names from a full stream', () => {
    const [src, dst] = pair();
    const stream = src.exec('zfs send zroot/jails/www@a');
    expect(dst.exec('zfs receive zroot/jails/www', { stdin: stream.stdout })).toEqual(ok());
    expect(dst.exec(oneFile('/zroot/jails/www/a', '/zroot/jails/www/d/b'))).toEqual(ok('2\n2\nsame\nv1\nmore\n'));
  });

  it('keeps them linked through an incremental stream', () => {
    const [src, dst] = pair();
    dst.exec('zfs receive zroot/jails/www', { stdin: src.exec('zfs send zroot/jails/www@a').stdout });
    src.exec('echo v2 > /usr/jails/www/d/b && echo new > /usr/jails/www/c && zfs snapshot zroot/jails/www@b');
    expect(dst.exec('zfs receive zroot/jails/www', { stdin: src.exec('zfs send -i @a zroot/jails/www@b').stdout })).toEqual(ok());
    expect(dst.exec(oneFile('/zroot/jails/www/d/b', '/zroot/jails/www/a'))).toEqual(ok('2\n2\nsame\nv2\nmore\n'));
  });

  it('rolls back to one file with two names', () => {
    const [src] = pair();
    expect(src.exec('rm /usr/jails/www/d/b && echo x > /usr/jails/www/a && zfs rollback zroot/jails/www@a && ' + oneFile('/usr/jails/www/a', '/usr/jails/www/d/b'))).toEqual(ok('2\n2\nsame\nv1\nmore\n'));
  });
});
