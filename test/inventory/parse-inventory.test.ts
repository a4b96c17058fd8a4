import { describe, expect, it } from 'vitest';
import { loadInventory, parseInventory } from '../../src/inventory/load-inventory.js';
import { FIXTURES, inputErrorOf } from './helpers.js';

const FLEET = `${FIXTURES}/inventory/fleet.yml`;

describe('loadInventory: shape and nesting', () => {
  const inv = loadInventory(FLEET);

  it('lists hosts once each, in file order of first mention', () => {
    expect([...inv.hosts.keys()]).toEqual(['bastion', 'web1', 'web2', 'web3', 'db-1', 'db-2', 'stage1']);
  });

  it('gives each host all its groups, through children, lowest precedence first', () => {
    expect(inv.hosts.get('bastion')?.groups).toEqual(['all']);
    expect(inv.hosts.get('web1')?.groups).toEqual(['all', 'web', 'prod']);
    expect(inv.hosts.get('web2')?.groups).toEqual(['all', 'web', 'db']);
    expect(inv.hosts.get('web3')?.groups).toEqual(['all', 'web', 'web_eu']);
    expect(inv.hosts.get('stage1')?.groups).toEqual(['all', 'staging']);
  });

  it('records groups with direct hosts, children and depth; other top-level groups are children of all', () => {
    const all = inv.groups.get('all');
    expect(all?.hosts).toEqual(['bastion']);
    expect(all?.children).toEqual(['web', 'db', 'prod', 'staging']);
    expect(inv.groups.get('web')).toMatchObject({ hosts: ['web1', 'web2'], children: ['web_eu'], depth: 1 });
    expect(inv.groups.get('web_eu')).toMatchObject({ hosts: ['web3'], depth: 2, vars: { tier: 'web_eu' } });
    expect(inv.groups.get('db')?.hosts).toEqual(['db-1', 'db-2', 'web2']);
  });

  it('keeps the position of every host and group', () => {
    expect(inv.hosts.get('web3')?.pos).toEqual({ file: FLEET, line: 26, col: 13 });
    expect(inv.groups.get('staging')?.pos).toEqual({ file: FLEET, line: 42, col: 1 });
    expect(inv.groups.get('web_eu')?.pos).toEqual({ file: FLEET, line: 22, col: 9 });
  });
});

describe('variable precedence: all < parent < child < host; same depth: later in file wins', () => {
  const inv = loadInventory(FLEET);
  const vars = (h: string): Record<string, unknown> | undefined => inv.hosts.get(h)?.vars;

  it('inherits "all" vars everywhere, including top-level groups other than all', () => {
    expect(vars('bastion')).toEqual({ ssh_user: 'admin', role: 'generic', tier: 'all', ssh_host: '192.0.2.1' });
    expect(vars('stage1')).toMatchObject({ ssh_user: 'admin', role: 'generic', transport: 'sim' });
  });

  it('lets a child group beat its parent and the host beat both', () => {
    // web3: web (role web, tier web) < web_eu (tier web_eu) < host (tier host)
    expect(vars('web3')).toEqual({ ssh_user: 'admin', role: 'web', tier: 'host' });
  });

  it('lets the later of two same-depth groups win', () => {
    expect(vars('web1')?.role).toBe('prod'); // web then prod
    expect(vars('web2')?.role).toBe('db'); // web then db
    expect(vars('db-1')?.role).toBe('prod'); // db then prod
  });

  it('uses the longest path from all as a group depth', () => {
    const inv2 = parseInventory(
      [
        'all:',
        '  children:',
        '    shared:',
        '      vars: {x: shared}',
        '      hosts: {h: }',
        '    outer:',
        '      vars: {x: outer}',
        '      children:',
        '        inner:',
        '          vars: {x: inner}',
        '          children:',
        '            shared:',
      ].join('\n'),
      'inv.yml',
    );
    // shared is at depth 3 through outer/inner, so it beats inner and outer.
    expect(inv2.groups.get('shared')?.depth).toBe(3);
    expect(inv2.hosts.get('h')?.vars.x).toBe('shared');
    expect(inv2.hosts.get('h')?.groups).toEqual(['all', 'outer', 'inner', 'shared']);
  });

  it('points each merged variable at the definition that won', () => {
    const web3 = inv.hosts.get('web3');
    expect(web3?.varPos?.tier).toEqual({ file: FLEET, line: 27, col: 21 });
    expect(web3?.varPos?.role).toEqual({ file: FLEET, line: 13, col: 15 });
  });

  it('merges a host listed twice, later values winning', () => {
    const inv2 = parseInventory('all:\n  hosts:\n    h: {a: 1, b: 1}\n  children:\n    g:\n      hosts:\n        h: {b: 2}\n', 'i.yml');
    expect(inv2.hosts.get('h')?.vars).toEqual({ a: 1, b: 2 });
  });

  it('accepts an empty file as an inventory without hosts', () => {
    const empty = parseInventory('', 'empty.yml');
    expect([...empty.hosts.keys()]).toEqual([]);
    expect([...empty.groups.keys()]).toEqual(['all']);
  });
});

