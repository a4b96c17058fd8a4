import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectionOf } from '../../src/inventory/connection.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { buildSshOptions } from '../../src/transport/ssh-config.js';
import { SshTransport, type SshOptions } from '../../src/transport/ssh.js';

export const FLEET_INVENTORY = `# two simulated hosts and one real one that must stay as it is
all:
  vars:
    jail_name: www
    # Both spellings and become: the served hosts must still be reached as root, without sudo.
    ansible_user: admin
    become: sudo
  children:
    old:
      vars:
        transport: sim
      hosts:
        old1:
          host_ip: 192.0.2.11
        old2:
          host_ip: 192.0.2.12
    real:
      hosts:
        far1:
          ssh_host: 198.51.100.7
          ssh_user: admin
`;

export async function writeInventory(dir: string, text: string = FLEET_INVENTORY): Promise<string> {
  const file = join(dir, 'sim.yml');
  await writeFile(file, text);
  return file;
}

/** Options exactly as a run would build them from the written inventory (no ~/.ssh/config, no agent). */
export function sshOptionsFor(inventoryPath: string, hostName: string, extra: Partial<SshOptions> = {}): SshOptions {
  const host = loadInventory(inventoryPath).hosts.get(hostName);
  if (!host) throw new Error(`no host ${hostName} in ${inventoryPath}`);
  return { ...buildSshOptions(connectionOf(host), hostName, { configText: '', agent: '', retries: 0 }), ...extra };
}

export function connectTo(inventoryPath: string, hostName: string, extra: Partial<SshOptions> = {}): Promise<SshTransport> {
  return SshTransport.connect(sshOptionsFor(inventoryPath, hostName, extra));
}
