/**
 * In-process simulated FreeBSD hosts for the benchmarks: a Connector that
 * builds SimTransports on fresh hosts kept in memory (no state files), so a
 * second run sees what the first one left.
 */
import type { Connector } from '../src/engine/run.js';
import { simSettings } from '../src/engine/sim-hosts.js';
import type { InventoryHost } from '../src/inventory/types.js';
import { SimHost } from '../src/sim/host.js';
import { freshHostState } from '../src/sim/seed.js';
import { SimTransport } from '../src/sim/transport.js';
import type { Transport } from '../src/transport/transport.js';

export interface SimFleet {
  connector: Connector;
  hosts: Map<string, SimHost>;
}

export interface SimFleetOptions {
  /** Wrap each host's transport (e.g. to record a transcript). */
  wrap?: (transport: Transport) => Transport;
}

export function newSimHost(host: InventoryHost): SimHost {
  const s = simSettings(host);
  return new SimHost(host.name, freshHostState(s));
}

export function simFleet(options: SimFleetOptions = {}): SimFleet {
  const hosts = new Map<string, SimHost>();
  const connector: Connector = {
    async connect(host) {
      let sim = hosts.get(host.name);
      if (!sim) {
        sim = newSimHost(host);
        hosts.set(host.name, sim);
      }
      const transport = new SimTransport(sim);
      return options.wrap ? options.wrap(transport) : transport;
    },
    addressOf: (host) => simSettings(host).address,
  };
  return { connector, hosts };
}
