/**
 * Issue 13, jail → jail the ZFS way: old1 and new1 each have a pool with
 * zroot/jails mounted at /usr/jails, and playbooks/site.yml's jail task puts
 * each www on its own dataset (dataset: zroot/jails/www). old1's www moves
 * to new1 as www-old1: zfs send of all of it while it runs, then only what
 * changed while it is stopped (zfs-send(8) -i), received with -s -u into
 * zroot/jails/www-old1 (zfs-receive(8)). The downtime's share of the data
 * does not grow with the jail's size.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Playbook } from '../../src/playbook/types.js';
import { SimHost } from '../../src/sim/host.js';
import type { SimState } from '../../src/sim/types.js';
import { playbookFrom } from './drift-host.js';
import { convergedPair, run } from './migrate-faults.js';

const HOSTS = ['old1', 'new1'];
let converged: Map<string, SimState>;

const movePlay = (args: Record<string, unknown> = {}): Playbook =>
  playbookFrom([{ hosts: 'new1', tasks: [{ name: 'www from old1', migrate: { jail: 'www', from: 'old1', name: 'www-old1', ...args } }] }], 'move.yml');
const fleet = (): Map<string, SimHost> => new Map(HOSTS.map((h) => [h, new SimHost(h, structuredClone(converged.get(h)!))]));
const sh = (sim: SimHost, cmd: string): string => sim.run(cmd).stdout;

beforeAll(async () => {
  converged = await convergedPair('zfs');
  expect(sh(new SimHost('old1', structuredClone(converged.get('old1')!)), 'zfs list -H -o name,mountpoint zroot/jails/www')).toBe('zroot/jails/www\t/usr/jails/www\n');
});

describe('migrate by ZFS', () => {
  it('sends all of it while the jail runs, then only what changed; runs on new1 from its own dataset; the next run changes nothing', async () => {
    const sims = fleet();
    const old1 = sims.get('old1')!;
    const new1 = sims.get('new1')!;
    old1.run("printf 'user data\\n' > /usr/jails/www/root/notes.txt");
    const [task] = await run(sims, movePlay());
    expect(task).toMatchObject({ status: 'changed' });
    expect(task!.message).toMatch(/^moved jail www from old1 to new1:\/usr\/jails\/www-old1 as www-old1 \(\d+ bytes by zfs send, \d+ of them while stopped, verified with mtree; 192\.0\.2\.111 moved from old1 to new1\); downtime \d+ ms$/);
    expect(sh(new1, 'zfs list -H -o name,mountpoint zroot/jails/www-old1')).toBe('zroot/jails/www-old1\t/usr/jails/www-old1\n');
    expect(sh(new1, 'zfs list -H -o name -t snapshot -r zroot/jails/www-old1')).toBe('zroot/jails/www-old1@jailfleet-move-1\nzroot/jails/www-old1@jailfleet-move-2\n');
    expect(sh(new1, 'cat /usr/jails/www-old1/root/notes.txt')).toBe('user data\n');
    expect(new1.run('jls -j www-old1 jid').code).toBe(0);
    expect(old1.run('jls -j www jid').code).not.toBe(0);
    expect(sh(new1, 'ifconfig em0')).toContain('inet 192.0.2.111 ');
    expect(sh(old1, 'ifconfig em0')).not.toContain('192.0.2.111');
    // The source keeps its dataset, and the last common snapshot.
    expect(sh(old1, 'zfs list -H -o name -t snapshot zroot/jails/www@jailfleet-move-2')).toBe('zroot/jails/www@jailfleet-move-2\n');

    const [again] = await run(sims, movePlay());
    expect(again).toMatchObject({ status: 'ok' });
  });

  it('the data sent while stopped does not grow with the jail: a 30 MB jail sends as little as a small one once stopped', async () => {
    const whileStopped = async (extraMb: number): Promise<number> => {
      const sims = fleet();
      if (extraMb) sims.get('old1')!.run(`head -c ${extraMb * 1_000_000} /dev/zero > /usr/jails/www/var/big.bin`);
      const [task] = await run(sims, movePlay());
      const m = /\((\d+) bytes by zfs send, (\d+) of them while stopped/.exec(task!.message);
      expect(m, task!.message).not.toBeNull();
      if (extraMb) expect(Number(m![1])).toBeGreaterThan(extraMb * 1_000_000);
      return Number(m![2]);
    };
    const small = await whileStopped(0);
    const large = await whileStopped(30);
    expect(large).toBe(small);
  });

  it('resumes a full copy cut by a dropped connection with zfs send -t, and nothing was stopped meanwhile', async () => {
    const sims = fleet();
    const old1 = sims.get('old1')!;
    const new1 = sims.get('new1')!;
    old1.run('head -c 3000000 /dev/zero > /usr/jails/www/var/big.bin');
    // new1 receives part of the stream, then the connection drops.
    const [cut] = await run(sims, movePlay(), { new1: { dropAfterInputBytes: 1_000_000 } });
    expect(cut?.status ?? 'unreachable').not.toBe('changed');
    expect(old1.run('jls -j www jid').code).toBe(0);
    expect(sh(new1, 'zfs get -H -o value receive_resume_token zroot/jails/www-old1')).toMatch(/^1-[0-9a-f]+/);

    const [resumed] = await run(sims, movePlay());
    expect(resumed).toMatchObject({ status: 'changed' });
    expect(sh(new1, 'sha256 -q /usr/jails/www-old1/var/big.bin')).toBe(sh(old1, 'sha256 -q /usr/jails/www/var/big.bin'));
    expect(new1.run('jls -j www-old1 jid').code).toBe(0);
  });

  it('rolls back a failed start: www runs on old1 again; new1 keeps the dataset, unmounted; the next run finishes the move', async () => {
    const sims = fleet();
    const old1 = sims.get('old1')!;
    const new1 = sims.get('new1')!;
    const [task] = await run(sims, movePlay(), { new1: { failCommand: [{ match: 'service jail start www-old1', code: 1 }] } });
    expect(task).toMatchObject({ status: 'failed' });
    expect(task!.message).toContain("rolled back: www runs on old1 again; new1's copy kept at dataset zroot/jails/www-old1 (unmounted) for inspection");
    expect(old1.run('jls -j www jid').code).toBe(0);
    expect(sh(new1, 'zfs get -H -o value mounted zroot/jails/www-old1')).toBe('no\n');

    const [retry] = await run(sims, movePlay());
    expect(retry, retry?.message).toMatchObject({ status: 'changed' });
    expect(new1.run('jls -j www-old1 jid').code).toBe(0);
  });
});
