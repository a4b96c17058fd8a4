import type { Connection, InventoryHost } from '../inventory/types.js';
import type { Transport } from '../transport/transport.js';
import type { LoadedKey } from '../transport/ssh.js';
import { buildSshOptions, type BuildSshOptionsInput } from '../transport/ssh-config.js';
import { JumpPool, hopOptionsFrom, openWithJumps } from '../transport/jump-pool.js';
import { passphraseFromEnv } from '../transport/passphrase.js';
import { becomePasswordFromEnv } from '../transport/become.js';
import type { ConnectorOptions } from './connector.js';

/**
 * Real SSH connections for a run: inventory vars over ~/.ssh/config, one
 * shared bastion connection per ProxyJump spec.
 */
export function sshOpener(opts: ConnectorOptions): { open(host: InventoryHost, conn: Connection): Promise<Transport>; close(): Promise<void> } {
  const input: BuildSshOptionsInput = {
    knownHostsFile: opts.knownHosts,
    hostKeyChecking: opts.hostKeyChecking,
    connectTimeoutMs: opts.connectTimeoutMs,
    commandTimeoutMs: opts.commandTimeoutMs,
    passphrase: passphraseFromEnv(),
    becomePassword: becomePasswordFromEnv(),
  };
  const pool = new JumpPool(hopOptionsFrom(input, opts.hostKeyChecking, opts.knownHosts));
  // One read and parse of each key file for the run's hosts, not one per connection.
  const keyLoads = new Map<string, Promise<LoadedKey>>();
  return {
    open: (host, conn) => {
      const options = { ...buildSshOptions(conn, host.name, input), keyLoads };
      return openWithJumps(opts.askPassphrase ? { ...options, askPassphrase: opts.askPassphrase } : options, pool);
    },
    close: () => pool.closeAll(),
  };
}
