import { beforeEach, describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { err, ok, sh, zfsHost } from './helpers.js';

let src: SimHost;
let dst: SimHost;
/** Send on one host, receive on the other (the bytes travel as ssh would carry them). */
const move = (send: string, receive: string, cut?: number) => {
  const s = sh(src, send);
  expect(s.code).toBe(0);
  return sh(dst, receive, cut === undefined ? s.stdout : s.stdout.slice(0, cut));
};
const guid = (host: SimHost, name: string) => sh(host, `zfs get -Hp -o value guid ${name}`).stdout;

beforeEach(() => {
  src = zfsHost('src', '192.0.2.10');
  dst = zfsHost('dst', '192.0.2.20');
  sh(src, 'zfs create -o mountpoint=/usr/jails zroot/jails && zfs create zroot/jails/www && echo v1 > /usr/jails/www/index.html && zfs snapshot -r zroot/jails@a');
  sh(dst, 'zfs create zroot/jails');
});

describe('zfs send -nP', () => {
  it('prints full and incremental sizes, tab-separated, on stdout', () => {
    const full = sh(src, 'zfs send -nP zroot/jails/www@a');
    const bytes = sh(src, 'zfs send zroot/jails/www@a | wc -c').stdout.trim();
    expect(full).toEqual(ok(`full\tzroot/jails/www@a\t${bytes}\nsize\t${bytes}\n`));
    sh(src, 'echo v2 > /usr/jails/www/index.html && zfs snapshot zroot/jails/www@b');
    const inc = sh(src, 'zfs send -nP -i @a zroot/jails/www@b');
    const incBytes = sh(src, 'zfs send -i zroot/jails/www@a zroot/jails/www@b | wc -c').stdout.trim();
    expect(inc).toEqual(ok(`incremental\ta\tzroot/jails/www@b\t${incBytes}\nsize\t${incBytes}\n`));
  });

  it('reports a missing snapshot or incremental source', () => {
    expect(sh(src, 'zfs send zroot/jails/www@zz')).toEqual(err("cannot open 'zroot/jails/www@zz': dataset does not exist\n"));
    expect(sh(src, 'zfs send -i @zz zroot/jails/www@a')).toEqual(err("cannot send 'zroot/jails/www@a': incremental source (zroot/jails/www@zz) does not exist\n"));
  });
});

describe('zfs receive', () => {
  it('receives a full stream: files, snapshot and guid', () => {
    expect(move('zfs send zroot/jails/www@a', 'zfs receive zroot/jails/www')).toEqual(ok());
    expect(sh(dst, 'cat /zroot/jails/www/index.html && zfs list -H -o name -t snapshot -r zroot')).toEqual(ok('v1\nzroot/jails/www@a\n'));
    expect(guid(dst, 'zroot/jails/www@a')).toBe(guid(src, 'zroot/jails/www@a'));
  });

  it('replicates with -R, the locally set mountpoint travelling; -u -o mountpoint= overrides it', () => {
    expect(move('zfs send -R zroot/jails@a', 'zfs receive -u -o mountpoint=/jails zroot/moved')).toEqual(ok());
    expect(sh(dst, 'zfs list -H -o name,mountpoint,mounted -r zroot/moved')).toEqual(ok('zroot/moved\t/jails\tno\nzroot/moved/www\t/jails/www\tno\n'));
    expect(sh(dst, 'zfs mount zroot/moved && zfs mount zroot/moved/www && cat /jails/www/index.html')).toEqual(ok('v1\n'));
    expect(move('zfs send -R zroot/jails@a', 'zfs receive zroot/again && zfs get -H -o value,source mountpoint zroot/again')).toEqual(ok('/usr/jails\treceived\n'));
  });

  it('applies an incremental stream on top of its source', () => {
    move('zfs send zroot/jails/www@a', 'zfs receive zroot/jails/www');
    sh(src, 'echo v2 > /usr/jails/www/index.html && touch /usr/jails/www/new && rm -f /usr/jails/www/index.html.bak && zfs snapshot zroot/jails/www@b');
    expect(move('zfs send -i @a zroot/jails/www@b', 'zfs receive zroot/jails/www')).toEqual(ok());
    expect(sh(dst, 'cat /zroot/jails/www/index.html; ls /zroot/jails/www')).toEqual(ok('v2\nindex.html\nnew\n'));
    expect(guid(dst, 'zroot/jails/www@b')).toBe(guid(src, 'zroot/jails/www@b'));
  });

  it('refuses an incremental whose source is not the newest snapshot', () => {
    move('zfs send zroot/jails/www@a', 'zfs receive zroot/jails/www');
    sh(src, 'zfs snapshot zroot/jails/www@b && zfs snapshot zroot/jails/www@c');
    expect(move('zfs send -i @b zroot/jails/www@c', 'zfs receive zroot/jails/www')).toEqual(
      err('cannot receive incremental stream: most recent snapshot of zroot/jails/www does not match incremental source\n'),
    );
  });

  it('refuses a modified destination unless -F, which rolls it back', () => {
    move('zfs send zroot/jails/www@a', 'zfs receive zroot/jails/www');
    sh(dst, 'echo local > /zroot/jails/www/local');
    sh(src, 'zfs snapshot zroot/jails/www@b');
    expect(move('zfs send -i @a zroot/jails/www@b', 'zfs receive zroot/jails/www')).toEqual(
      err('cannot receive incremental stream: destination zroot/jails/www has been modified since most recent snapshot\n'),
    );
    expect(move('zfs send -i @a zroot/jails/www@b', 'zfs receive -F zroot/jails/www && ls /zroot/jails/www')).toEqual(ok('index.html\n'));
  });

  it('refuses to overwrite an existing file system with a full stream', () => {
    expect(move('zfs send zroot/jails/www@a', 'zfs receive zroot/jails')).toEqual(
      err("cannot receive new filesystem stream: destination 'zroot/jails' exists\nmust specify -F to overwrite it\n"),
    );
  });

  it('discards a cut stream without -s', () => {
    expect(move('zfs send zroot/jails/www@a', 'zfs receive zroot/jails/www', 20)).toEqual(err('cannot receive: failed to read from stream\n'));
    expect(move('zfs send zroot/jails/www@a', 'zfs receive zroot/jails/www', 250)).toEqual(
      err('cannot receive new filesystem stream: checksum mismatch or incomplete stream\n'),
    );
    expect(sh(dst, 'zfs list zroot/jails/www').code).toBe(1);
  });

  it('keeps a cut stream with -s and resumes it from the token', () => {
    const r = move('zfs send zroot/jails/www@a', 'zfs receive -s zroot/jails/www', 250);
    const token = sh(dst, 'zfs get -H -o value receive_resume_token zroot/jails/www').stdout.trim();
    expect(token).toMatch(/^1-[0-9a-f]+-[0-9a-f]+$/);
    expect(r).toEqual(
      err(
        'cannot receive new filesystem stream: checksum mismatch or incomplete stream.\nPartially received snapshot is saved.\n' +
          `A resuming stream can be generated on the sending system by running:\n    zfs send -t ${token}\n`,
      ),
    );
    expect(move(`zfs send -t ${token}`, 'zfs receive -s zroot/jails/www')).toEqual(ok());
    expect(sh(dst, 'zfs get -H -o value receive_resume_token zroot/jails/www && cat /zroot/jails/www/index.html')).toEqual(ok('-\nv1\n'));
    expect(guid(dst, 'zroot/jails/www@a')).toBe(guid(src, 'zroot/jails/www@a'));
  });

  it('aborts a saved partial receive with -A', () => {
    move('zfs send zroot/jails/www@a', 'zfs receive -s zroot/jails/www', 250);
    expect(sh(dst, 'zfs receive -A zroot/jails/www && zfs list zroot/jails/www')).toEqual(err("cannot open 'zroot/jails/www': dataset does not exist\n"));
  });

  it('rejects something that is not a stream', () => {
    expect(sh(dst, 'echo junk | zfs receive zroot/x')).toEqual(err('cannot receive: invalid stream (bad magic number)\n'));
    expect(sh(dst, 'zfs receive zroot/x </dev/null')).toEqual(err('cannot receive: failed to read from stream\n'));
  });

  it('moves a whole jail through one shell pipeline on one host', () => {
    expect(sh(src, 'zfs send -R zroot/jails@a | zfs receive -u zroot/copy && zfs list -H -o name -t all -r zroot/copy')).toEqual(
      ok('zroot/copy\nzroot/copy@a\nzroot/copy/www\nzroot/copy/www@a\n'),
    );
  });
});
