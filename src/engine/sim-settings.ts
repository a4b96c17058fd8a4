/**
 * What the inventory says about a simulated host. Kept apart from
 * sim-hosts.ts so that reading it does not load the simulator.
 */
import type { InventoryHost } from '../inventory/types.js';
import { InputError } from '../errors.js';
import { normalizeSimFaults } from '../sim/faults.js';
import type { SimTransportFaults } from '../sim/transport.js';

export interface SimSettings {
  address: string;
  hostname: string;
  release?: string;
  /** A ZFS pool (`sim: { zpool: true }`): zroot, with zroot/jails at /usr/jails. */
  zpool?: boolean;
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
    zpool: sim.zpool === true,
    faults: normalizeSimFaults(host.name, sim.faults, host.varPos?.sim ?? host.pos),
  };
}
