import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { loadRunConfig, inventoryPath } from '../load-inputs.js';
import { loadInventory } from '../../inventory/load-inventory.js';
import { openHeldSimHost, resetSimHosts } from '../../engine/sim-hosts.js';
import type { SimHost } from '../../sim/host.js';
import type { InventoryHost as Host, Inventory } from '../../inventory/types.js';
import { connectionOf } from '../../inventory/connection.js';
import { InputError, UnreachableError } from '../../errors.js';
import { isPoweredOff } from '../../sim/power.js';
import { bytesOfText, textOfBytes } from '../../sim/bytes.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

interface SimOptions {
  inventory?: string;
  stateDir?: string;
}

async function simContext(opts: SimOptions, io: CliIo) {
  const config = await loadRunConfig(io.cwd);
  const inventory = loadInventory(inventoryPath(opts.inventory, config, io.cwd));
  return { inventory, stateDir: resolve(io.cwd, opts.stateDir ?? config.stateDir), waitMs: config.connectTimeoutMs };
}

/** The named host of the inventory, which must be a simulated one (sim exec, sim reset). */
function simHostOf(inventory: Inventory, hostName: string): Host {
  const host = inventory.hosts.get(hostName);
  if (!host) throw new InputError(`unknown host "${hostName}" (not in ${inventory.file})`);
  if (connectionOf(host).transport !== 'sim') throw new InputError(`host "${hostName}" is not a sim host (transport: ssh)`);
  return host;
}

/** Run one command line on one simulated host, as `ssh host CMD` would: words joined by spaces, stdin passed on, output as bytes. */
export async function simExecCommand(hostName: string, words: string[], opts: SimOptions, io: CliIo): Promise<number> {
  const { inventory, stateDir, waitMs } = await simContext(opts, io);
  const host = simHostOf(inventory, hostName);
  if (words.length === 0) throw new InputError('sim exec: expected a command after the host name (jailfleet sim exec HOST -- COMMAND)');
  // An apply of another process on this host is waited for: its changes are not saved over.
  let opened: Awaited<ReturnType<typeof openHeldSimHost>>;
  try {
    opened = await openHeldSimHost(stateDir, host, waitMs);
  } catch (err) {
    if (!(err instanceof UnreachableError)) throw err;
    io.err(`error: ${err.message}\n`);
    return EXIT.unreachable;
  }
  const { sim, save, release } = opened;
  let result: ReturnType<SimHost['exec']>;
  try {
    // As the transports refuse it: a host `shutdown -p` powered off stays off until `sim reset`.
    if (isPoweredOff(sim.state)) {
      const err = new UnreachableError(hostName, 'connect', `connect EHOSTDOWN (simulated: the host is powered off; \`jailfleet sim reset ${hostName} -i INVENTORY\` brings it back fresh)`);
      io.err(`error: ${err.message}\n`);
      return EXIT.unreachable;
    }
    // As ssh passes its stdin on (`echo hi | jailfleet sim exec HOST -- cat`); bytes that are not UTF-8 survive (sim/bytes.ts).
    const input = await io.readStdin?.();
    result = sim.exec(words.join(' '), input === undefined ? {} : { stdin: textOfBytes(input) });
    save();
  } finally {
    release();
  }
  // What the command printed, byte for byte (`cat FILE > local` of a binary file).
  if (io.outBytes) io.outBytes(bytesOfText(result.stdout));
  else io.out(result.stdout);
  io.err(result.stderr);
  return result.code;
}

export async function simResetCommand(hosts: string[], opts: SimOptions, io: CliIo): Promise<ExitCode> {
  const config = await loadRunConfig(io.cwd);
  // As sim exec: a named host must be one of the inventory's simulated hosts, or a typo would reset nothing and exit 0.
  if (hosts.length) {
    const inventory = loadInventory(inventoryPath(opts.inventory, config, io.cwd));
    for (const name of hosts) simHostOf(inventory, name);
  }
  const removed = resetSimHosts(resolve(io.cwd, opts.stateDir ?? config.stateDir), hosts);
  io.out(removed.length ? `reset: ${removed.join(', ')}\n` : 'reset: no simulated host state to remove\n');
  return EXIT.ok;
}
