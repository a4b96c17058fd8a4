import { describe, expect, it } from 'vitest';
import { connectionOf } from '../../src/inventory/connection.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import type { InventoryHost } from '../../src/inventory/types.js';
import { FIXTURES, inputErrorOf } from './helpers.js';

const FILE = `${FIXTURES}/inventory/connections.yml`;
const inv = loadInventory(FILE);
const host = (name: string): InventoryHost => {
  const h = inv.hosts.get(name);
  if (!h) throw new Error(`no host ${name}`);
  return h;
};

describe('connectionOf', () => {
  it('reads the ssh_* spellings', () => {
    expect(connectionOf(host('native'))).toEqual({
      transport: 'ssh',
      address: '198.51.100.1',
      port: 2022,
      user: 'ops',
      key: '~/.ssh/fleet',
      knownHosts: '/etc/jailfleet/known_hosts',
      hostKeyChecking: 'accept-new',
      become: 'doas',
    });
  });

  it('reads the ansible_* spellings, with a port given as a string', () => {
    expect(connectionOf(host('ansible'))).toEqual({
      transport: 'ssh',
      address: '198.51.100.2',
      port: 22,
      user: 'root',
      key: '/keys/root',
      knownHosts: '/etc/jailfleet/known_hosts',
      hostKeyChecking: 'strict',
      become: 'sudo',
    });
  });

  it('defaults to ssh to the inventory name with strict host key checking', () => {
    expect(connectionOf(host('bare'))).toEqual({
      transport: 'ssh',
      address: 'bare',
      knownHosts: '/etc/jailfleet/known_hosts',
      hostKeyChecking: 'strict',
    });
    expect(connectionOf(host('simulated')).transport).toBe('sim');
  });

  it('refuses a boolean for host key checking: only the word accept-new relaxes it', () => {
    expect(inputErrorOf(() => connectionOf(host('bad-checking')))).toBe(
      `${FILE}:23:30: ssh_host_key_checking: expected "strict" or "accept-new", got false`,
    );
  });

  it('refuses bad port, become and transport values at the variable', () => {
    expect(inputErrorOf(() => connectionOf(host('bad-port')))).toBe(`${FILE}:25:17: ssh_port: expected a port 1-65535, got 70000`);
    expect(inputErrorOf(() => connectionOf(host('bad-become')))).toBe(`${FILE}:27:15: become: expected "sudo" or "doas", got "su"`);
    expect(inputErrorOf(() => connectionOf(host('bad-transport')))).toBe(`${FILE}:29:18: transport: expected "ssh" or "sim", got "telnet"`);
  });

  it('refuses both spellings with different values', () => {
    expect(inputErrorOf(() => connectionOf(host('disagree')))).toBe(
      `${FILE}:31:17: ssh_port (22) and ansible_port (2222) disagree for host "disagree"; set only one`,
    );
  });

  it('accepts become: false to switch off a group-level become', () => {
    const h: InventoryHost = { name: 'x', vars: { become: false }, groups: ['all'], pos: { file: 'f', line: 1, col: 1 } };
    expect(connectionOf(h).become).toBeUndefined();
  });

  it('refuses templates in connection variables, falling back to the host position without varPos', () => {
    const h: InventoryHost = { name: 'x', vars: { ssh_host: '{{ ip }}' }, groups: ['all'], pos: { file: 'f', line: 3, col: 5 } };
    expect(inputErrorOf(() => connectionOf(h))).toBe('f:3:5: ssh_host: templates are not supported in connection variables');
  });
});
