import { describe, expect, it } from 'vitest';
import { SimFs } from '../../../src/sim/fs.js';
import { boolParam, findParam, parseJailConf, type ConfJail } from '../../../src/sim/jail-conf/index.js';
import { minimalState } from './helpers.js';

function parse(text: string, files: Record<string, string> = {}): ConfJail[] {
  const state = minimalState();
  const fs = new SimFs(state);
  for (const [p, t] of Object.entries(files)) fs.writeFile(p, t);
  const r = parseJailConf(text, '/etc/jail.conf', fs);
  if ('error' in r) throw new Error(r.error);
  return r.jails;
}

function params(j: ConfJail | undefined): Record<string, string[]> {
  return Object.fromEntries((j?.params ?? []).map((p) => [p.name, p.values]));
}

function errorOf(text: string): string {
  const r = parseJailConf(text, '/etc/jail.conf', new SimFs(minimalState()));
  return 'error' in r ? r.error : 'no error';
}

describe('jail.conf parser', () => {
  it('parses a block with strings, booleans and lists', () => {
    const [www] = parse(`www {
      path = /usr/jails/www;
      host.hostname = "www.example.org";
      ip4.addr = 10.1.1.1, 10.1.1.2;
      ip4.addr += 10.1.1.3;
      persist;
      allow.nomount;
      exec.start = 'sh /etc/rc';
    }`);
    expect(www?.name).toBe('www');
    expect(params(www)).toEqual({
      name: ['www'],
      path: ['/usr/jails/www'],
      'host.hostname': ['www.example.org'],
      'ip4.addr': ['10.1.1.1', '10.1.1.2', '10.1.1.3'],
      persist: [],
      'allow.nomount': [],
      'exec.start': ['sh /etc/rc'],
    });
  });

  it.each([
    ['persist;', 'persist', true],
    ['persist = 0;', 'persist', false],
    ['persist = "true";', 'persist', true],
    ['allow.mount = "false";', 'allow.mount', false],
    ['allow.nomount;', 'allow.mount', false],
    ['allow.mount; allow.nomount;', 'allow.mount', false],
    ['allow.nomount; allow.mount = 1;', 'allow.mount', true],
    ['', 'persist', false],
  ])('boolean %s → %s=%s', (body, name, value) => {
    const [j] = parse(`a { ${body} }`);
    expect(boolParam(findParam(j!, name))).toBe(value);
  });

  it('handles C escapes, backslash-newline and adjacent pieces', () => {
    const [j] = parse('a { x = "t\\tab\\101\\x41\\\nnext"; y = foo"bar"\'baz\'; z = \'no $sub\'; }');
    expect(params(j)).toMatchObject({ x: ['t\tabAAnext'], y: ['foobarbaz'], z: ['no $sub'] });
  });

  it('substitutes variables in bare and double-quoted strings, per jail', () => {
    const jails = parse(`
      $parentdir = "/usr/jails";
      path = "$parentdir/$name";
      host.hostname = \${name}.example.org;
      exec.consolelog = "/var/log/jail_\${name}.log";
      www { }
      db { $parentdir = /data; }
    `);
    expect(params(jails[0])).toMatchObject({ path: ['/usr/jails/www'], 'host.hostname': ['www.example.org'], 'exec.consolelog': ['/var/log/jail_www.log'] });
    expect(params(jails[1])).toMatchObject({ path: ['/data/db'] });
    expect(params(jails[0])).not.toHaveProperty('parentdir');
  });

  it('applies wildcard blocks in file order: later overrides earlier', () => {
    const jails = parse(`
      persist;
      * { host.hostname = early; }
      a { host.hostname = own; }
      * { path = /late/$name; }
      b { path = /own; }
    `);
    expect(params(jails[0])).toMatchObject({ 'host.hostname': ['own'], path: ['/late/a'], persist: [] });
    expect(params(jails[1])).toMatchObject({ 'host.hostname': ['early'], path: ['/own'] });
  });

  it('matches dotted wildcards', () => {
    const jails = parse(`web.* { persist; } web.a { } db { }`);
    expect(findParam(jails[0]!, 'persist')).toBeDefined();
    expect(findParam(jails[1]!, 'persist')).toBeUndefined();
  });

  it('skips all three comment styles', () => {
    const [j] = parse(`# hash\na { /* block\n comment */ path = /x; // line\n persist; }`);
    expect(params(j)).toEqual({ name: ['a'], path: ['/x'], persist: [] });
  });

  it('expands .include globs in place, sorted', () => {
    const jails = parse('persist;\n.include "/etc/jail.conf.d/*.conf";\n', {
      '/etc/jail.conf.d/b.conf': 'b { path = /b; }',
      '/etc/jail.conf.d/a.conf': 'a { path = /a; }',
      '/etc/jail.conf.d/a.conf.bak': 'zzz { }',
    });
    expect(jails.map((j) => j.name)).toEqual(['a', 'b']);
    expect(params(jails[1])).toMatchObject({ path: ['/b'], persist: [] });
  });

  it('includes nothing for an unmatched glob', () => {
    expect(parse('.include "/etc/jail.conf.d/*.conf";')).toEqual([]);
  });

  it('reports variable errors per jail', () => {
    const [a] = parse('a { path = "$nope/x"; }');
    expect(a?.errors).toEqual(['a: path: variable "nope" not found']);
    const [b] = parse('b { $x = "$y"; $y = "$x"; path = $x; }');
    expect(b?.errors[0]).toMatch(/variable loop/);
  });

  it('expands a list variable only when it stands alone', () => {
    const [a] = parse('a { $ips = 1.1.1.1, 2.2.2.2; ip4.addr = $ips; }');
    expect(params(a)['ip4.addr']).toEqual(['1.1.1.1', '2.2.2.2']);
    const [b] = parse('b { $ips = 1.1.1.1, 2.2.2.2; host.hostname = "x$ips"; }');
    expect(b?.errors).toEqual(['b: host.hostname: array cannot be substituted inline']);
  });

  it.each([
    ['a { path = /x }', '/etc/jail.conf line 1: }: syntax error'],
    ['a { path = /x;\n = y; }', '/etc/jail.conf line 2: =: syntax error'],
    ['a { path = /x;', '/etc/jail.conf: unexpected EOF'],
    ['a { path = "/x; }', '/etc/jail.conf line 1: unterminated string'],
    ['/* open', '/etc/jail.conf line 1: unterminated comment'],
    ['a { path = ${x;\n }', '/etc/jail.conf line 1: unterminated variable'],
  ])('reports %j as %j', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
