import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeConnector } from '../../../src/engine/connector.js';
import { simSettings } from '../../../src/engine/sim-hosts.js';
import { InputError, UnreachableError } from '../../../src/errors.js';
import { loadInventory } from '../../../src/inventory/load-inventory.js';
import type { Inventory } from '../../../src/inventory/types.js';
import { normalizeSimFaults } from '../../../src/sim/faults.js';

describe('normalizeSimFaults', () => {
  it('maps the snake_case inventory map onto the simulator options', () => {
    expect(
      normalizeSimFaults('h1', {
        fail: [{ command: 'service sshd onereload', code: 1, stderr: 'sshd: no hostkeys available -- exiting.' }, { command: 'jail -c' }],
        slow_ms: 500,
        drop_after_commands: 12,
        drop_after_input_bytes: 300,
        unreachable: true,
        host_key_change: true,
      }),
    ).toEqual({
      failCommand: [
        { match: 'service sshd onereload', code: 1, stderr: 'sshd: no hostkeys available -- exiting.\n' },
        { match: 'jail -c', code: 1 },
      ],
      slowMs: 500,
      dropAfterCommands: 12,
      dropAfterInputBytes: 300,
      unreachable: true,
      hostKeyChange: true,
    });
    expect(normalizeSimFaults('h1', undefined)).toBeUndefined();
    expect(normalizeSimFaults('h1', { fail: { command: 'sysrc', code: 2 } })).toEqual({ failCommand: [{ match: 'sysrc', code: 2 }] });
    // SimTransport's own option names are accepted as well.
    expect(normalizeSimFaults('h1', { dropAfterCommands: 1, failCommand: [{ match: 'jls', code: 1 }] })).toEqual({ dropAfterCommands: 1, failCommand: [{ match: 'jls', code: 1 }] });
  });

  it.each([
    [[], 'host h1: sim.faults must be a map'],
    [{ slow: 1 }, "host h1: sim.faults: unknown fault 'slow' (known: fail, slow_ms, drop_after_commands, drop_after_bytes, drop_after_input_bytes, unreachable, host_key_change)"],
    [{ slow_ms: -1 }, 'host h1: sim.faults.slow_ms must be a whole number >= 0'],
    [{ drop_after_commands: '3' }, 'host h1: sim.faults.drop_after_commands must be a whole number >= 0'],
    [{ unreachable: 'yes' }, 'host h1: sim.faults.unreachable must be true or false'],
    [{ fail: ['x'] }, "host h1: sim.faults.fail[0] must be a map with 'command'"],
    [{ fail: [{ cmd: 'x' }] }, "host h1: sim.faults.fail[0]: unknown key 'cmd' (known: command, code, stderr)"],
    [{ fail: [{ command: '' }] }, 'host h1: sim.faults.fail[0].command must be a non-empty string'],
    [{ fail: [{ command: 'x', code: 256 }] }, 'host h1: sim.faults.fail[0].code must be an exit status 0-255'],
  ])('rejects %j', (raw, message) => {
    expect(() => normalizeSimFaults('h1', raw)).toThrow(InputError);
    expect(() => normalizeSimFaults('h1', raw)).toThrow(message);
  });
});

describe('faults from an inventory, through the connector', () => {
  let dir: string;
  let inventory: Inventory;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jailfleet-faults-'));
    writeFileSync(
      join(dir, 'inv.yml'),
      [
        'all:',
        '  vars: { transport: sim }',
        '  hosts:',
        '    failing:',
        '      host_ip: 192.0.2.31',
        '      sim:',
        '        faults:',
        '          fail: [{ command: "service sshd onereload", code: 1, stderr: "Performing sanity check on sshd configuration." }]',
        '    down: { host_ip: 192.0.2.32, sim: { faults: { unreachable: true } } }',
        '    dropping: { host_ip: 192.0.2.33, sim: { faults: { drop_after_commands: 2 } } }',
        '    slow: { host_ip: 192.0.2.34, sim: { faults: { slow_ms: 200 } } }',
        '    newkey: { host_ip: 192.0.2.35, sim: { faults: { host_key_change: true } } }',
        '    wrong: { host_ip: 192.0.2.36, sim: { faults: { drop_after: 2 } } }',
        '',
      ].join('\n'),
    );
    inventory = loadInventory(join(dir, 'inv.yml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const connect = (name: string) =>
    makeConnector({ stateDir: join(dir, 'state'), connectTimeoutMs: 1000, commandTimeoutMs: 1000, hostKeyChecking: 'accept-new' }).connect(inventory.hosts.get(name)!);

  it('fails the named command with its code and stderr, and runs the rest', async () => {
    const t = await connect('failing');
    expect(await t.exec('service sshd onereload; echo after $?')).toEqual({ stdout: 'after 1\n', stderr: 'Performing sanity check on sshd configuration.\n', code: 0 });
    expect((await t.exec('service sshd onestatus')).code).toBe(0);
  });

  it('fails the named command however it is started: through exec or command', async () => {
    const t = await connect('failing');
    expect(await t.exec("sh -c 'exec service sshd onereload'; echo after $?")).toMatchObject({ stdout: 'after 1\n', code: 0 });
    expect(await t.exec('command service sshd onereload; echo after $?')).toMatchObject({ stdout: 'after 1\n', code: 0 });
  });

  it('makes an unreachable host fail to connect', async () => {
    const t = await connect('down');
    await expect(t.exec('true')).rejects.toBeInstanceOf(UnreachableError);
  });

  it('drops the connection after N commands of one exec', async () => {
    const t = await connect('dropping');
    await expect(t.exec('true; true; echo never')).rejects.toThrow(/connection lost after 2 commands/);
  });

  it('slows every exec, timing out when the deadline is shorter', async () => {
    const t = await connect('slow');
    const started = Date.now();
    expect(await t.exec('echo ok')).toEqual({ stdout: 'ok\n', stderr: '', code: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await expect(t.exec('echo ok', { timeoutMs: 50 })).rejects.toThrow(/no answer within 50 ms/);
  });

  it('exposes host_key_change as faults.hostKeyChange for the SSH-served simulator', () => {
    expect(simSettings(inventory.hosts.get('newkey')!).faults).toEqual({ hostKeyChange: true });
  });

  it('names the host when a fault is misspelt', async () => {
    await expect(connect('wrong')).rejects.toThrow(/host wrong: sim\.faults: unknown fault 'drop_after'/);
  });
});

describe('drop_after_bytes', () => {
  it('normalises to dropAfterBytes', () => {
    expect(normalizeSimFaults('h1', { drop_after_bytes: 4096 })).toEqual({ dropAfterBytes: 4096 });
  });
});
