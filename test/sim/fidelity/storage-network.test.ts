/** freebsd.md §10 (zfs messages and -nP), §11 (ifconfig alias / -alias), §12 (mount listing) reproduced exactly. */
import { describe, expect, it } from 'vitest';
import { createPool } from '../../../src/sim/commands/zfs/index.js';
import { err, fidelityHost, out, type Row } from './host.js';

function zfsRow(row: Row) {
  const h = fidelityHost();
  createPool(h.state, h.fs, 'zroot');
  h.exec('zfs create -o mountpoint=/usr/jails zroot/jails && zfs create zroot/jails/www && echo v1 > /usr/jails/www/f && zfs snapshot -r zroot/jails@a');
  if (row.setup) expect(h.exec(row.setup).code).toBe(0);
  return h.exec(row.run);
}

const ZFS: Row[] = [
  {
    doc: '§10 -nP full: tab-separated on stdout, size equals the stream',
    run: 'n=$(zfs send zroot/jails/www@a | wc -c | tr -d " "); zfs send -nP zroot/jails/www@a | sed "s/$n\\$/N/"',
    expect: out('full\tzroot/jails/www@a\tN\nsize\tN\n'),
  },
  {
    doc: '§10 -nP incremental',
    setup: 'echo v2 > /usr/jails/www/f && zfs snapshot zroot/jails/www@b',
    run: 'n=$(zfs send -i @a zroot/jails/www@b | wc -c | tr -d " "); zfs send -nP -i @a zroot/jails/www@b | sed "s/$n\\$/N/"',
    expect: out('incremental\ta\tzroot/jails/www@b\tN\nsize\tN\n'),
  },
  {
    doc: '§10 incremental source mismatch',
    setup: 'zfs send zroot/jails/www@a > /tmp/full && zfs snapshot zroot/jails/www@b && zfs snapshot zroot/jails/www@c && zfs send -i @b zroot/jails/www@c > /tmp/inc',
    run: 'zfs receive zroot/copy < /tmp/full && zfs receive zroot/copy < /tmp/inc',
    expect: err('cannot receive incremental stream: most recent snapshot of zroot/copy does not match incremental source\n'),
  },
  {
    doc: '§10 destination modified since most recent snapshot',
    setup: 'zfs send zroot/jails/www@a > /tmp/full && zfs snapshot zroot/jails/www@b && zfs send -i @a zroot/jails/www@b > /tmp/inc',
    run: 'zfs receive zroot/copy < /tmp/full && touch /zroot/copy/new && zfs receive zroot/copy < /tmp/inc',
    expect: err('cannot receive incremental stream: destination zroot/copy has been modified since most recent snapshot\n'),
  },
  {
    doc: '§10 -F rolls the target back first',
    setup: 'zfs send zroot/jails/www@a > /tmp/full && zfs snapshot zroot/jails/www@b && zfs send -i @a zroot/jails/www@b > /tmp/inc',
    run: 'zfs receive zroot/copy < /tmp/full && touch /zroot/copy/new && zfs receive -F zroot/copy < /tmp/inc && ls /zroot/copy',
    expect: out('f\n'),
  },
  {
    doc: '§10 interrupted stream without -s is discarded',
    run: 'zfs send zroot/jails/www@a | head -c 260 | zfs receive zroot/copy; zfs list zroot/copy',
    expect: err("cannot receive new filesystem stream: checksum mismatch or incomplete stream\ncannot open 'zroot/copy': dataset does not exist\n"),
  },
  {
    doc: '§10 interrupted stream with -s: the saved-partial message and the token',
    run: 'zfs send zroot/jails/www@a | head -c 260 | zfs receive -s zroot/copy 2>&1 | sed "s/-t 1-.*/-t TOKEN/"; zfs get -H -o value receive_resume_token zroot/copy | cut -c1-2',
    expect: out('cannot receive new filesystem stream: checksum mismatch or incomplete stream.\nPartially received snapshot is saved.\nA resuming stream can be generated on the sending system by running:\n    zfs send -t TOKEN\n1-\n'),
  },
  {
    doc: '§10 a received snapshot keeps its guid',
    run: 'a=$(zfs get -Hp -o value guid zroot/jails/www@a); zfs send zroot/jails/www@a | zfs receive zroot/copy; b=$(zfs get -Hp -o value guid zroot/copy@a); [ "$a" = "$b" ] && echo same',
    expect: out('same\n'),
  },
  {
    doc: '§10 mountpoint /<dataset> unless set; a local mountpoint travels with -R; receive -u -o mountpoint=',
    run: 'zfs send -R zroot/jails@a | zfs receive -u -o mountpoint=/check zroot/moved && zfs list -H -o name,mountpoint,mounted -r zroot/moved && zfs create zroot/plain && zfs get -H -o value mountpoint zroot/plain',
    expect: out('zroot/moved\t/check\tno\nzroot/moved/www\t/check/www\tno\n/zroot/plain\n'),
  },
  { doc: '§10 snapshot exists', run: 'zfs snapshot zroot/jails/www@a', expect: err("cannot create snapshot 'zroot/jails/www@a': dataset already exists\n") },
  { doc: '§10 destroy -nv is a dry run', run: 'zfs destroy -nv zroot/jails/www@a && zfs list -H -o name -t snapshot zroot/jails/www', expect: out('would destroy zroot/jails/www@a\nwould reclaim 0B\nzroot/jails/www@a\n') },
  {
    doc: '§10 destroy with children needs -r',
    run: 'zfs destroy zroot/jails',
    expect: err("cannot destroy 'zroot/jails': filesystem has children\nuse '-r' to destroy the following datasets:\nzroot/jails/www@a\nzroot/jails/www\nzroot/jails@a\n"),
  },
];

