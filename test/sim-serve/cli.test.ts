import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { connectTo, writeInventory } from './helpers.js';

interface Ready {
  inventory: string;
  knownHosts: string;
  key: string;
  hosts: Array<{ name: string; port: number }>;
}

async function waitForFile(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('jailfleet sim serve', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  let controller: AbortController;
  let io: CliIo;

  beforeEach(async () => {
    dir = await makeTempDir('jailfleet-sim-serve-cli-');
    out = [];
    err = [];
    controller = new AbortController();
    io = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, cwd: dir, env: {}, signal: controller.signal };
  });

  afterEach(async () => {
    controller.abort();
    await removeDir(dir);
  });

  it('serves until interrupted, prints an ssh line per host, and exits 0', async () => {
    const inventory = await writeInventory(dir);
    const readyFile = join(dir, 'ready.json');
    const outDir = join(dir, 'out');
    const exit = runCli(['sim', 'serve', '-i', inventory, '--state-dir', join(dir, 'st'), '--out', outDir, '--once-ready-file', readyFile], io);
    await waitForFile(readyFile, 10_000);
    const ready = JSON.parse(await readFile(readyFile, 'utf8')) as Ready;
    expect(ready.inventory).toBe(join(outDir, 'inventory.yml'));
    expect(ready.knownHosts).toBe(join(outDir, 'known_hosts'));
    expect(ready.key).toBe(join(dir, 'st', 'sim-serve', 'id_ed25519'));

    const text = out.join('');
    for (const h of ready.hosts) {
      expect(text).toContain(`${h.name}  ssh -p ${h.port} -i ${ready.key} root@127.0.0.1\n`);
    }
    expect(text).toContain('serving 2 simulated hosts; Ctrl-C to stop\n');

    const old2 = await connectTo(ready.inventory, 'old2');
    expect((await old2.exec('sysrc -n sshd_enable')).stdout).toBe('YES\n');
    await old2.close();

    controller.abort();
    expect(await exit).toBe(0);
    // The servers are gone once the command returned.
    await expect(connectTo(ready.inventory, 'old2')).rejects.toMatchObject({ reason: 'connect' });
  });

  it('makes changes visible to jailfleet sim exec', async () => {
    const inventory = await writeInventory(dir);
    const readyFile = join(dir, 'ready.json');
    const stateDir = join(dir, 'st');
    const exit = runCli(['sim', 'serve', '-i', inventory, '--state-dir', stateDir, '--once-ready-file', readyFile], io);
    await waitForFile(readyFile, 10_000);
    const ready = JSON.parse(await readFile(readyFile, 'utf8')) as Ready;
    const old1 = await connectTo(ready.inventory, 'old1');
    expect((await old1.exec('sysrc served_enable=YES')).code).toBe(0);

    const execOut: string[] = [];
    const execIo: CliIo = { ...io, out: (t) => execOut.push(t), signal: undefined };
    expect(await runCli(['sim', 'exec', 'old1', '-i', inventory, '--state-dir', stateDir, '--', 'sysrc', '-n', 'served_enable'], execIo)).toBe(0);
    expect(execOut.join('')).toBe('YES\n');

    // And the other way round: sim exec's change is seen over SSH.
    expect(await runCli(['sim', 'exec', 'old1', '-i', inventory, '--state-dir', stateDir, '--', 'sysrc', 'other_enable=NO'], execIo)).toBe(0);
    expect((await old1.exec('sysrc -n other_enable')).stdout).toBe('NO\n');
    await old1.close();
    controller.abort();
    expect(await exit).toBe(0);
  });

  it('a --base-port already in use is bad input (exit 4) naming it, not an internal error with a stack trace', async () => {
    const inventory = await writeInventory(dir);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      expect(await runCli(['sim', 'serve', '-i', inventory, '--state-dir', join(dir, 'st'), '--base-port', String(port)], io)).toBe(4);
      expect(err.join('')).toBe(`error: --base-port: 127.0.0.1:${port} is already in use (by another program, or another sim serve)\n`);
      expect(out.join('')).toBe('');
    } finally {
      taken.close();
    }
  });

  it('rejects a bad --base-port as invalid input (exit 4) before serving', async () => {
    const inventory = await writeInventory(dir);
    expect(await runCli(['sim', 'serve', '-i', inventory, '--base-port', 'abc'], io)).toBe(4);
  });
});
