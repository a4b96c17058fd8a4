/**
 * Issue 13, the move's fault matrix: old1's www moves to new1 as www-old1
 * (migrate.test.ts), with a fault at every command of the move — every
 * one — on the source and on the destination: the connection drops after
 * command k, or command k fails. Then the move runs again without the fault.
 *
 * Right after the faulty run, never two: at most one running copy of the
 * jail, at most one host holding its address. After the rerun: exactly one
 * running copy (on new1), the address on exactly one host (new1), the
 * source's data all there, and a further run changes nothing.
 *
 * Many faults leave the very same pair of hosts (a failed read, a drop
 * before anything changed): the rerun runs once per distinct pair.
 * The tar way and the ZFS way (each www on its own dataset), each on the
 * source and on the destination: migrate-faults-{tar,zfs}-{source,destination}.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import type { Inventory, InventoryHost } from '../../src/inventory/types.js';
import { simSettings } from '../../src/engine/sim-settings.js';
import { runPlaybook, type Connector } from '../../src/engine/run.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import type { RunEvent } from '../../src/report/events.js';
import { SimHost } from '../../src/sim/host.js';
import type { SimState } from '../../src/sim/types.js';
import { SimTransport, type SimTransportFaults } from '../../src/sim/transport.js';
import type { Playbook } from '../../src/playbook/types.js';
import { INVENTORY, playbookFrom, playsOf } from './drift-host.js';
import { simHost } from '../helpers/sim-host.js';
import { cloneState } from '../helpers/clone-state.js';
import { stateFingerprint } from '../helpers/state-fingerprint.js';

type TaskEvent = Extract<RunEvent, { type: 'task' }>;
const HOSTS = ['old1', 'new1'] as const;
const ADDR = '192.0.2.111';
const NOTES = '/usr/jails/www/root/notes.txt';

const inventory: Inventory = loadInventory(INVENTORY);
const move = playbookFrom([{ hosts: 'new1', tasks: [{ name: 'www from old1', migrate: { jail: 'www', from: 'old1', name: 'www-old1' } }] }], 'move.yml');

/** One engine run of `playbook` against simulated old1 and new1 of inventory/sim.yml, with faults per host; its task events. */
export async function run(sims: Map<string, SimHost>, playbook = move, faults: Record<string, SimTransportFaults> = {}): Promise<TaskEvent[]> {
  const events: RunEvent[] = [];
  const connector: Connector = {
    connect: async (h: InventoryHost) => new SimTransport(sims.get(h.name)!, faults[h.name] ? { faults: faults[h.name]! } : {}),
    addressOf: (h: InventoryHost) => simSettings(h).address,
  };
  await runPlaybook({ playbook, inventory, check: false, tags: { only: [], skip: [] }, forks: 4, modules: moduleRegistry, connector, sink: { emit: (e) => void events.push(e) } });
  return events.filter((e): e is TaskEvent => e.type === 'task');
}

/**
 * old1 and new1 after site.yml, a user's file in old1's jail: for `zfs`
 * each with a pool (sim zpool) and each www on its own dataset; for `tar`
 * neither, whatever the inventory says.
 */
export async function convergedPair(way: Way): Promise<Map<string, SimState>> {
  const sims = new Map(
    HOSTS.map((h) => {
      const s = simSettings(inventory.hosts.get(h)!);
      return [h, simHost(h, { ...s, zpool: way === 'zfs' })] as const;
    }),
  );
  const [play] = playsOf('playbooks/site.yml') as Array<{ tasks: Array<Record<string, Record<string, unknown>>> } & Record<string, unknown>>;
  const onDataset = (jail: Record<string, unknown>): Record<string, unknown> => {
    const { dataset: _given, ...rest } = jail;
    return way === 'zfs' ? { ...rest, dataset: 'zroot/jails/{{ jail_name }}' } : rest;
  };
  const tasks = play!.tasks.map((t) => (t.jail ? { ...t, jail: onDataset(t.jail) } : t));
  await run(sims, playbookFrom([{ ...play, tasks }], 'site.yml'));
  sims.get('old1')!.run(`printf 'user data\\n' > ${NOTES}`);
  return new Map([...sims].map(([h, s]) => [h, s.state]));
}

const fleet = (from: Map<string, SimState>): Map<string, SimHost> => new Map([...from].map(([h, s]) => [h, new SimHost(h, cloneState(s))]));

/** One move's fault matrix: what it runs, and what must hold after a faulty run and after the rerun. */
export interface MoveMatrix {
  /** "moving www from old1 to new1 by tar" */
  title: string;
  hosts: readonly string[];
  move: Playbook;
  /** Never two, right after the faulty run: the problems. */
  afterFault(sims: Map<string, SimHost>): string[];
  /** After the rerun: the problems (the rerun's own failure and the next run's changes are checked here). */
  afterRerun(sims: Map<string, SimHost>): string[];
}

/** The commands of an uncut move on each side. */
async function commandsOf(m: MoveMatrix, start: Map<string, SimState>): Promise<Record<string, string[]>> {
  const sims = fleet(start);
  const seen: Record<string, string[]> = Object.fromEntries(m.hosts.map((h) => [h, []]));
  for (const [h, s] of sims) s.trace = (argv) => seen[h]!.push(argv.join(' '));
  const [task] = await run(sims, m.move);
  if (task?.status !== 'changed') throw new Error(`the uncut move did not move: ${JSON.stringify(task)}`);
  return seen;
}