describe('inventory errors name file:line:col', () => {
  const err = (text: string): string => inputErrorOf(() => parseInventory(text, 'inv.yml'));

  it('rejects an unknown key in a group and lists the allowed ones', () => {
    expect(inputErrorOf(() => loadInventory(`${FIXTURES}/inventory/bad-key.yml`))).toBe(
      `${FIXTURES}/inventory/bad-key.yml:4:7: unknown key "host" in group "web"; expected one of hosts, children, vars`,
    );
  });

  it('rejects a group cycle at the edge that closes it', () => {
    expect(inputErrorOf(() => loadInventory(`${FIXTURES}/inventory/cycle.yml`))).toBe(
      `${FIXTURES}/inventory/cycle.yml:10:9: group cycle: a -> b -> c -> a`,
    );
  });

  it('rejects a group that is its own child', () => {
    expect(err('all:\n  children:\n    g:\n      children:\n        g:\n')).toBe('inv.yml:5:9: group cycle: g -> g');
  });

  it('rejects "all" as a child group', () => {
    expect(err('all:\n  children:\n    x:\n      children:\n        all:\n')).toBe(
      'inv.yml:5:9: "all" cannot be a child group: every group is already in it',
    );
  });

  it('rejects a host name that is not a string', () => {
    expect(err('all:\n  hosts:\n    123:\n')).toBe('inv.yml:3:5: host name must be a string, got number (quote it)');
  });

  it('rejects names that would be read as pattern syntax', () => {
    expect(err('all:\n  hosts:\n    "web:3":\n')).toBe(
      'inv.yml:3:5: host name "web:3" must not contain spaces or any of , : ! & * ? [ ] (they have a meaning in host patterns)',
    );
    // A bracket that is no range (web[01:20] is one: ini-inventory.test.ts) stays refused.
    expect(err('all:\n  hosts:\n    "web[1]":\n')).toBe(
      'inv.yml:3:5: host name "web[1]" must not contain spaces or any of , : ! & * ? [ ] (they have a meaning in host patterns)',
    );
  });

  it('rejects vars that are not a map, for groups and hosts', () => {
    expect(err('all:\n  vars: [1]\n')).toBe('inv.yml:2:9: vars of group "all" must be a map, got list');
    expect(err('all:\n  hosts: {a: [1]}\n')).toBe('inv.yml:2:14: variables of host "a" must be a map, got list');
  });

  it('rejects hosts written as a list', () => {
    expect(err('all:\n  hosts: [a, b]\n')).toBe('inv.yml:2:10: hosts of group "all" must be a map of host name to variables, got list');
  });

  it('rejects a file that is not a map of groups', () => {
    expect(err('- a\n')).toBe('inv.yml:1:1: an inventory must be a map of groups (like "all:"), got list');
  });

  it('rejects a name used for both a host and a group', () => {
    expect(err('web:\n  hosts:\n    web:\n')).toBe(
      'inv.yml:3:5: "web" is both a host and a group (group defined at line 1); patterns could not tell them apart',
    );
  });

  it('reports YAML syntax errors with the parser position', () => {
    expect(err('all:\n  hosts:\n    a:\n    a:\n')).toBe('inv.yml:4:5: invalid YAML: Map keys must be unique');
    expect(err('all:\n  hosts: [a,\n')).toMatch(/^inv\.yml:3:1: invalid YAML: /);
  });

  it('reports a missing file without a position', () => {
    expect(inputErrorOf(() => loadInventory('/nonexistent/inv.yml'))).toBe('cannot read inventory /nonexistent/inv.yml: no such file');
  });
});
