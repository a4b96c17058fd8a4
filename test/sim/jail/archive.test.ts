import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fetchCommand } from '../../../src/sim/commands/jail/fetch.js';
import { tarCommand } from '../../../src/sim/commands/jail/tar.js';
import type { SimFile } from '../../../src/sim/types.js';
import { harness } from './helpers.js';

const MIRROR = 'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE';

function fetched() {
  const h = harness();
  h.fs.mkdir('/usr/jails/www');
  expect(h.call(fetchCommand, ['fetch', '-q', '-o', '/tmp/base.txz', `${MIRROR}/base.txz`])).toEqual({ stdout: '', stderr: '', code: 0 });
  return h;
}

describe('fetch', () => {
  it('serves base.txz as a binary file whose sha256 matches MANIFEST', () => {
    const h = fetched();
    const node = h.fs.stat('/tmp/base.txz') as SimFile;
    expect(node.binary).toBe(true);
    expect(h.call(fetchCommand, ['fetch', '-o', '/tmp', `${MIRROR}/MANIFEST`]).code).toBe(0);
    const [name, sum, count, dist, desc, on] = h.fs.readFile('/tmp/MANIFEST').split('\n')[0]!.split('\t');
    expect([name, dist, desc, on]).toEqual(['base.txz', 'base', '"Base system"', 'on']);
    // MANIFEST's second column is sha256(1) of the file (release/scripts/make-manifest.sh);
    // the digest is taken here with node:crypto over the file's bytes, not with the simulator's helper.
    expect(sum).toMatch(/^[0-9a-f]{64}$/);
    expect(sum).toBe(createHash('sha256').update(Buffer.from(node.content, 'base64')).digest('hex'));
    expect(Number(count)).toBeGreaterThan(50);
  });

  it('is deterministic per release and differs between releases', () => {
    const a = fetched();
    const b = fetched();
    b.call(fetchCommand, ['fetch', '-o', '/tmp/old.txz', 'http://ftp.example.org/pub/FreeBSD/releases/amd64/amd64/13.4-RELEASE/base.txz']);
    expect(a.fs.readFile('/tmp/base.txz')).toBe(b.fs.readFile('/tmp/base.txz'));
    expect(b.fs.readFile('/tmp/old.txz')).not.toBe(b.fs.readFile('/tmp/base.txz'));
  });

  it.each([
    'https://download.freebsd.org/ftp/releases/amd64/amd64/12.0-RELEASE/base.txz',
    'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/kernel.txz',
    'https://example.org/base.txz',
  ])('answers Not Found for %s', (url) => {
    const h = harness();
    expect(h.call(fetchCommand, ['fetch', '-o', '/tmp/x', url])).toEqual({ stdout: '', stderr: `fetch: ${url}: Not Found\n`, code: 1 });
    expect(h.fs.exists('/tmp/x')).toBe(false);
  });
});

describe('tar', () => {
  it('extracts a release into a jail root', () => {
    const h = fetched();
    expect(h.call(tarCommand, ['tar', '-xf', '/tmp/base.txz', '-C', '/usr/jails/www', '--unlink', '-p', '--numeric-owner', '--clear-nochange-fflags'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.fs.readFile('/usr/jails/www/etc/syslog.conf')).toContain('*.err;kern.warning;auth.notice;mail.crit\t\t/dev/console\n');
    expect(h.fs.readFile('/usr/jails/www/bin/freebsd-version')).toContain('USERLAND_VERSION="14.2-RELEASE"');
    expect(h.fs.exists('/usr/jails/www/etc/rc.conf')).toBe(false);
    for (const d of ['dev', 'proc', 'tmp', 'var/log', 'var/run', 'usr/sbin', 'root']) expect(h.fs.isDir(`/usr/jails/www/${d}`)).toBe(true);
    expect(h.fs.stat('/usr/jails/www/tmp')!.mode).toBe(0o1777);
    expect(h.fs.stat('/usr/jails/www/bin/sh')!.mode).toBe(0o555);
    expect(h.fs.exists('/usr/jails/www/etc/defaults/rc.conf')).toBe(true);
  });

  it('lists an archive', () => {
    const h = fetched();
    const names = h.call(tarCommand, ['tar', '-tf', '/tmp/base.txz']).stdout.split('\n');
    expect(names.slice(0, 2)).toEqual(['./', './bin/']);
    expect(names).toContain('./etc/ssh/sshd_config');
  });

  it('round-trips a tree through a pipe, keeping modes, owners and links', () => {
    const h = harness();
    h.fs.mkdir('/src/sub', { parents: true });
    h.fs.writeFile('/src/sub/a.txt', 'hello\n', { mode: 0o600, uid: 80, gid: 80 });
    h.fs.writeFile('/src/bin', Buffer.from([0, 1, 255]).toString('base64'), { binary: true });
    h.fs.symlink('sub/a.txt', '/src/link');
    h.fs.mkdir('/dst');
    const packed = h.call(tarCommand, ['tar', '-cf', '-', '-C', '/src', '.']);
    expect(packed.code).toBe(0);
    expect(h.call(tarCommand, ['tar', '-xpf', '-', '-C', '/dst'], { stdin: packed.stdout })).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.fs.lstat('/dst/sub/a.txt')).toMatchObject({ kind: 'file', content: 'hello\n', mode: 0o600, uid: 80, gid: 80 });
    expect(h.fs.lstat('/dst/bin')).toMatchObject({ kind: 'file', binary: true, content: Buffer.from([0, 1, 255]).toString('base64') });
    expect(h.fs.lstat('/dst/link')).toMatchObject({ kind: 'link', target: 'sub/a.txt' });
  });

  it.each([
    [['tar', '-xf', '/tmp/bad', '-C', '/tmp'], 'tar: Error opening archive: Unrecognized archive format\n'],
    [['tar', '-xf', '/tmp/none', '-C', '/tmp'], "tar: Error opening archive: Failed to open '/tmp/none'\n"],
    [['tar', '-xf', '/tmp/bad', '-C', '/nope'], "tar: could not chdir to '/nope'\n"],
  ])('%j fails with %j', (argv, stderr) => {
    const h = harness();
    h.fs.writeFile('/tmp/bad', 'not an archive');
    expect(h.call(tarCommand, argv)).toEqual({ stdout: '', stderr, code: 1 });
  });
});
