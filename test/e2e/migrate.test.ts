/**
 * Issue 13, jail → jail the tar way, on simulated hosts of inventory/sim.yml
 * that playbooks/site.yml gave each a `www` jail: old1's www moves to new1
 * as www-old1 (new1 has a www of its own), its address 192.0.2.111 with it.
 * The move is a play of migrate tasks on the destination; the engine opens
 * the source's connection. Checked on the hosts themselves: jls, ifconfig,
 * the conf files, rc.conf, the data on both sides.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import type { Inventory, InventoryHost } from '../../src/inventory/types.js';
import { simSettings } from '../../src/engine/sim-settings.js';
import { runPlaybook, type Connector } from '../../src/engine/run.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import type { Playbook } from '../../src/playbook/types.js';
import type { RunEvent } from '../../src/report/events.js';
import { SimHost } from '../../src/sim/host.js';
import type { SimState } from '../../src/sim/types.js';
import { SimTransport, type SimTransportFaults } from '../../src/sim/transport.js';
import { INVENTORY, playbookFrom } from './drift-host.js';
import { convergedPair } from './migrate-faults.js';

type TaskEvent = Extract<RunEvent, { type: 'task' }>;
const HOSTS = ['old1', 'new1'];
const MOVED_IP = '192.0.2.111';

let inventory: Inventory;
/** old1 and new1 after playbooks/site.yml. */
let converged: Map<string, SimState>;

/** Every event of the last run. */
let lastEvents: RunEvent[] = [];

async function run(sims: Map<string, SimHost>, playbook: Playbook, opts: { check?: boolean; faults?: Record<string, SimTransportFaults>; limit?: string } = {}): Promise<TaskEvent[]> {
  const events: RunEvent[] = [];
  lastEvents = events;
  const connector: Connector = {
    connect: async (h: InventoryHost) => new SimTransport(sims.get(h.name)!, opts.faults?.[h.name] ? { faults: opts.faults[h.name]! } : {}),
    addressOf: (h: InventoryHost) => simSettings(h).address,
  };
  await runPlaybook({ playbook, inventory, check: opts.check ?? false, tags: { only: [], skip: [] }, forks: 4, modules: moduleRegistry, connector, sink: { emit: (e) => void events.push(e) }, ...(opts.limit ? { limit: opts.limit } : {}) });
  return events.filter((e): e is TaskEvent => e.type === 'task');
}

const movePlay = (args: Record<string, unknown> = {}): Playbook =>
  playbookFrom([{ name: 'consolidate', hosts: 'new1', tasks: [{ name: 'www from old1', migrate: { jail: 'www', from: 'old1', name: 'www-old1', ...args } }] }], 'move.yml');

const fleet = (): Map<string, SimHost> => new Map(HOSTS.map((h) => [h, new SimHost(h, structuredClone(converged.get(h)!))]));
const sh = (sim: SimHost, cmd: string): string => sim.run(cmd).stdout;
/** The hosts that hold an address. */
const holders = (sims: Map<string, SimHost>, addr: string): string[] => [...sims].filter(([, s]) => sh(s, 'ifconfig -a').includes(`inet ${addr} `)).map(([n]) => n);
const runs = (sim: SimHost, jail: string): boolean => sim.run(`jls -j ${jail} jid`).code === 0;

beforeAll(async () => {
  inventory = loadInventory(INVENTORY);
  converged = await convergedPair('tar');
});

