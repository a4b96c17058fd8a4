import { describe, expect, it } from 'vitest';
import { connectionOf, connectionProblems, isHostName, sshConfigAliases } from '../../src/inventory/connection.js';
import type { InventoryHost } from '../../src/inventory/types.js';

const POS = { file: 'inv.yml', line: 3, col: 5 };
const host = (vars: Record<string, unknown>): InventoryHost => ({ name: 'h', vars, groups: ['all'], pos: POS });
const noAliases = (): ReadonlySet<string> => new Set();

describe('ssh_host', () => {
  it('is a host name by RFC 1123', () => {
    for (const ok of ['web1', 'web-1.example.org', 'example.org.', '1host', 'a'.repeat(63)]) expect(isHostName(ok), ok).toBe(true);
    for (const bad of ['', '-web', 'web-', 'a..b', 'we b', 'web_1', 'a'.repeat(64), 'x;y', `${'a.'.repeat(127)}ab`]) expect(isHostName(bad), bad).toBe(false);
  });

  it('may be an IPv4 or IPv6 address', () => {
    expect(connectionOf(host({ ssh_host: '192.0.2.1' }), { sshAliases: noAliases }).address).toBe('192.0.2.1');
    expect(connectionOf(host({ ssh_host: 'fe80::1%em0' }), { sshAliases: noAliases }).address).toBe('fe80::1%em0');
  });

  it('may be an alias from a Host line of ~/.ssh/config, but not a pattern', () => {
    const aliases = sshConfigAliases('Host bastion_eu "jump box" *.corp !bad\n  HostName 192.0.2.9\nhost=other_one\nMatch host x\n');
    expect([...aliases]).toEqual(['bastion_eu', 'jump box', 'other_one']);
    expect(connectionOf(host({ ssh_host: 'bastion_eu' }), { sshAliases: () => aliases }).address).toBe('bastion_eu');
  });

  it('refuses anything else, naming where it was set', () => {
    expect(connectionProblems(host({ ssh_host: '192.0.2.1;touch /tmp/x' }), { sshAliases: noAliases }).map((e) => e.message)).toEqual([
      'inv.yml:3:5: ssh_host: expected a host name, an IPv4 or IPv6 address, or a Host alias from ~/.ssh/config, got "192.0.2.1;touch /tmp/x"',
    ]);
  });
});

describe('connectionProblems', () => {
  it('reports every bad setting of a host, not only the first', () => {
    const problems = connectionProblems(host({ ssh_port: 70000, ssh_host: 'a b', transport: 'ftp' }), { sshAliases: noAliases });
    expect(problems.map((e) => e.problem)).toEqual([
      'transport: expected "ssh" or "sim", got "ftp"',
      'ssh_host: expected a host name, an IPv4 or IPv6 address, or a Host alias from ~/.ssh/config, got "a b"',
      'ssh_port: expected a port 1-65535, got 70000',
    ]);
  });

  it('refuses port 0 and "22x"', () => {
    expect(connectionProblems(host({ ssh_port: 0 })).map((e) => e.problem)).toEqual(['ssh_port: expected a port 1-65535, got 0']);
    expect(connectionProblems(host({ ansible_port: '22x' })).map((e) => e.problem)).toEqual(['ansible_port: expected a port 1-65535, got "22x"']);
  });
});