const NET_MOUNT: Row[] = [
  {
    doc: '§11 ifconfig IF inet ADDR/32 alias adds with netmask 0xffffffff',
    run: 'ifconfig em0 inet 192.0.2.100/32 alias && ifconfig em0 | grep "inet "',
    expect: out('\tinet 192.0.2.23 netmask 0xffffff00 broadcast 192.0.2.255\n\tinet 192.0.2.100 netmask 0xffffffff broadcast 192.0.2.100\n'),
  },
  { doc: '§11 ifconfig IF inet ADDR -alias removes', setup: 'ifconfig em0 inet 192.0.2.100/32 alias', run: 'ifconfig em0 inet 192.0.2.100 -alias && ifconfig em0 | grep "inet "', expect: out('\tinet 192.0.2.23 netmask 0xffffff00 broadcast 192.0.2.255\n') },
  { doc: '§8 runtime alias without inet', run: 'ifconfig em0 alias 192.0.2.101/32 && ifconfig em0 | grep -c 192.0.2.101', expect: out('1\n') },
  { doc: '§11 jail ip4.addr em0|ADDR/32 adds the alias at create', setup: "sed -i '' 's|ip4.addr = 192.0.2.10|ip4.addr = \"em0\\|192.0.2.10/32\"|' /etc/jail.conf", run: 'jail -c www >/dev/null && ifconfig em0 | grep -c 192.0.2.10', expect: out('1\n') },
  { doc: '§12 mount listing', run: 'mount', expect: out('/dev/ada0p2 on / (ufs, local, soft-updates)\ndevfs on /dev (devfs)\n') },
  { doc: '§12 zfs and devfs lines', setup: 'mkdir -p /usr/jails/www/dev && mount -t devfs devfs /usr/jails/www/dev', run: 'mount | tail -1', expect: out('devfs on /usr/jails/www/dev (devfs)\n') },
];

describe('freebsd.md §10 zfs', () => {
  it.each(ZFS)('$doc', (row) => expect(zfsRow(row)).toEqual(row.expect));
});

describe('freebsd.md §8/§11/§12 addresses and mounts', () => {
  it.each(NET_MOUNT)('$doc', (row) => {
    const h = fidelityHost();
    if (row.setup) expect(h.exec(row.setup).code).toBe(0);
    expect(h.exec(row.run)).toEqual(row.expect);
  });
});