describe('migrate: a jail from old1 to new1 by tar', () => {
  it('moves it: running on new1 with its address, retired on old1 with its data kept; the next run changes nothing', async () => {
    const sims = fleet();
    const old1 = sims.get('old1')!;
    const new1 = sims.get('new1')!;
    old1.run("printf 'user data\\n' > /usr/jails/www/root/notes.txt");
    expect(holders(sims, MOVED_IP)).toEqual(['old1']);

    const [task] = await run(sims, movePlay());
    expect(task).toMatchObject({ status: 'changed', host: 'new1', module: 'migrate' });
    expect(task!.message).toMatch(/^moved jail www from old1 to new1:\/usr\/jails\/www-old1 as www-old1 \(\d+ bytes by tar, verified with mtree; 192\.0\.2\.111 moved from old1 to new1\); downtime \d+ ms$/);

    // Progress of the copy: bytes as they pass, the size the mtree specification gives, a rate.
    const progress = lastEvents.filter((e) => e.type === 'transfer_progress');
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    const bytes = Number(/\((\d+) bytes by tar/.exec(task!.message)![1]);
    expect(last).toMatchObject({ host: 'new1', task: 'www from old1', bytes });
    // The estimate is a real tar stream's size (tar(5) blocks); the simulator's archive container is more compact.
    expect(last.total_bytes).toBeGreaterThanOrEqual(bytes);

    expect(runs(new1, 'www-old1')).toBe(true);
    expect(runs(new1, 'www')).toBe(true);
    expect(runs(old1, 'www')).toBe(false);
    expect(holders(sims, MOVED_IP)).toEqual(['new1']);
    expect(sh(new1, 'cat /usr/jails/www-old1/root/notes.txt')).toBe('user data\n');
    expect(sh(new1, 'sysrc -n jail_list')).toBe('www www-old1\n');
    expect(sh(new1, 'cat /etc/jail.conf.d/www-old1.conf')).toContain("ip4.addr = 'em0|192.0.2.111/32';");
    // The source: no conf, not in jail_list, its data where it was.
    expect(old1.fs.exists('/etc/jail.conf.d/www.conf')).toBe(false);
    expect(sh(old1, 'sysrc -n jail_list')).toBe('\n');
    expect(sh(old1, 'cat /usr/jails/www/root/notes.txt')).toBe('user data\n');
    // Nothing left in staging.
    expect(new1.fs.exists('/usr/jails/www-old1.jailfleet-incoming')).toBe(false);

    const [again] = await run(sims, movePlay());
    expect(again).toMatchObject({ status: 'ok', message: 'jail www-old1 runs on new1; www is retired on old1' });
  });

  it('check mode says what would move and changes nothing on either host', async () => {
    const sims = fleet();
    // Every exec ticks the clock and takes pids; nothing else may move.
    const state = (s: SimHost): string => JSON.stringify({ ...s.state, clock: 0, nextPid: 0 });
    const before = [...sims.values()].map(state);
    const [task] = await run(sims, movePlay(), { check: true });
    expect(task).toMatchObject({ status: 'changed' });
    expect(task!.message).toMatch(/^would move jail www \(old1:\/usr\/jails\/www\) to new1:\/usr\/jails\/www-old1 as www-old1 by tar, about \d+ bytes; address 192\.0\.2\.111 moves from old1 to new1$/);
    // --diff: where the jail runs, who holds the address.
    expect(task!.diffs).toEqual([
      { label: 'jail www on old1', before: 'running\n', after: 'retired (moved to new1 as www-old1; data kept)\n' },
      { label: 'jail www-old1 on new1', before: 'absent\n', after: 'running at /usr/jails/www-old1\n' },
      { label: 'address 192.0.2.111', before: 'old1\n', after: 'new1\n' },
    ]);
    expect([...sims.values()].map(state)).toEqual(before);
  });

  it('rolls back when the start on new1 fails: www runs on old1 again, new1 holds no copy running, its data kept for inspection', async () => {
    const sims = fleet();
    const old1 = sims.get('old1')!;
    const new1 = sims.get('new1')!;
    const [task] = await run(sims, movePlay(), { faults: { new1: { failCommand: [{ match: 'service jail start www-old1', code: 1, stderr: 'boom\n' }] } } });
    expect(task).toMatchObject({ status: 'failed' });
    expect(task!.message).toContain('starting www-old1 on new1 failed');
    expect(task!.message).toContain('rolled back: www runs on old1 again');
    expect(task!.message).toContain("new1's copy kept at /usr/jails/www-old1.rolled-back for inspection");
    expect(runs(old1, 'www')).toBe(true);
    expect(runs(new1, 'www-old1')).toBe(false);
    expect(holders(sims, MOVED_IP)).toEqual(['old1']);
    expect(old1.fs.exists('/etc/jail.conf.d/www.conf')).toBe(true);
    expect(new1.fs.exists('/etc/jail.conf.d/www-old1.conf')).toBe(false);
    expect(new1.fs.exists('/usr/jails/www-old1.rolled-back/etc/rc.conf')).toBe(true);

    // Without the fault, the next run moves it.
    const [retry] = await run(sims, movePlay());
    expect(retry).toMatchObject({ status: 'changed' });
    expect(holders(sims, MOVED_IP)).toEqual(['new1']);
  });

  it('takes a new address (ip:), passes the check command (nc -z on the jail\'s sshd), and with destroy_source deletes the source\'s data only after the cutover', async () => {
    const sims = fleet();
    const old1 = sims.get('old1')!;
    const new1 = sims.get('new1')!;
    const [task] = await run(sims, movePlay({ ip: 'em0|192.0.2.150/32', check: 'nc -z 192.0.2.150 22', destroy_source: true }));
    expect(task).toMatchObject({ status: 'changed' });
    expect(task!.message).toContain('192.0.2.150 moved from old1 to new1');
    expect(holders(sims, '192.0.2.150')).toEqual(['new1']);
    // The old address is gone with the stopped jail: nobody holds it.
    expect(holders(sims, MOVED_IP)).toEqual([]);
    expect(old1.fs.exists('/usr/jails/www')).toBe(false);
    expect(new1.fs.exists('/usr/jails/www-old1/etc/rc.conf')).toBe(true);
  });

  it('rolls back when the check command fails, and keeps the source\'s data even with destroy_source', async () => {
    const sims = fleet();
    const old1 = sims.get('old1')!;
    const [task] = await run(sims, movePlay({ check: 'nc -z 192.0.2.111 81', destroy_source: true }));
    expect(task).toMatchObject({ status: 'failed' });
    expect(task!.message).toContain('verifying www-old1 on new1 failed (the check `nc -z 192.0.2.111 81` exited 1)');
    expect(task!.message).toContain('rolled back: www runs on old1 again');
    expect(runs(old1, 'www')).toBe(true);
    expect(holders(sims, MOVED_IP)).toEqual(['old1']);
    expect(old1.fs.exists('/usr/jails/www/etc/rc.conf')).toBe(true);
  });

  it('skips a move whose when: is false, and one --tags leaves out, as any task', async () => {
    const sims = fleet();
    const play = (extra: Record<string, unknown>): Playbook =>
      playbookFrom([{ hosts: 'new1', tasks: [{ name: 'www from old1', migrate: { jail: 'www', from: 'old1', name: 'www-old1' }, ...extra }] }], 'move.yml');
    const [skipped] = await run(sims, play({ when: 'inventory_hostname == "new2"' }));
    expect(skipped).toMatchObject({ status: 'skipped', message: 'condition false' });
    // register: a later play sees whether the move changed anything.
    const registered = playbookFrom(
      [
        { hosts: 'new1', tasks: [{ name: 'www from old1', migrate: { jail: 'www', from: 'old1', name: 'www-old1' }, register: 'moved' }] },
        { hosts: 'new1', tasks: [{ name: 'after the move', command: { cmd: 'touch /tmp/after-move' }, when: 'moved is changed' }] },
      ],
      'move.yml',
    );
    const moved = fleet();
    const tasks = await run(moved, registered);
    expect(tasks.map((t) => [t.task, t.status])).toEqual([
      ['www from old1', 'changed'],
      ['after the move', 'changed'],
    ]);
    expect(moved.get('new1')!.fs.exists('/tmp/after-move')).toBe(true);
    const events: RunEvent[] = [];
    const connector: Connector = { connect: async (h: InventoryHost) => new SimTransport(sims.get(h.name)!), addressOf: (h: InventoryHost) => simSettings(h).address };
    await runPlaybook({ playbook: play({ tags: ['move'] }), inventory, check: false, tags: { only: ['other'], skip: [] }, forks: 1, modules: moduleRegistry, connector, sink: { emit: (e) => void events.push(e) } });
    expect(events.filter((e) => e.type === 'task')).toEqual([]);
    expect(runs(sims.get('old1')!, 'www')).toBe(true);
  });

  it('runs one move of a jail at a time: a second controller finds the move lock taken and changes nothing', async () => {
    const sims = fleet();
    // Another controller's move of www holds the lock on old1 (a session waiting on its stdin).
    const other = await new SimTransport(sims.get('old1')!).openSession("lockf -k -t 0 /var/run/jailfleet-move.www.lock /bin/sh -c 'printf \"%s\\n\" M; printf \"%s\\n\" M >&2; read x'");
    expect(await other.readUntil('M')).toEqual({ stdout: 'M\n', stderr: 'M\n' });
    const [task] = await run(sims, movePlay());
    expect(task).toMatchObject({ status: 'failed', message: 'another move of www runs on old1; nothing was changed' });
    expect(runs(sims.get('old1')!, 'www')).toBe(true);
    // Once it is done, the move goes ahead.
    await other.finish('');
    const [moved] = await run(sims, movePlay());
    expect(moved).toMatchObject({ status: 'changed' });
  });

  it('refuses before stopping anything when the destination name is taken', async () => {
    const sims = fleet();
    const [task] = await run(sims, playbookFrom([{ hosts: 'new1', tasks: [{ migrate: { jail: 'www', from: 'old1' } }] }], 'move.yml'));
    expect(task).toMatchObject({ status: 'failed', message: 'old1:www → new1:www: a jail www already runs on new1; give the move another name (name:)' });
    expect(runs(sims.get('old1')!, 'www')).toBe(true);
  });
});
