/**
 * `jailfleet sim serve`: the inventory's simulated hosts behind real SSH on
 * 127.0.0.1, one port and one host key per host, plus an inventory and a
 * known_hosts file that reach them with `transport: ssh`. So the real SSH
 * transport (and plain ssh(1)) can be pointed at a simulated fleet.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { loadRunConfig, inventoryPath } from '../load-inputs.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadInventory, readInput } from '../../inventory/load-inventory.js';
import { connectionOf } from '../../inventory/connection.js';
import type { InventoryHost } from '../../inventory/types.js';
import { openSimHost, simSettings, simStatePath } from '../../engine/sim-hosts.js';
import { generateSshKeyPair, startSimSshServer } from '../../sim/ssh-server.js';
import { loadOrCreateKeyPair } from '../../sim/serve-keys.js';
import { servedSimHost } from '../../sim/serve-exec.js';
import { rewriteInventory, type HostOverrides } from '../../sim/serve-inventory.js';
import type { SimTransportFaults } from '../../sim/transport.js';
import { knownHostsName } from '../../transport/known-hosts.js';
import { quote } from '../../shell/quote.js';
import { InputError } from '../../errors.js';

const ADDRESS = '127.0.0.1';

export interface ServeSimFleetOptions {
  /** Where the simulated hosts' state files and the served keys live. */
  stateDir: string;
  /** Where inventory.yml and known_hosts are written; default STATE/sim-serve. */
  outDir?: string;
  /** First host on basePort, the next on basePort+1, ...; default: free ports. */
  basePort?: number;
}

export interface ServedFleet {
  inventoryPath: string;
  knownHostsPath: string;
  /** Private key authorized on every served host. */
  clientKeyPath: string;
  hosts: Array<{ name: string; port: number }>;
  /** Cut every client connection (of one host, or all): tests of dropped connections. */
  dropConnections(hostName?: string): void;
  close(): Promise<void>;
}

export async function serveSimFleet(inventoryFile: string, opts: ServeSimFleetOptions): Promise<ServedFleet> {
  const inventory = loadInventory(inventoryFile);
  const simHosts = [...inventory.hosts.values()].filter((h) => connectionOf(h).transport === 'sim');
  if (simHosts.length === 0) throw new InputError(`${inventoryFile}: no host has transport: sim, nothing to serve`);

  const serveDir = join(opts.stateDir, 'sim-serve');
  const outDir = opts.outDir ?? serveDir;
  const clientKeyPath = join(serveDir, 'id_ed25519');
  const clientKey = loadOrCreateKeyPair(clientKeyPath, 'jailfleet-sim-client');
  // known_hosts always records the host's stable key; the host_key_change
  // fault makes the server present a fresh one, as a reinstalled (or
  // impersonated) host would.
  const knownKeys = new Map<string, string>();
  const served = simHosts.map((host) => {
    const faults = simSettings(host).faults as SimTransportFaults | undefined;
    const stable = loadOrCreateKeyPair(join(serveDir, 'keys', host.name), `jailfleet-sim-${host.name}`);
    knownKeys.set(host.name, stable.publicKey.split(' ').slice(0, 2).join(' '));
    return servedSimHost({
      name: host.name,
      statePath: simStatePath(opts.stateDir, host.name),
      open: () => openSimHost(opts.stateDir, host),
      faults,
      hostKey: faults?.hostKeyChange ? generateSshKeyPair(`jailfleet-sim-${host.name}-changed`).privateKey : stable.privateKey,
    });
  });
  const server = await startSimSshServer({
    hosts: served,
    authorizedKeys: [clientKey.publicKey],
    address: ADDRESS,
    ...(opts.basePort !== undefined ? { basePort: opts.basePort } : {}),
  }).catch((err: unknown) => {
    // Only a port the user chose can be taken: without --base-port each host gets a free one.
    const e = err as NodeJS.ErrnoException & { port?: number };
    if (e.code === 'EADDRINUSE') throw new InputError(`--base-port: ${ADDRESS}:${e.port ?? '?'} is already in use (by another program, or another sim serve)`);
    throw err;
  });

  try {
    mkdirSync(outDir, { recursive: true });
    const knownHostsPath = join(outDir, 'known_hosts');
    const inventoryPath = join(outDir, 'inventory.yml');
    writeFileSync(knownHostsPath, server.hosts.map((h) => `${knownHostsName(ADDRESS, h.port)} ${knownKeys.get(h.name) ?? h.hostKey}\n`).join(''));
    const overrides: HostOverrides = new Map();
    for (const h of server.hosts) {
      const host = inventory.hosts.get(h.name);
      if (host) overrides.set(h.name, sshVars(host, h.port, clientKeyPath, knownHostsPath));
    }
    const header = `# Written by jailfleet sim serve from ${inventoryFile}: valid while it runs.\n`;
    writeFileSync(inventoryPath, header + rewriteInventory(readInput(inventoryFile, 'inventory'), overrides));
    return {
      inventoryPath,
      knownHostsPath,
      clientKeyPath,
      hosts: server.hosts.map((h) => ({ name: h.name, port: h.port })),
      dropConnections: (name) => server.dropConnections(name),
      close: () => server.close(),
    };
  } catch (err) {
    await server.close();
    throw err;
  }
}

