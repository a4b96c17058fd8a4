import { describe, expect, it } from 'vitest';
import { connectionOf } from '../../src/inventory/connection.js';
import { parseInventory } from '../../src/inventory/load-inventory.js';
import { rewriteInventory } from '../../src/sim/serve-inventory.js';

const OURS = { transport: 'ssh', ssh_host: '127.0.0.1', ssh_port: 2201, ssh_user: 'root' };

describe('rewriteInventory', () => {
  it('keeps comments, other hosts and variables, and overrides the served host everywhere it is listed', () => {
    const text = [
      '# fleet',
      'all:',
      '  vars: {transport: sim}',
      '  hosts:',
      '    old1: {host_ip: 192.0.2.11}  # the first one',
      '  children:',
      '    web:',
      '      hosts:',
      '        old1:',
      '          role: web',
      '        other:',
      '          host_ip: 192.0.2.99',
      '',
    ].join('\n');
    const out = rewriteInventory(text, new Map([['old1', OURS]]));
    expect(out).toContain('# fleet');
    expect(out).toContain('# the first one');
    const inventory = parseInventory(out, 'out.yml');
    const old1 = inventory.hosts.get('old1')!;
    expect(connectionOf(old1)).toMatchObject({ transport: 'ssh', address: '127.0.0.1', port: 2201, user: 'root' });
    expect(old1.vars).toMatchObject({ host_ip: '192.0.2.11', role: 'web' });
    expect(old1.groups).toContain('web');
    expect(connectionOf(inventory.hosts.get('other')!).transport).toBe('sim');
  });

  it('turns a bare host entry and an aliased one into maps with our variables', () => {
    const text = 'all:\n  vars:\n    transport: sim\n  hosts:\n    a: &base {host_ip: 192.0.2.1}\n    b: *base\n    c:\n';
    const overrides = new Map([
      ['b', { ...OURS, ssh_port: 2202 }],
      ['c', { ...OURS, ssh_port: 2203 }],
    ]);
    const inventory = parseInventory(rewriteInventory(text, overrides), 'out.yml');
    expect(connectionOf(inventory.hosts.get('a')!).transport).toBe('sim');
    expect(connectionOf(inventory.hosts.get('b')!)).toMatchObject({ transport: 'ssh', port: 2202 });
    expect(inventory.hosts.get('b')!.vars.host_ip).toBe('192.0.2.1');
    expect(connectionOf(inventory.hosts.get('c')!)).toMatchObject({ transport: 'ssh', port: 2203 });
  });
});