/** Problems of the pair a faulty run left, and of the rerun from there (memoised per distinct pair). */
async function afterFault(m: MoveMatrix, start: Map<string, SimState>, verdicts: Map<string, Promise<string[]>>, faults: Record<string, SimTransportFaults>): Promise<string[]> {
  const sims = fleet(start);
  await run(sims, m.move, faults);
  const problems = m.afterFault(sims);
  const key = [...sims].map(([host, s]) => stateFingerprint(start.get(host)!, s.state, ['clock', 'nextPid'])).join('\n');
  let verdict = verdicts.get(key);
  if (!verdict) {
    verdict = rerun(m, sims);
    verdicts.set(key, verdict);
  }
  return [...problems, ...(await verdict)];
}

async function rerun(m: MoveMatrix, sims: Map<string, SimHost>): Promise<string[]> {
  const problems: string[] = [];
  const [task] = await run(sims, m.move);
  if (!task || task.status === 'failed') problems.push(`the rerun failed: ${task?.message}`);
  problems.push(...m.afterRerun(sims));
  const [again] = await run(sims, m.move);
  if (again?.status !== 'ok') problems.push(`the run after the rerun: ${again?.status}: ${again?.message}`);
  return problems;
}

const short = (cmd: string): string => (cmd.length > 80 ? `${cmd.slice(0, 77)}...` : cmd);

/** The matrix of one move on one side (`role` names it): a drop after each of its commands, and each of them failing. */
export async function describeMatrix(m: MoveMatrix, start: Map<string, SimState>, side: string, role: string): Promise<void> {
  const list = (await commandsOf(m, start))[side]!;
  const verdicts = new Map<string, Promise<string[]>>();
  beforeAll(() => {
    expect(list.length).toBeGreaterThan(10);
  });
  describe(`${m.title}: on the ${role} (${side}), the connection drops after each of its ${list.length} commands`, () => {
    for (let k = 0; k < list.length; k++) {
      it(`drop after command ${k}/${list.length}${k ? `: ${short(list[k - 1]!)}` : ' (before the first)'}`, async () => {
        expect(await afterFault(m, start, verdicts, { [side]: { dropAfterTotalCommands: k } })).toEqual([]);
      });
    }
  });
  describe(`${m.title}: on the ${role} (${side}), each of its ${list.length} commands fails`, () => {
    for (let k = 1; k <= list.length; k++) {
      it(`command ${k}/${list.length} fails: ${short(list[k - 1]!)}`, async () => {
        expect(await afterFault(m, start, verdicts, { [side]: { failTotalCommand: k } })).toEqual([]);
      });
    }
  });
}

export const sh = (sim: SimHost, cmd: string): { stdout: string; code: number } => sim.run(cmd);

/** The hosts of `sims` whose interfaces hold `addr`. */
export const holdersOf = (sims: Map<string, SimHost>, addr: string): string[] => [...sims].filter(([, s]) => sh(s, 'ifconfig -a').stdout.includes(`inet ${addr} `)).map(([n]) => n);

const copies = (sims: Map<string, SimHost>): string[] => [
  ...(sh(sims.get('old1')!, 'jls -j www jid').code === 0 ? ['old1:www'] : []),
  ...(sh(sims.get('new1')!, 'jls -j www-old1 jid').code === 0 ? ['new1:www-old1'] : []),
];

export type Way = 'tar' | 'zfs';

/** The matrix of one way of moving on one side; each is its own test file, so that they run side by side. */
export async function describeMoveFaults(way: Way, side: (typeof HOSTS)[number]): Promise<void> {
  const matrix: MoveMatrix = {
    title: `moving www from old1 to new1 by ${way}`,
    hosts: HOSTS,
    move,
    afterFault(sims) {
      const problems: string[] = [];
      if (copies(sims).length > 1) problems.push(`after the fault, two running copies: ${copies(sims).join(', ')}`);
      if (holdersOf(sims, ADDR).length > 1) problems.push(`after the fault, ${ADDR} on ${holdersOf(sims, ADDR).join(' and ')}`);
      return problems;
    },
    afterRerun(sims) {
      const problems: string[] = [];
      if (JSON.stringify(copies(sims)) !== JSON.stringify(['new1:www-old1'])) problems.push(`after the rerun, running copies: ${copies(sims).join(', ') || 'none'}`);
      if (JSON.stringify(holdersOf(sims, ADDR)) !== JSON.stringify(['new1'])) problems.push(`after the rerun, ${ADDR} on: ${holdersOf(sims, ADDR).join(', ') || 'no host'}`);
      if (sh(sims.get('old1')!, `cat ${NOTES}`).stdout !== 'user data\n') problems.push("the source's data is gone");
      if (sh(sims.get('new1')!, 'cat /usr/jails/www-old1/root/notes.txt').stdout !== 'user data\n') problems.push('the moved jail lacks the data');
      return problems;
    },
  };
  await describeMatrix(matrix, await convergedPair(way), side, side === 'old1' ? 'source' : 'destination');
}