/**
 * The connection variables of a served host. An ansible_* spelling the host
 * already has is set to the same value, or connectionOf() would refuse the
 * disagreement; become is switched off because we log in as root.
 */
function sshVars(host: InventoryHost, port: number, keyPath: string, knownHostsPath: string): Record<string, unknown> {
  const vars: Record<string, unknown> = {
    transport: 'ssh',
    ssh_host: ADDRESS,
    ssh_port: port,
    ssh_user: 'root',
    ssh_key: keyPath,
    ssh_known_hosts: knownHostsPath,
    // The loopback port stands in for the host's own address: rebind's
    // lock-out check must compare against the address sshd really serves.
    connected_address: simSettings(host).address,
  };
  const aliases: Record<string, unknown> = { ansible_host: ADDRESS, ansible_port: port, ansible_user: 'root', ansible_ssh_private_key_file: keyPath };
  for (const [name, value] of Object.entries(aliases)) if (Object.hasOwn(host.vars, name)) vars[name] = value;
  if (host.vars.become !== undefined && host.vars.become !== false) vars.become = false;
  return vars;
}

export interface SimServeOptions {
  inventory?: string;
  stateDir?: string;
  out?: string;
  /** As typed: commander's parsePositiveInt keeps strings. */
  basePort?: string;
  onceReadyFile?: string;
}

/** Serves until io.signal aborts (SIGINT/SIGTERM), then closes the servers. */
export async function simServeCommand(opts: SimServeOptions, io: CliIo): Promise<ExitCode> {
  const config = await loadRunConfig(io.cwd);
  const stateDir = resolve(io.cwd, opts.stateDir ?? config.stateDir);
  const basePort = opts.basePort === undefined ? undefined : Number(opts.basePort);
  if (basePort !== undefined && basePort > 65535) throw new InputError(`--base-port: expected a port number 1-65535, got ${opts.basePort}`);
  const fleet = await serveSimFleet(inventoryPath(opts.inventory, config, io.cwd), {
    stateDir,
    ...(opts.out !== undefined ? { outDir: resolve(io.cwd, opts.out) } : {}),
    ...(basePort !== undefined ? { basePort } : {}),
  });
  const width = Math.max(...fleet.hosts.map((h) => h.name.length));
  for (const h of fleet.hosts) {
    io.out(`${h.name.padEnd(width)}  ssh -p ${h.port} -i ${quote(fleet.clientKeyPath)} root@${ADDRESS}\n`);
  }
  io.out(`inventory: ${fleet.inventoryPath}\nknown_hosts: ${fleet.knownHostsPath}\n`);
  io.out(`serving ${fleet.hosts.length} simulated hosts; Ctrl-C to stop\n`);
  if (opts.onceReadyFile !== undefined) {
    const ready = { inventory: fleet.inventoryPath, knownHosts: fleet.knownHostsPath, key: fleet.clientKeyPath, hosts: fleet.hosts };
    writeFileSync(resolve(io.cwd, opts.onceReadyFile), `${JSON.stringify(ready)}\n`);
  }
  await untilAborted(io.signal);
  await fleet.close();
  return EXIT.ok;
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) {
      resolve();
      return;
    }
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
