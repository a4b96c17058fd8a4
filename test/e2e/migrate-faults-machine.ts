/**
 * Issue 13, the fault matrix of a machine move: old2, a machine with its
 * own web server (playbooks/old-web-server.yml), becomes jail old2 on new1 taking
 * over old2's address (consolidate.yml's third play), with a fault at every
 * command of the move, on the source and on the destination: the
 * connection drops after command k, or command k fails. Then the move runs
 * again without the fault.
 *
 * Right after the faulty run, never two: the site is served by at most one
 * of old2's nginx and the jail, and old2's address is on at most one host.
 * After the rerun: the jail serves it, old2 does not, the address is on
 * new1 alone, old2's data is all there, and a further run changes nothing.
 * The rerun runs once per distinct pair of hosts the faults leave.
 */
import { loadInventory } from '../../src/inventory/load-inventory.js';
import type { Inventory } from '../../src/inventory/types.js';
import { simSettings } from '../../src/engine/sim-settings.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import type { SimState } from '../../src/sim/types.js';
import { INVENTORY, playbookFrom, playsOf } from './drift-host.js';
import { describeMatrix, holdersOf, run, sh, type MoveMatrix } from './migrate-faults.js';

const HOSTS = ['old2', 'new1'] as const;
const ADDR = '192.0.2.12';
const PAGE = '<h1>old2</h1>\n';

const inventory: Inventory = loadInventory(INVENTORY);
const consolidate = playsOf('playbooks/consolidate.yml') as Array<{ tasks: Array<{ migrate: { machine?: boolean } }> }>;
const move = playbookFrom(consolidate.filter((p) => p.tasks.some((t) => t.migrate.machine)), 'consolidate.yml');

/** old2 and new1 after site.yml and old-web-server.yml (new1 with its pool, as the inventory says). */
export async function machinePair(): Promise<Map<string, SimState>> {
  const sims = new Map(HOSTS.map((h) => [h, new SimHost(h, freshHostState(simSettings(inventory.hosts.get(h)!)))] as const));
  await run(sims, playbookFrom([...playsOf('playbooks/site.yml'), ...playsOf('playbooks/old-web-server.yml')], 'site.yml'));
  return new Map([...sims].map(([h, s]) => [h, s.state]));
}

/** Who serves the site: nginx on old2 itself, and the jail on new1. */
const servers = (sims: Map<string, SimHost>): string[] => [
  ...(sh(sims.get('old2')!, 'service nginx onestatus').code === 0 ? ['old2:nginx'] : []),
  ...(sh(sims.get('new1')!, 'jls -j old2 jid').code === 0 ? ['new1:old2'] : []),
];

const matrix: MoveMatrix = {
  title: 'old2 into a jail on new1',
  hosts: HOSTS,
  move,
  afterFault(sims) {
    const problems: string[] = [];
    if (servers(sims).length > 1) problems.push(`after the fault, two serve the site: ${servers(sims).join(', ')}`);
    if (holdersOf(sims, ADDR).length > 1) problems.push(`after the fault, ${ADDR} on ${holdersOf(sims, ADDR).join(' and ')}`);
    return problems;
  },
  afterRerun(sims) {
    const problems: string[] = [];
    if (JSON.stringify(servers(sims)) !== JSON.stringify(['new1:old2'])) problems.push(`after the rerun, the site is served by: ${servers(sims).join(', ') || 'none'}`);
    if (JSON.stringify(holdersOf(sims, ADDR)) !== JSON.stringify(['new1'])) problems.push(`after the rerun, ${ADDR} on: ${holdersOf(sims, ADDR).join(', ') || 'no host'}`);
    if (sh(sims.get('old2')!, 'cat /usr/local/www/data/index.html').stdout !== PAGE) problems.push("the source's data is gone");
    if (sh(sims.get('new1')!, 'cat /usr/jails/old2/usr/local/www/data/index.html').stdout !== PAGE) problems.push('the jail lacks the data');
    const bob = sh(sims.get('new1')!, 'pw -R /usr/jails/old2 usershow bob');
    if (bob.code !== 0) problems.push(`the jail lacks the users: ${JSON.stringify(bob)}`);
    return problems;
  },
};

/** The matrix on one side; each side is its own test file, so that they run side by side. */
export async function describeMachineFaults(side: (typeof HOSTS)[number]): Promise<void> {
  await describeMatrix(matrix, await machinePair(), side, side === 'old2' ? 'source' : 'destination');
}
