/**
 * rcorder(8) in the simulator, against FreeBSD's sources (freebsd/freebsd-src):
 * - sbin/rcorder/rcorder.8: the header block (`# PROVIDE:`, `# REQUIRE:`,
 *   `# BEFORE:`, `# KEYWORD:` lines in one run: "once a line that does not
 *   follow the format is reached, parsing stops"), -k (keep list: "only those
 *   files containing the matching keyword are listed"), -s (skip list), and
 *   its example block "# REQUIRE: networking syslog / # REQUIRE: usr /
 *   # PROVIDE: dns nscd".
 * - sbin/rcorder/rcorder.c @51f5475 (FreeBSD 13/14): filenode_new and the
 *   req/prov lists prepend, so generate_ordering starts from the LAST file
 *   given and a file's requirements are met last-listed first; each file's
 *   sequence is one more than the highest of its requirements', and the files
 *   are printed by qsort(3) on the sequence (-p: one line per sequence).
 *   Messages: warnx "requirement `%s' in file `%s' has no providers." and
 *   "Circular dependency on ..." (exit status 1, the order still printed),
 *   "file `%s' is before unknown provision `%s'" (status unchanged); warn
 *   "could not open %s" (status unchanged); a non-regular file is skipped
 *   silently; getopt's complaint about a bad option is not fatal
 *   (main's `default: break`).
 * The manual page's DIAGNOSTICS ("Requirement %s has no providers, aborting.")
 * are older than the code; the code's messages are the ones tested.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

let h: SimHost;

function file(name: string, lines: string): void {
  h.fs.writeFile(`/tmp/rc/${name}`, `#!/bin/sh\n#\n${lines}\n. /etc/rc.subr\n`, { mode: 0o555 });
}

beforeEach(() => {
  h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  h.fs.mkdir('/tmp/rc', { parents: true });
});

describe('rcorder(8) ordering', () => {
  beforeEach(() => {
    // The manual page's example block in d, and a provider for each of its requirements.
    file('a', '# PROVIDE: networking');
    file('b', '# PROVIDE: syslog\n# REQUIRE: networking');
    file('c', '# PROVIDE: usr');
    file('d', '# REQUIRE: networking syslog\n# REQUIRE: usr\n# PROVIDE: dns nscd');
  });

  it('prints every file after what it requires; files of one sequence in the order the walk met them', () => {
    // Walk from d (given last): its requirements last-listed first: usr (c), then syslog (b, which needs a).
    // Sequences c=1 a=1 b=2 d=3; fewer than 7 files, so qsort(3) is an insertion sort and keeps c before a.
    expect(h.exec('rcorder /tmp/rc/a /tmp/rc/b /tmp/rc/c /tmp/rc/d')).toEqual({ stdout: '/tmp/rc/c\n/tmp/rc/a\n/tmp/rc/b\n/tmp/rc/d\n', stderr: '', code: 0 });
    expect(h.exec('cd /tmp/rc && /sbin/rcorder *')).toEqual({ stdout: 'c\na\nb\nd\n', stderr: '', code: 0 });
  });

  it('-p puts the files of one sequence on one line', () => {
    expect(h.exec('rcorder -p /tmp/rc/*').stdout).toBe('/tmp/rc/c /tmp/rc/a\n/tmp/rc/b\n/tmp/rc/d\n');
  });

  it('a file BEFORE: another comes first, whichever order they are given in', () => {
    file('e', '# PROVIDE: early\n# BEFORE: networking');
    expect(h.exec('rcorder /tmp/rc/a /tmp/rc/e').stdout).toBe('/tmp/rc/e\n/tmp/rc/a\n');
    expect(h.exec('rcorder /tmp/rc/e /tmp/rc/a').stdout).toBe('/tmp/rc/e\n/tmp/rc/a\n');
  });

  it('independent files come out last-given first', () => {
    file('x', '# PROVIDE: x');
    file('y', '# PROVIDE: y');
    expect(h.exec('rcorder /tmp/rc/x /tmp/rc/y /tmp/rc/c').stdout).toBe('/tmp/rc/c\n/tmp/rc/y\n/tmp/rc/x\n');
  });

  it('parsing stops at the first line after the block that is not a header line', () => {
    file('p', '# PROVIDE: p\n\n# REQUIRE: nothere');
    expect(h.exec('rcorder /tmp/rc/p')).toEqual({ stdout: '/tmp/rc/p\n', stderr: '', code: 0 });
  });
});

describe('rcorder(8) -k and -s', () => {
  beforeEach(() => {
    file('x', '# PROVIDE: x\n# KEYWORD: shutdown');
    file('y', '# PROVIDE: y\n# KEYWORD: nojail shutdown');
    file('z', '# PROVIDE: z');
  });

  it.each([
    ['', '/tmp/rc/z\n/tmp/rc/y\n/tmp/rc/x\n'],
    ['-k shutdown', '/tmp/rc/y\n/tmp/rc/x\n'],
    ['-s nojail', '/tmp/rc/z\n/tmp/rc/x\n'],
    ['-k shutdown -s nojail', '/tmp/rc/x\n'],
    ['-s nojail -s shutdown', '/tmp/rc/z\n'],
    ['-k nojail -k nosuch', '/tmp/rc/y\n'],
    ['-knojail', '/tmp/rc/y\n'],
  ])('rcorder %s', (opts, stdout) => {
    expect(h.exec(`rcorder ${opts} /tmp/rc/x /tmp/rc/y /tmp/rc/z`)).toEqual({ stdout, stderr: '', code: 0 });
  });
});

describe('rcorder(8) warnings and exit status', () => {
  it('a requirement nobody provides: warned, exit 1, the file still listed', () => {
    file('m', '# PROVIDE: m\n# REQUIRE: nothere');
    expect(h.exec('rcorder /tmp/rc/m')).toEqual({ stdout: '/tmp/rc/m\n', stderr: "rcorder: requirement `nothere' in file `/tmp/rc/m' has no providers.\n", code: 1 });
  });

  it('BEFORE an unknown provision: warned, exit 0', () => {
    file('m', '# PROVIDE: m\n# BEFORE: nothere');
    expect(h.exec('rcorder /tmp/rc/m')).toEqual({ stdout: '/tmp/rc/m\n', stderr: "rcorder: file `/tmp/rc/m' is before unknown provision `nothere'\n", code: 0 });
  });

  it('a file that cannot be opened is warned about and left out, exit 0; a directory is left out silently', () => {
    file('m', '# PROVIDE: m');
    h.fs.mkdir('/tmp/rc/dir');
    expect(h.exec('rcorder /tmp/rc/nosuch /tmp/rc/dir /tmp/rc/m')).toEqual({
      stdout: '/tmp/rc/m\n',
      stderr: 'rcorder: could not open /tmp/rc/nosuch: No such file or directory\n',
      code: 0,
    });
  });

  it('a bad option is complained about and ignored', () => {
    file('m', '# PROVIDE: m');
    expect(h.exec('rcorder -x /tmp/rc/m')).toEqual({ stdout: '/tmp/rc/m\n', stderr: 'rcorder: illegal option -- x\n', code: 0 });
    expect(h.exec('rcorder -d /tmp/rc/m')).toEqual({ stdout: '/tmp/rc/m\n', stderr: 'rcorder: debugging not compiled in, -d ignored\n', code: 0 });
  });

  it('a circular dependency: the loop traced, both files listed, exit 1', () => {
    file('a', '# PROVIDE: a\n# REQUIRE: b');
    file('b', '# PROVIDE: b\n# REQUIRE: a');
    // Traced through rcorder.c: do_file(b) -> a -> b again (in progress); the second
    // unlink of b relinks a at the list head, so a is done twice and ends at sequence 4.
    expect(h.exec('rcorder /tmp/rc/a /tmp/rc/b')).toEqual({
      stdout: '/tmp/rc/b\n/tmp/rc/a\n',
      stderr: [
        "rcorder: Circular dependency on file `/tmp/rc/b'.",
        "rcorder: Circular dependency on provision `a': /tmp/rc/a -> /tmp/rc/b -> /tmp/rc/a.",
        "rcorder: `/tmp/rc/b' was seen in circular dependencies for 1 times.",
        "rcorder: `/tmp/rc/a' was seen in circular dependencies for 1 times.",
        "rcorder: `/tmp/rc/b' was seen in circular dependencies for 1 times.",
        "rcorder: Circular dependency on file `/tmp/rc/a'.",
        "rcorder: `/tmp/rc/a' was seen in circular dependencies for 1 times.",
        '',
      ].join('\n'),
      code: 1,
    });
  });
});

describe('the rc.d scripts carry FreeBSD 14 header lines (libexec/rc/rc.d)', () => {
  it('rcorder -k shutdown lists the base scripts with the shutdown keyword (syslogd has none)', () => {
    expect(h.exec('rcorder -k shutdown /etc/rc.d/* 2>/dev/null | sort')).toEqual({
      stdout: ['cron', 'devd', 'inetd', 'jail', 'ntpd', 'sendmail', 'sshd'].map((n) => `/etc/rc.d/${n}\n`).join(''),
      stderr: '',
      code: 0,
    });
  });

  it('nojail and nojailvnet: what a jail skips', () => {
    expect(h.exec("grep -l '^# KEYWORD:.*nojail\\b' /etc/rc.d/* | sort").stdout).toBe('/etc/rc.d/devd\n/etc/rc.d/ntpd\n/etc/rc.d/resolv\n');
    expect(h.exec("grep -l '^# KEYWORD:.*nojailvnet' /etc/rc.d/*").stdout).toBe('/etc/rc.d/netif\n');
  });

  it('netif, resolv and devd come after FILESYSTEMS, daemons after LOGIN', () => {
    const order = h.exec('rcorder /etc/rc.d/* 2>/dev/null').stdout.split('\n');
    const at = (n: string) => order.indexOf(`/etc/rc.d/${n}`);
    const pairs: Array<[string, string]> = [['cleanvar', 'FILESYSTEMS'], ['FILESYSTEMS', 'netif'], ['netif', 'resolv'], ['netif', 'devd'], ['devd', 'NETWORKING'], ['newsyslog', 'syslogd'], ['syslogd', 'SERVERS'], ['ntpd', 'LOGIN'], ['LOGIN', 'sshd'], ['LOGIN', 'cron'], ['LOGIN', 'sendmail']];
    for (const [before, after] of pairs) {
      expect(at(before), `${before} before ${after}`).toBeLessThan(at(after));
      expect(at(before)).toBeGreaterThanOrEqual(0);
    }
  });
});
