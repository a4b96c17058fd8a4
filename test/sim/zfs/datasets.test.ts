import { beforeEach, describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { err, ok, sh, zfsHost } from './helpers.js';

let h: SimHost;
beforeEach(() => {
  h = zfsHost();
});

describe('zfs create', () => {
  it.each([
    ['zfs create zroot/a/b/c', err("cannot create 'zroot/a/b/c': parent does not exist\n")],
    ['zfs create tank/a', err("cannot create 'tank/a': no such pool 'tank'\n")],
    ['zfs create zroot', err("cannot create 'zroot': missing dataset name\n")],
    ["zfs create 'zroot/a b'", err("cannot create 'zroot/a b': invalid character ' ' in name\n")],
    ['zfs create -o mountpoint=jails zroot/a', err("cannot create 'zroot/a': 'mountpoint' must be an absolute path, 'none', or 'legacy'\n")],
    ['zfs create -o bogus=1 zroot/a', err("cannot create 'zroot/a': invalid property 'bogus'\n")],
    ['zfs create -x zroot/a', err("invalid option 'x'\nusage:\n\tcreate [-Pnpuv] [-o property=value] ... <filesystem>\n\tcreate [-Pnpsv] [-b blocksize] [-o property=value] ... -V <size> <volume>\n", 2)],
  ])('%s', (script, expected) => {
    expect(sh(h, script)).toEqual(expected);
    expect(h.state.datasets.map((d) => d.name)).toEqual(['zroot']);
  });

  it('refuses an existing dataset unless -p', () => {
    expect(sh(h, 'zfs create zroot/a')).toEqual(ok());
    expect(sh(h, 'zfs create zroot/a')).toEqual(err("cannot create 'zroot/a': dataset already exists\n"));
    expect(sh(h, 'zfs create -p zroot/a')).toEqual(ok());
  });

  it('creates parents with -p and mounts each at /<name>', () => {
    expect(sh(h, 'zfs create -p zroot/a/b/c && zfs list -H -o name,mountpoint,mounted -r zroot')).toEqual(
      ok('zroot\t/zroot\tyes\nzroot/a\t/zroot/a\tyes\nzroot/a/b\t/zroot/a/b\tyes\nzroot/a/b/c\t/zroot/a/b/c\tyes\n'),
    );
    expect(h.fs.isDir('/zroot/a/b/c')).toBe(true);
    expect(sh(h, 'mount | grep zroot/a/b/c')).toEqual(ok('zroot/a/b/c on /zroot/a/b/c (zfs, local, noatime, nfsv4acls)\n'));
  });

  it('honours -o mountpoint= and inherits it below', () => {
    expect(sh(h, 'zfs create -o mountpoint=/usr/jails zroot/jails && zfs create zroot/jails/www && zfs get -H mountpoint zroot/jails zroot/jails/www')).toEqual(
      ok('zroot/jails\tmountpoint\t/usr/jails\tlocal\nzroot/jails/www\tmountpoint\t/usr/jails/www\tinherited from zroot/jails\n'),
    );
    expect(h.fs.isDir('/usr/jails/www')).toBe(true);
  });

  it('-u leaves the file system unmounted', () => {
    expect(sh(h, 'zfs create -u zroot/a && zfs get -H -o value mounted zroot/a && test -d /zroot/a || echo absent')).toEqual(ok('no\nabsent\n'));
    expect(sh(h, 'zfs mount zroot/a && zfs mount')).toEqual(ok('zroot                           /zroot\nzroot/a                         /zroot/a\n'));
    expect(sh(h, 'zfs mount zroot/a')).toEqual(err("cannot mount 'zroot/a': filesystem already mounted\n"));
  });
});

describe('zfs list', () => {
  beforeEach(() => {
    sh(h, 'zfs create zroot/jails && zfs create zroot/jails/www && printf "%600s" x > /zroot/jails/www/file && zfs snapshot -r zroot/jails@one');
  });

  it('prints aligned columns, sizes right-justified, the last column unpadded', () => {
    expect(sh(h, 'zfs list')).toEqual(
      ok(
        'NAME             USED  AVAIL  REFER  MOUNTPOINT\n' +
          'zroot            289K  20.0G    96K  /zroot\n' +
          'zroot/jails      193K  20.0G    96K  /zroot/jails\n' +
          'zroot/jails/www   97K  20.0G    97K  /zroot/jails/www\n',
      ),
    );
  });

  it('prints tab-separated rows with -H and exact numbers with -p', () => {
    expect(sh(h, 'zfs list -Hp -o name,used,refer zroot/jails/www')).toEqual(ok('zroot/jails/www\t99328\t99328\n'));
  });

  it('limits depth with -d and selects types with -t', () => {
    expect(sh(h, 'zfs list -H -o name -d 1 zroot')).toEqual(ok('zroot\nzroot/jails\n'));
    expect(sh(h, 'zfs list -H -o name -t all -r zroot/jails')).toEqual(ok('zroot/jails\nzroot/jails@one\nzroot/jails/www\nzroot/jails/www@one\n'));
    expect(sh(h, 'zfs list -H -o name -t snapshot zroot/jails/www')).toEqual(ok('zroot/jails/www@one\n'));
    expect(sh(h, 'zfs list -o name,used,avail,refer,mountpoint zroot/jails/www@one')).toEqual(
      ok('NAME                 USED  AVAIL  REFER  MOUNTPOINT\nzroot/jails/www@one    0B      -    97K  -\n'),
    );
  });

  it('reports a missing dataset', () => {
    expect(sh(h, 'zfs list zroot/nope')).toEqual(err("cannot open 'zroot/nope': dataset does not exist\n"));
    expect(sh(h, 'zfs list -H -o name zroot/nope zroot')).toEqual(err("cannot open 'zroot/nope': dataset does not exist\n", 1, 'zroot\n'));
  });

  it('says so on stderr when there is nothing to list', () => {
    expect(sh(h, 'zfs list -t snapshot zroot')).toEqual(err('no datasets available\n', 0));
  });
});

describe('zfs get and set', () => {
  beforeEach(() => {
    sh(h, 'zfs create zroot/jails');
  });

  it('prints the NAME PROPERTY VALUE SOURCE table', () => {
    expect(sh(h, 'zfs get mountpoint,used,creation,receive_resume_token zroot/jails')).toEqual(
      ok(
        'NAME         PROPERTY              VALUE                  SOURCE\n' +
          'zroot/jails  mountpoint            /zroot/jails           default\n' +
          'zroot/jails  used                  96K                    -\n' +
          'zroot/jails  creation              Fri Nov 28 15:30 2025  -\n' +
          'zroot/jails  receive_resume_token  -                      -\n',
      ),
    );
  });

  it('prints bare values with -Hp -o value', () => {
    const guid = sh(h, 'zfs get -Hp -o value guid zroot/jails').stdout;
    expect(guid).toMatch(/^\d{1,19}\n$/);
    // Created by the second exec: the host clock advances one second per exec.
    expect(sh(h, 'zfs get -Hp -o value used,creation zroot/jails')).toEqual(ok('98304\n1764343801\n'));
  });

  it('rejects an unknown property and a missing dataset', () => {
    expect(sh(h, 'zfs get nope zroot/jails').stderr.split('\n')[0]).toBe("bad property list: invalid property 'nope'");
    expect(sh(h, 'zfs get nope zroot/jails').code).toBe(2);
    expect(sh(h, 'zfs get used zroot/x')).toEqual(err("cannot open 'zroot/x': dataset does not exist\n"));
  });

  it('sets properties; a new mountpoint moves the files', () => {
    sh(h, 'echo data > /zroot/jails/f');
    expect(sh(h, 'zfs set mountpoint=/usr/jails compression=lz4 zroot/jails && cat /usr/jails/f && zfs get -H -o property,value,source compression zroot/jails')).toEqual(
      ok('data\ncompression\tlz4\tlocal\n'),
    );
    expect(h.fs.exists('/zroot/jails/f')).toBe(false);
    expect(sh(h, 'zfs set used=1 zroot/jails')).toEqual(err("cannot set property for 'zroot/jails': 'used' is readonly\n"));
    expect(sh(h, 'zfs set mountpoint=/x zroot/none')).toEqual(err("cannot open 'zroot/none': dataset does not exist\n"));
  });
});

describe('zfs snapshot, rollback, destroy', () => {
  beforeEach(() => {
    sh(h, 'zfs create zroot/jails && zfs create zroot/jails/www');
  });

  it('refuses an existing snapshot, atomically for -r', () => {
    expect(sh(h, 'zfs snapshot zroot/jails/www@a')).toEqual(ok());
    expect(sh(h, 'zfs snapshot zroot/jails/www@a')).toEqual(err("cannot create snapshot 'zroot/jails/www@a': dataset already exists\n"));
    expect(sh(h, 'zfs snapshot -r zroot/jails@a')).toEqual(err("cannot create snapshot 'zroot/jails/www@a': dataset already exists\n"));
    expect(sh(h, 'zfs list -H -o name -t snapshot -r zroot')).toEqual(ok('zroot/jails/www@a\n'));
    expect(sh(h, 'zfs snapshot zroot/nope@a')).toEqual(err("cannot create snapshot 'zroot/nope@a': dataset does not exist\n"));
  });

  it('rolls files back, and needs -r past later snapshots', () => {
    sh(h, 'echo one > /zroot/jails/www/f && zfs snapshot zroot/jails/www@a && echo two > /zroot/jails/www/f && zfs snapshot zroot/jails/www@b && rm /zroot/jails/www/f');
    expect(sh(h, 'zfs rollback zroot/jails/www@a')).toEqual(
      err("cannot rollback to 'zroot/jails/www@a': more recent snapshots or bookmarks exist\nuse '-r' to force deletion of the following snapshots and bookmarks:\nzroot/jails/www@b\n"),
    );
    expect(sh(h, 'zfs rollback zroot/jails/www@b && cat /zroot/jails/www/f')).toEqual(ok('two\n'));
    expect(sh(h, 'zfs rollback -r zroot/jails/www@a && cat /zroot/jails/www/f && zfs list -H -o name -t snapshot zroot/jails/www')).toEqual(ok('one\nzroot/jails/www@a\n'));
  });

  it('lists the children when -r is missing', () => {
    sh(h, 'zfs snapshot -r zroot/jails@s');
    expect(sh(h, 'zfs destroy zroot/jails')).toEqual(
      err("cannot destroy 'zroot/jails': filesystem has children\nuse '-r' to destroy the following datasets:\nzroot/jails/www@s\nzroot/jails/www\nzroot/jails@s\n"),
    );
  });

  it('dry-runs with -nv, destroys with -r, and removes the mountpoint', () => {
    sh(h, 'zfs snapshot zroot/jails/www@s');
    expect(sh(h, 'zfs destroy -nv zroot/jails/www@s')).toEqual(ok('would destroy zroot/jails/www@s\nwould reclaim 0B\n'));
    expect(sh(h, 'zfs destroy -nrv zroot/jails')).toEqual(ok('would destroy zroot/jails/www@s\nwould destroy zroot/jails/www\nwould destroy zroot/jails\nwould reclaim 192K\n'));
    expect(h.state.datasets).toHaveLength(3);
    expect(sh(h, 'zfs destroy -r zroot/jails && zfs list -H -o name')).toEqual(ok('zroot\n'));
    expect(h.fs.exists('/zroot/jails')).toBe(false);
    expect(sh(h, 'mount | grep -c zroot/jails')).toEqual({ stdout: '0\n', stderr: '', code: 1 });
  });

  it('reports missing snapshots and datasets', () => {
    expect(sh(h, 'zfs destroy zroot/jails@nope')).toEqual(err('could not find any snapshots to destroy; check snapshot names.\n'));
    expect(sh(h, 'zfs destroy zroot/nope')).toEqual(err("cannot open 'zroot/nope': dataset does not exist\n"));
  });
});

describe('numeric properties and user properties', () => {
  beforeEach(() => {
    sh(h, 'zfs create zroot/jails');
  });

  // libzfs_util.c zfs_nicestrtonum/str2shift: powers of 1024, "G" = "GB" =
  // "GiB"; zfs_prop_get(): a zero quota or reservation prints "none", or "0"
  // with -p (literal); a set value nicely, or in bytes with -p.
  it('reads sizes with their suffixes and prints them nicely, or in bytes with -p', () => {
    expect(sh(h, 'zfs set quota=1.5G reservation=512MiB zroot/jails')).toEqual(ok());
    expect(sh(h, 'zfs get -H -o property,value,source quota,reservation,refquota zroot/jails')).toEqual(ok('quota\t1.50G\tlocal\nreservation\t512M\tlocal\nrefquota\tnone\tdefault\n'));
    expect(sh(h, 'zfs get -Hp -o value quota,reservation,refquota zroot/jails')).toEqual(ok('1610612736\n536870912\n0\n'));
    expect(sh(h, 'zfs set quota=none zroot/jails && zfs get -Hp -o value quota zroot/jails')).toEqual(ok('0\n'));
  });

  // zprop_parse_value(): the messages after "cannot set property for 'DS': ".
  it.each([
    ['quota=0', "use 'none' to disable quota/refquota"],
    ['quota=lots', "bad numeric value 'lots'"],
    ['quota=1X', "invalid numeric suffix 'X'"],
    ['reservation=1BB', "invalid numeric suffix 'BB'"],
  ])('refuses %s', (pair, why) => {
    expect(sh(h, `zfs set ${pair} zroot/jails`)).toEqual(err(`cannot set property for 'zroot/jails': ${why}\n`));
  });

  // zfs_expand_proplist(): `all` is every native property, then the user properties the dataset has.
  it('lists user properties, set or inherited, after the native ones in zfs get all', () => {
    sh(h, 'zfs set org.example:owner=ops zroot && zfs create zroot/jails/www && zfs set org.example:role=web zroot/jails/www');
    const all = sh(h, 'zfs get -H -o property,value,source all zroot/jails/www').stdout.split('\n');
    expect(all.slice(-3)).toEqual(['org.example:owner\tops\tinherited from zroot', 'org.example:role\tweb\tlocal', '']);
    expect(all[0]).toBe('type\tfilesystem\t-');
  });
});

// libzfs_changelist.c changelist_postfix() → libzfs_mount.c remove_mountpoint():
// the old mountpoint directory is removed (rmdir) when it was the default or
// an inherited one; a locally set one is left.
describe('a mountpoint moved by zfs set / zfs inherit', () => {
  it('removes the old default directory, keeps a local one', () => {
    sh(h, 'zfs create zroot/backup');
    expect(h.fs.isDir('/zroot/backup')).toBe(true);
    expect(sh(h, 'zfs set mountpoint=/backup zroot/backup')).toEqual(ok());
    expect([h.fs.exists('/zroot/backup'), h.fs.isDir('/backup')]).toEqual([false, true]);
    expect(sh(h, 'zfs inherit mountpoint zroot/backup && mount | grep backup')).toEqual(ok('zroot/backup on /zroot/backup (zfs, local, noatime, nfsv4acls)\n'));
    expect(h.fs.isDir('/backup')).toBe(true);
  });
});
