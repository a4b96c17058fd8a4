import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveSimFleet, type ServedFleet } from '../../src/cli/commands/sim-serve.js';
import { simStatePath } from '../../src/engine/sim-hosts.js';
import { UnreachableError } from '../../src/errors.js';
import { connectionOf } from '../../src/inventory/connection.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { loadState } from '../../src/sim/state-file.js';
import type { SimFile } from '../../src/sim/types.js';
import type { SshTransport } from '../../src/transport/ssh.js';
import { generateEd25519 } from '../helpers/ssh2-server.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { connectTo, writeInventory } from './helpers.js';

describe('serveSimFleet', () => {
  let dir: string;
  let stateDir: string;
  let fleet: ServedFleet | undefined;
  const open: SshTransport[] = [];

  beforeEach(async () => {
    dir = await makeTempDir('jailfleet-sim-serve-');
    stateDir = join(dir, 'state');
    fleet = await serveSimFleet(await writeInventory(dir), { stateDir });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    await fleet?.close();
    await removeDir(dir);
  });

  const connect = async (host: string, extra = {}): Promise<SshTransport> => {
    const transport = await connectTo(fleet!.inventoryPath, host, extra);
    open.push(transport);
    return transport;
  };

  it('serves each simulated host on its own port, and only those', () => {
    expect(fleet!.hosts.map((h) => h.name)).toEqual(['old1', 'old2']);
    const [one, two] = fleet!.hosts;
    expect(one!.port).not.toBe(two!.port);
  });

  it('writes an inventory that names the right ports and keeps groups and variables', () => {
    const inventory = loadInventory(fleet!.inventoryPath);
    for (const served of fleet!.hosts) {
      const host = inventory.hosts.get(served.name)!;
      expect(connectionOf(host)).toMatchObject({
        transport: 'ssh',
        address: '127.0.0.1',
        port: served.port,
        user: 'root',
        key: fleet!.clientKeyPath,
        knownHosts: fleet!.knownHostsPath,
        hostKeyChecking: 'strict',
      });
      expect(host.groups).toContain('old');
      expect(host.vars.jail_name).toBe('www');
    }
    expect(inventory.hosts.get('old1')!.vars.host_ip).toBe('192.0.2.11');
    expect(inventory.hosts.get('old2')!.vars.host_ip).toBe('192.0.2.12');
    // A real host is left exactly as it was.
    const far = inventory.hosts.get('far1')!;
    expect(connectionOf(far)).toMatchObject({ transport: 'ssh', address: '198.51.100.7', user: 'admin' });
    expect(connectionOf(far).port).toBeUndefined();
  });

  it('writes one known_hosts line per host, [127.0.0.1]:PORT ssh-ed25519', async () => {
    const lines = (await readFile(fleet!.knownHostsPath, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const [i, served] of fleet!.hosts.entries()) {
      expect(lines[i]).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${served.port} ssh-ed25519 [A-Za-z0-9+/=]+$`));
    }
    expect(lines[0]!.split(' ')[2]).not.toBe(lines[1]!.split(' ')[2]);
  });

  it('runs commands over SSH under strict host-key checking', async () => {
    const old1 = await connect('old1');
    const old2 = await connect('old2');
    expect(await old1.exec('hostname')).toEqual({ stdout: 'old1\n', stderr: '', code: 0 });
    expect(await old2.exec('hostname')).toEqual({ stdout: 'old2\n', stderr: '', code: 0 });
    expect(await old1.exec('sysrc -n sshd_enable')).toEqual({ stdout: 'YES\n', stderr: '', code: 0 });
    expect((await old1.exec('sysrc -n nosuch_enable')).code).toBe(1);
  });

  it('passes stdin to the simulated command', async () => {
    const old1 = await connect('old1');
    expect(await old1.exec('cat', { stdin: 'from the controller\n' })).toEqual({ stdout: 'from the controller\n', stderr: '', code: 0 });
  });

  it('shows a change made over SSH to a second connection and in the state file', async () => {
    const first = await connect('old1');
    expect((await first.exec('sysrc jailfleet_enable=YES')).code).toBe(0);
    await first.close();
    const second = await connect('old1');
    expect((await second.exec('sysrc -n jailfleet_enable')).stdout).toBe('YES\n');
    // The other host is a different machine.
    expect((await (await connect('old2')).exec('sysrc -n jailfleet_enable')).code).toBe(1);
    const state = loadState(simStatePath(stateDir, 'old1'));
    expect((state!.fs['/etc/rc.conf'] as SimFile).content).toContain('jailfleet_enable="YES"');
  });

  it('refuses a client key it does not know', async () => {
    const stranger = join(dir, 'stranger');
    await writeFile(stranger, generateEd25519().privateKey, { mode: 0o600 });
    const attempt = connect('old1', { keyFile: stranger });
    await expect(attempt).rejects.toBeInstanceOf(UnreachableError);
    await expect(attempt).rejects.toMatchObject({ reason: 'auth' });
  });

  it('keeps host keys, client key and state across restarts', async () => {
    const first = await connect('old1');
    await first.exec('sysrc kept_enable=YES');
    const knownBefore = (await readFile(fleet!.knownHostsPath, 'utf8')).split('\n').map((l) => l.split(' ').slice(1).join(' '));
    const keyBefore = await readFile(fleet!.clientKeyPath, 'utf8');
    await first.close();
    open.splice(0);
    await fleet!.close();

    fleet = await serveSimFleet(join(dir, 'sim.yml'), { stateDir });
    const knownAfter = (await readFile(fleet.knownHostsPath, 'utf8')).split('\n').map((l) => l.split(' ').slice(1).join(' '));
    expect(knownAfter).toEqual(knownBefore);
    expect(await readFile(fleet.clientKeyPath, 'utf8')).toBe(keyBefore);
    const again = await connect('old1');
    expect((await again.exec('sysrc -n kept_enable')).stdout).toBe('YES\n');
  });

  it('drops the connection when the server cuts it', async () => {
    const old1 = await connect('old1');
    expect((await old1.exec('true')).code).toBe(0);
    fleet!.dropConnections('old1');
    await expect(old1.exec('true')).rejects.toMatchObject({ reason: 'dropped' });
  });
});

describe('serveSimFleet faults', () => {
  it('cuts the connection when the dropAfterCommands fault fires', async () => {
    const dir = await makeTempDir('jailfleet-sim-serve-');
    const inventory = await writeInventory(
      dir,
      'all:\n  hosts:\n    flaky:\n      transport: sim\n      host_ip: 192.0.2.30\n      sim:\n        faults:\n          dropAfterCommands: 1\n',
    );
    const fleet = await serveSimFleet(inventory, { stateDir: join(dir, 'state') });
    try {
      const flaky = await connectTo(fleet.inventoryPath, 'flaky');
      await expect(flaky.exec('true; true')).rejects.toMatchObject({ reason: 'dropped' });
      await flaky.close();
    } finally {
      await fleet.close();
      await removeDir(dir);
    }
  });

  it('rejects an inventory without simulated hosts as bad input', async () => {
    const dir = await makeTempDir('jailfleet-sim-serve-');
    try {
      const inventory = await writeInventory(dir, 'all:\n  hosts:\n    far1:\n      ssh_host: 198.51.100.7\n');
      await expect(serveSimFleet(inventory, { stateDir: join(dir, 'state') })).rejects.toThrow(/no host has transport: sim/);
    } finally {
      await removeDir(dir);
    }
  });
});
