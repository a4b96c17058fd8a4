/**
 * A host `shutdown -p now` powered off, as `jailfleet sim serve` and the
 * sim CLI see it: the exec that ran it gets its answer, then the host's
 * connections go down and new ones are refused before the SSH handshake,
 * as for the unreachable fault (which sim serve honours the same way); the
 * state file keeps it off for later runs; `jailfleet sim exec` refuses it
 * (exit 3, unreachable); `jailfleet sim reset` brings it back fresh.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveSimFleet, type ServedFleet } from '../../src/cli/commands/sim-serve.js';
import { simStatePath } from '../../src/engine/sim-hosts.js';
import { UnreachableError } from '../../src/errors.js';
import { loadState } from '../../src/sim/state-file.js';
import type { SshTransport } from '../../src/transport/ssh.js';
import { cli } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { connectTo, writeInventory } from '../sim-serve/helpers.js';

const INVENTORY = `all:
  vars:
    transport: sim
  hosts:
    old1:
      host_ip: 192.0.2.11
    down:
      host_ip: 192.0.2.12
      sim: { faults: { unreachable: true } }
`;

describe('a powered-off simulated host', () => {
  let dir: string;
  let stateDir: string;
  let inventory: string;
  let fleet: ServedFleet | undefined;
  const open: SshTransport[] = [];

  beforeEach(async () => {
    dir = await makeTempDir('jailfleet-power-off-');
    stateDir = join(dir, 'state');
    inventory = await writeInventory(dir, INVENTORY);
    fleet = await serveSimFleet(inventory, { stateDir });
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    await fleet?.close();
    await removeDir(dir);
  });

  const connect = async (host: string): Promise<SshTransport> => {
    const t = await connectTo(fleet!.inventoryPath, host);
    open.push(t);
    return t;
  };
  const refusal = (host: string): Promise<unknown> => connectTo(fleet!.inventoryPath, host).then((t) => (open.push(t), 'connected'), (e: unknown) => e);

  it('over sim serve: answers the exec, drops the connection, refuses new ones; reset brings it back', async () => {
    const t = await connect('old1');
    const r = await t.exec('shutdown -p now');
    expect([r.stdout, r.code]).toEqual(['Shutdown NOW!\nShutdown NOW!\n\r\nSystem shutdown time has arrived\x07\x07\r\n', 0]);
    expect(r.stderr).toMatch(/^shutdown: \[pid \d+\]\n$/);
    await expect(t.exec('hostname')).rejects.toBeInstanceOf(UnreachableError);
    const refused = await refusal('old1');
    expect(refused).toBeInstanceOf(UnreachableError);
    expect(refused).toMatchObject({ reason: 'connect' });
    expect(loadState(simStatePath(stateDir, 'old1'))?.power).toBe('off');

    const exec = await cli(dir, 'sim', 'exec', 'old1', '-i', inventory, '--state-dir', stateDir, '--', 'hostname');
    expect(exec.code).toBe(3);
    expect(exec.stderr).toBe('error: old1: unreachable (connect): connect EHOSTDOWN (simulated: the host is powered off; `jailfleet sim reset old1 -i INVENTORY` brings it back fresh)\n');

    expect(await cli(dir, 'sim', 'reset', 'old1', '-i', inventory, '--state-dir', stateDir)).toEqual({ code: 0, stdout: 'reset: old1\n', stderr: '' });
    const again = await connect('old1');
    expect(await again.exec('hostname')).toEqual({ stdout: 'old1\n', stderr: '', code: 0 });
  });

  it('sim serve honours the unreachable fault the same way', async () => {
    const refused = await refusal('down');
    expect(refused).toBeInstanceOf(UnreachableError);
    expect(refused).toMatchObject({ reason: 'connect' });
  });
});
