import { stringify } from 'yaml';
import type { CliIo } from '../io.js';
import { loadRunConfig, inventoryPath } from '../load-inputs.js';
import { loadInventory } from '../../inventory/load-inventory.js';
import { connectionOf } from '../../inventory/connection.js';
import { selectHosts } from '../../engine/run.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { limitProblem } from '../host-patterns.js';

export async function inventoryCommand(opts: { inventory?: string; limit?: string; json?: boolean }, io: CliIo): Promise<ExitCode> {
  const config = await loadRunConfig(io.cwd);
  const inventory = loadInventory(inventoryPath(opts.inventory, config, io.cwd));
  // As apply does: a --limit that matches nothing is bad input, not an empty listing.
  const problem = opts.limit === undefined ? undefined : limitProblem(inventory, opts.limit);
  if (problem) throw problem;
  const names = selectHosts(inventory, 'all', opts.limit);
  const hosts = Object.fromEntries(
    names.map((name) => {
      const h = inventory.hosts.get(name)!;
      return [name, { groups: h.groups, connection: connectionOf(h), vars: h.vars }];
    }),
  );
  const groups = Object.fromEntries(
    [...inventory.groups.values()].map((g) => [g.name, { hosts: g.hosts, children: g.children, vars: g.vars }]),
  );
  const view = { file: inventory.file, hosts, groups };
  io.out(opts.json ? JSON.stringify(view, null, 2) + '\n' : stringify(view));
  return EXIT.ok;
}
