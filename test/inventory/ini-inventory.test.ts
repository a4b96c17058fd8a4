/**
 * Ansible's INI inventory format (docs: "How to build your inventory",
 * ansible/plugins/inventory/ini.py): sections, :children, :vars, inline
 * host variables read as literals, :vars values read as strings, ranges,
 * host:port, comments; errors at file:line:col.
 */
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load-inventory.js';
import { connectionOf } from '../../src/inventory/connection.js';
import { inputErrorOf } from './helpers.js';

const INI = `# the lab, Ansible style
lonely.example ansible_port=2200

[web]
web[01:03] jail_ip=192.0.2.10 weight=3 ratio=0.5 enabled=True label="front end"
db-a:2222   ; not a comment in a host line, but this is:
# a comment line

[db]
db-[a:b]

[prod:children]
web
db

[prod:vars]
ntp_server = ntp.example.org
weight=7
quoted="a b"

[all:vars]
transport=sim
`;

describe('INI inventories', () => {
  const inv = parseInventory(INI.replace('; not a comment in a host line, but this is:', ''), 'hosts.ini');

  it('reads groups, children, ranges and ungrouped hosts', () => {
    expect([...inv.hosts.keys()]).toEqual(['lonely.example', 'web01', 'web02', 'web03', 'db-a', 'db-b']);
    expect(inv.groups.get('web')!.hosts).toEqual(['web01', 'web02', 'web03', 'db-a']);
    expect(inv.groups.get('ungrouped')!.hosts).toEqual(['lonely.example']);
    expect(inv.groups.get('prod')!.children).toEqual(['web', 'db']);
    expect(inv.groups.get('all')!.children).toEqual(['ungrouped', 'prod']);
    expect(inv.hosts.get('db-b')!.groups).toEqual(['all', 'prod', 'db']);
  });

  it('reads inline values as literals and :vars values as strings; the host wins over its groups', () => {
    expect(inv.hosts.get('web02')!.vars).toEqual({ transport: 'sim', ntp_server: 'ntp.example.org', weight: 3, quoted: 'a b', jail_ip: '192.0.2.10', ratio: 0.5, enabled: true, label: 'front end' });
    expect(inv.hosts.get('db-b')!.vars.weight).toBe('7');
  });

  it('takes host:port as the port, and keeps positions for errors', () => {
    expect(connectionOf(inv.hosts.get('db-a')!).port).toBe(2222);
    expect(inv.hosts.get('web03')!.varPos!.jail_ip).toEqual({ file: 'hosts.ini', line: 5, col: 1 });
    expect(inv.hosts.get('web03')!.varPos!.ntp_server).toEqual({ file: 'hosts.ini', line: 17, col: 1 });
  });

  it('refuses what it cannot read, naming file, line and column', () => {
    expect(inputErrorOf(() => parseInventory('[web:hosts\n', 'h.ini'))).toBe('h.ini:1:1: invalid section header [web:hosts: expected [group], [group:vars] or [group:children]');
    expect(inputErrorOf(() => parseInventory('[web:stuff]\n', 'h.ini'))).toBe('h.ini:1:1: invalid section [web:stuff]: expected :vars or :children');
    expect(inputErrorOf(() => parseInventory('[web]\nw1 port\n', 'h.ini'))).toBe('h.ini:2:1: expected key=value after host w1, got "port"');
    expect(inputErrorOf(() => parseInventory('[web:vars]\njust-a-word\n', 'h.ini'))).toBe('h.ini:2:1: expected key=value in [web:vars], got "just-a-word"');
    expect(inputErrorOf(() => parseInventory('[web]\nw[1:x]\n', 'h.ini'))).toBe('h.ini:2:1: host range [1:x]: expected [START:END] of numbers (web[01:20]) or of single letters (db[a:f])');
    expect(inputErrorOf(() => parseInventory('[web]\nw1 label="open\n', 'h.ini'))).toBe('h.ini:2:10: unterminated " quote');
  });

  it('tells YAML from INI by its first meaningful line', () => {
    expect([...parseInventory('# yaml\nall:\n  hosts:\n    a:\n', 'i.yml').hosts.keys()]).toEqual(['a']);
    expect([...parseInventory('a\nb ansible_host=192.0.2.2\n', 'hosts').hosts.keys()]).toEqual(['a', 'b']);
  });
});

describe('host ranges in YAML inventories', () => {
  it('expands numeric ranges keeping their width, with a step, and letter ranges', () => {
    const inv = parseInventory('all:\n  hosts:\n    "node[08:10]":\n      role: n\n    "x[0:6:3]":\n    "db[a:c]":\n', 'i.yml');
    expect([...inv.hosts.keys()]).toEqual(['node08', 'node09', 'node10', 'x0', 'x3', 'x6', 'dba', 'dbb', 'dbc']);
    expect(inv.hosts.get('node09')!.vars).toEqual({ role: 'n' });
  });

  it('refuses a range that runs backwards', () => {
    expect(inputErrorOf(() => parseInventory('all:\n  hosts:\n    "n[5:1]":\n', 'i.yml'))).toBe('i.yml:3:5: host range [5:1]: the start is after the end');
  });
});
