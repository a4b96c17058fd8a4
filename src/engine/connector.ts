/**
 * Picks a transport per host: the simulator for `transport: sim`, SSH
 * otherwise. It lives here, above both, so src/transport never imports
 * src/sim (DESIGN.md §4).
 */
import type { InventoryHost } from '../inventory/types.js';
import type { Transport } from '../transport/transport.js';
import { connectionOf } from '../inventory/connection.js';
import { simSettings } from './sim-settings.js';
import { sshOpener } from './ssh-connect.js';
import type { Connector } from './run.js';

export interface ConnectorOptions {
  stateDir: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  knownHosts?: string;
  hostKeyChecking: 'strict' | 'accept-new';
  /** Asked for an encrypted key's passphrase when none is in the environment. */
  askPassphrase?: (keyFile: string) => Promise<string | undefined>;
}

export function makeConnector(opts: ConnectorOptions): Connector {
  const ssh = sshOpener(opts);
  return {
    async connect(host: InventoryHost): Promise<Transport> {
      const conn = connectionOf(host);
      if (conn.transport === 'sim') {
        // Loaded on first use: a run against real hosts never loads the simulator.
        const [{ openHeldSimHost }, { SimTransport }] = await Promise.all([import('./sim-hosts.js'), import('../sim/transport.js')]);
        // Another jailfleet process on the same state directory is waited for, as a host that is slow to answer.
        const { sim, save, release } = await openHeldSimHost(opts.stateDir, host, opts.connectTimeoutMs);
        const faults = simSettings(host).faults;
        return new SimTransport(sim, { faults, onAfterExec: save, onClose: release });
      }
      return ssh.open(host, conn);
    },
    addressOf(host: InventoryHost): string | undefined {
      if (typeof host.vars.connected_address === 'string') return host.vars.connected_address;
      const conn = connectionOf(host);
      return conn.transport === 'sim' ? simSettings(host).address : conn.address;
    },
    close: () => ssh.close(),
  };
}
