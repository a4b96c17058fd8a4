/**
 * The jails and roots `jailfleet snapshots` reads from jail.conf files
 * (src/modules/jail/conf-jails.ts, configured-jails.ts). Expectations come
 * from jail.conf(5) (usr.sbin/jail/jail.conf.5: its EXAMPLES section,
 * "Variables", "Wildcards", "Comments", "String format"), the lexer and
 * load_config() in usr.sbin/jail (jaillex.l, config.c), and rc.d/jail's
 * choice of file (freebsd.md §1).
 */
import { describe, expect, it } from 'vitest';
import { ConfFileError, confJails } from '../../src/modules/jail/conf-jails.js';
import { configuredJails } from '../../src/modules/jail/configured-jails.js';

const roots = (text: string, extra: Record<string, string> = {}) =>
  confJails('/etc/jail.conf', new Map([['/etc/jail.conf', text], ...Object.entries(extra)])).map((j) => [j.name, j.path ?? j.problem]);

describe('jail.conf roots', () => {
  it("jail.conf(5)'s EXAMPLES: a top-level path from $name, and a jail that overrides it", () => {
    const example = [
      '# Typical static defaults:',
      '# Use the rc scripts to start and stop jails.  Mount jail\'s /dev.',
      'exec.start = "/bin/sh /etc/rc";',
      'exec.stop = "/bin/sh /etc/rc.shutdown";',
      'exec.clean;',
      'mount.devfs;',
      '',
      '# Dynamic wildcard parameter:',
      '# Base the path off the jail name.',
      'path = "/var/jail/$name";',
      '',
      '# A typical jail.',
      'foo {',
      '\thost.hostname = "foo.com";',
      '\tip4.addr = 10.1.1.1, 10.1.1.2, 10.1.1.3;',
      '}',
      '',
      '# This jail overrides the defaults defined above.',
      'bar {',
      "\texec.start = '';",
      "\texec.stop = '';",
      '\tpath = /;',
      '\tmount.nodevfs;',
      '\tpersist;\t// Required because there are no processes',
      '}',
      '',
    ].join('\n');
    expect(roots(example)).toEqual([
      ['foo', '/var/jail/foo'],
      ['bar', '/'],
    ]);
  });

  it('variables and ${param}; no substitution in single quotes; comments; a backslash-newline', () => {
    const text = [
      '$parentdir = "/var/jail";',
      'a { host.hostname = a.example.org; path = "$parentdir/${host.hostname}"; }',
      "b { path = '/var/jail/$name'; }",
      'c /* a C comment */ { path = /var/jail/$name; } # shell',
      'd { path = "/var/\\',
      'jail/d"; }',
    ].join('\n');
    expect(roots(text)).toEqual([
      ['a', '/var/jail/a.example.org'],
      ['b', '/var/jail/$name'],
      ['c', '/var/jail/c'],
      ['d', '/var/jail/d'],
    ]);
  });

  it('a wildcard below a jail supersedes it; foo.* matches foo.bar, not foo', () => {
    const text = ['x { path = /x; }', 'foo { path = /foo; }', 'foo.bar { path = /fb; }', 'foo.* { path = "/w/$name"; }', '* { path = "/last/$name"; }'].join('\n');
    expect(roots(text)).toEqual([
      ['x', '/last/x'],
      ['foo', '/last/foo'],
      ['foo.bar', '/last/foo.bar'],
    ]);
    expect(roots(['x { path = /x; }', 'foo.bar { path = /fb; }', 'foo.* { path = "/w/$name"; }'].join('\n'))).toEqual([
      ['x', '/x'],
      ['foo.bar', '/w/foo.bar'],
    ]);
  });

  it('what jail(8) cannot resolve is a problem of that jail only (config.c messages)', () => {
    expect(roots(['a { path = "/j/$nope"; }', 'b { host.hostname = b; }', 'c { path = /c; }'].join('\n'))).toEqual([
      ['a', '/etc/jail.conf: path: variable "nope" not found'],
      ['b', '/etc/jail.conf gives it no path'],
      ['c', '/c'],
    ]);
  });

  it('.include splices the files its glob matches, in order, where it stands', () => {
    const files = { '/etc/jail.conf.d/web.conf': 'web { host.hostname = web; }\n', '/etc/jail.conf.d/db.conf': 'db { }\n', '/etc/jail.conf.d/x.pf': 'not { a conf' };
    expect(roots('path = "/usr/jails/$name";\n.include "/etc/jail.conf.d/*.conf";\n', files)).toEqual([
      ['db', '/usr/jails/db'],
      ['web', '/usr/jails/web'],
    ]);
  });

  it('a file jail(8) would refuse: the file and line (jaillex.l "unterminated ...")', () => {
    const bad = (text: string) => () => roots(text);
    expect(bad('a { path = /a; }\n/* open')).toThrow(new ConfFileError('/etc/jail.conf', 2, 'unterminated comment'));
    expect(bad('a {\n  path = "/a;\n}\n')).toThrow(new ConfFileError('/etc/jail.conf', 2, 'unterminated string'));
    expect(bad('a { path = /a }\n')).toThrow(ConfFileError);
  });

  it("rc.d/jail's choice: a jail's own jail.conf.d/NAME.conf first, then jail.conf, then any other jail.conf.d file", () => {
    const files = new Map([
      ['/etc/jail.conf', 'www { path = /from/jail.conf; }\nold { path = /old; }\n'],
      ['/etc/jail.conf.d/www.conf', 'www { path = /usr/jails/www; }\n'],
      ['/etc/jail.conf.d/more.conf', 'old { path = /elsewhere; }\nextra { path = /extra; }\n'],
    ]);
    expect(configuredJails(files).map((j) => [j.name, j.path, j.file])).toEqual([
      ['www', '/usr/jails/www', '/etc/jail.conf.d/www.conf'],
      ['old', '/old', '/etc/jail.conf'],
      ['extra', '/extra', '/etc/jail.conf.d/more.conf'],
    ]);
  });
});
