import { stringify } from 'yaml';
import type { CliIo } from '../io.js';
import { loadCheckedInventory, loadRunConfig } from '../load-inputs.js';
import { connectionOf } from '../../inventory/connection.js';
import type { Connection, InventoryHost } from '../../inventory/types.js';
import { simSettings } from '../../engine/sim-settings.js';
import { selectHosts } from '../../engine/run.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { limitProblem, unmatchedPartWarnings } from '../host-patterns.js';

export async function inventoryCommand(opts: { inventory?: string; limit?: string; json?: boolean }, io: CliIo): Promise<ExitCode> {
  const config = await loadRunConfig(io.cwd);
  const inventory = loadCheckedInventory(opts.inventory, config, io.cwd);
  // As apply does: a --limit that matches nothing is bad input, not an empty listing.
  const problem = opts.limit === undefined ? undefined : limitProblem(inventory, opts.limit);
  if (problem) throw problem;
  if (opts.limit !== undefined) for (const w of unmatchedPartWarnings(inventory, opts.limit, `--limit "${opts.limit}"`)) io.err(`warning: ${w}\n`);
  const names = selectHosts(inventory, 'all', opts.limit);
  const hosts = Object.fromEntries(
    names.map((name) => {
      const h = inventory.hosts.get(name)!;
      return [name, { groups: h.groups, connection: shownConnection(h), vars: h.vars }];
    }),
  );
  // As ansible-inventory --limit: a group lists only the selected hosts, not the ones --limit left out.
  const selected = new Set(names);
  const groups = Object.fromEntries(
    [...inventory.groups.values()].map((g) => [g.name, { hosts: g.hosts.filter((h) => selected.has(h)), children: g.children, vars: g.vars }]),
  );
  const view = { file: inventory.file, hosts, groups };
  // Plain YAML: a value shared by several hosts or groups (a group's vars) is written out at each, not as &a1/*a1.
  io.out(opts.json ? JSON.stringify(view, null, 2) + '\n' : stringify(view, { aliasDuplicateObjects: false }));
  return EXIT.ok;
}

/** How the host is reached; a simulated host at the address the simulator gives it (sim.address, else host_ip). */
function shownConnection(host: InventoryHost): Connection {
  const conn = connectionOf(host);
  return conn.transport === 'sim' ? { ...conn, address: simSettings(host).address } : conn;
}
