/**
 * `transport: sim` hosts: a simulated FreeBSD host per inventory host, its
 * state kept in one JSON file under the state directory so a user can run a
 * playbook, run it again, and inspect the result (`jailfleet sim exec`).
 */
import { mkdirSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InventoryHost } from '../inventory/types.js';
import { SimHost } from '../sim/host.js';
import { freshHostState } from '../sim/seed.js';
import { loadState, saveState } from '../sim/state-file.js';
import type { SimState } from '../sim/types.js';
import { InputError } from '../errors.js';
import { normalizeSimFaults } from '../sim/faults.js';
import type { SimTransportFaults } from '../sim/transport.js';

export interface SimSettings {
  address: string;
  hostname: string;
  release?: string;
  /** Normalised from the inventory's snake_case `sim.faults` (validated: an InputError names the host). */
  faults?: SimTransportFaults;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** What the inventory says about a simulated host (`sim:` map, else host_ip). */
export function simSettings(host: InventoryHost): SimSettings {
  const sim = (host.vars.sim ?? {}) as Record<string, unknown>;
  const candidates = [sim.address, host.vars.host_ip, host.vars.ssh_host, host.vars.ansible_host];
  const address = candidates.find((c): c is string => typeof c === 'string' && IPV4.test(c));
  if (!address) {
    throw new InputError(`host ${host.name}: a sim host needs an IPv4 address in sim.address or host_ip`, host.pos);
  }
  return {
    address,
    hostname: typeof sim.hostname === 'string' ? sim.hostname : host.name,
    release: typeof sim.release === 'string' ? sim.release : undefined,
    faults: normalizeSimFaults(host.name, sim.faults, host.varPos?.sim ?? host.pos),
  };
}

export function simStatePath(stateDir: string, hostName: string): string {
  return join(stateDir, 'sim', `${hostName}.json`);
}

/** Load a simulated host from its state file, or build a fresh FreeBSD host. */
export function openSimHost(stateDir: string, host: InventoryHost): { sim: SimHost; save(): void } {
  const path = simStatePath(stateDir, host.name);
  const settings = simSettings(host);
  const state: SimState =
    loadState(path) ?? freshHostState({ hostname: settings.hostname, address: settings.address, release: settings.release });
  const sim = new SimHost(host.name, state);
  return {
    sim,
    save() {
      mkdirSync(join(stateDir, 'sim'), { recursive: true });
      saveState(path, sim.state);
    },
  };
}

/** Forget simulated hosts (all, or the named ones): the next run starts fresh. */
export function resetSimHosts(stateDir: string, names?: string[]): string[] {
  const dir = join(stateDir, 'sim');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const chosen = names?.length ? files.filter((f) => names.includes(f.slice(0, -'.json'.length))) : files;
  for (const f of chosen) rmSync(join(dir, f));
  return chosen.map((f) => f.slice(0, -'.json'.length));
}
