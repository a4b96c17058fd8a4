/**
 * A fixed amount of simulator work for counting instructions (callgrind),
 * which, unlike wall or CPU time, does not move with this VM's neighbours:
 * `playbooks/site.yml` on N fresh in-process simulated hosts converging, then
 * `--reruns` no-change runs. Prints nothing; run it under valgrind:
 *
 *   npx tsc -p tsconfig.bench.json
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
 *     node --single-threaded --hash-seed=1 --random-seed=1 dist-bench/bench/sim-count.js --hosts 40 --reruns 3
 *
 * and read "Collected : N" (instructions). Two runs of one build still differ
 * by up to about 0.6 % (V8's heap growth follows elapsed time). Two builds compare by running both
 * at the same --hosts; start-up and compilation are a fixed part of the count,
 * so the per-host cost is the difference between two --hosts values / their
 * difference.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadInventory } from '../src/inventory/load-inventory.js';
import { moduleRegistry } from '../src/modules/registry.js';
import { loadPlaybook } from '../src/playbook/load-playbook.js';
import { cloneInventory } from './fleet-inventory.js';
import { simFleet } from './sim-fleet.js';
import { BENCH_DIR, runWorkload } from './workload.js';

const REPO = join(BENCH_DIR, '..');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { hosts: { type: 'string', default: '40' }, reruns: { type: 'string', default: '0' } } });
  const playbook = loadPlaybook(join(REPO, 'playbooks', 'site.yml'), moduleRegistry);
  const inventory = cloneInventory(loadInventory(join(REPO, 'inventory', 'sim.yml')), Number(values.hosts));
  const fleet = simFleet();
  const runs = [await runWorkload(playbook, inventory, fleet.connector, 25)];
  for (let i = 0; i < Number(values.reruns); i++) runs.push(await runWorkload(playbook, inventory, fleet.connector, 25));
  // A run that failed somewhere counted other work: say so.
  const failed = runs.some((r) => Object.values(r.hosts).some((h) => h.failed > 0 || h.unreachable > 0));
  if (failed) process.stderr.write('sim-count: a host failed\n');
  return failed ? 1 : 0;
}

process.exitCode = await main();
