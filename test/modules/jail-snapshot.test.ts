/**
 * jail_snapshot (issue 18) applied by the engine on a simulated FreeBSD host
 * with a `zroot` pool and a jail on its own dataset. Expected behaviour is
 * zfs(8)'s: zfs-snapshot(8) records the dataset's files, zfs-list(8) with
 * `-t snapshot -d 1` lists a dataset's snapshots by creation, zfs-destroy(8)
 * removes one, zfs-rollback(8) puts the files back and with -r destroys the
 * snapshots taken after it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { allCommands } from '../../src/sim/commands/index.js';
import type { SimHost } from '../../src/sim/host.js';
import type { SimCommand } from '../../src/sim/types.js';
import { inputErrorOf } from '../helpers/input-error.js';
import { simHost } from '../helpers/sim-host.js';
import { parseTask, runOn, stateOf } from './engine-sim.js';

const DS = 'zroot/jails/www';
const jail = { name: 'www jail', jail: { name: 'www', ip4: 'em0|192.0.2.80/32', release: '14.2-RELEASE', dataset: DS } };
const snap = (name: string, state?: string) => ({ name: `snapshot ${name}`, jail_snapshot: { jail: 'www', dataset: DS, name, ...(state ? { state } : {}) } });

let sim: SimHost;
const sh = (script: string) => sim.run(script);
const snapshots = () => sh(`zfs list -H -t snapshot -o name -d 1 ${DS}`).stdout;
const jid = () => sh('jls -j www jid').stdout;

beforeEach(async () => {
  sim = simHost('h1', { address: '192.0.2.41', zpool: true });
  const { tasks } = await runOn(sim, [jail]);
  expect(tasks[0]!.status).toBe('changed');
});

describe('jail_snapshot: present and absent', () => {
  it('check reports the snapshot and takes none', async () => {
    const before = stateOf(sim);
    const { tasks, sent } = await runOn(sim, [snap('before')], true);
    expect(tasks.map((t) => [t.status, t.message])).toEqual([['changed', 'zroot/jails/www@before taken']]);
    expect(sent).toEqual([]);
    expect(stateOf(sim)).toEqual(before);
  });

  it('takes the snapshot once; the second run sends nothing', async () => {
    const { tasks } = await runOn(sim, [snap('before')]);
    expect(tasks[0]).toMatchObject({ status: 'changed', diffs: [{ label: 'zfs zroot/jails/www@before', before: 'absent\n', after: 'present\n' }] });
    expect(snapshots()).toBe('zroot/jails/www@before\n');
    const again = await runOn(sim, [snap('before')]);
    expect(again.tasks.map((t) => [t.status, t.message])).toEqual([['ok', 'zroot/jails/www@before exists']]);
    expect(again.sent).toEqual([]);
  });

  it('destroys the snapshot, and only it; the second run sends nothing', async () => {
    expect(sh(`zfs snapshot ${DS}@a && zfs snapshot ${DS}@b`).code).toBe(0);
    const { tasks } = await runOn(sim, [snap('a', 'absent')]);
    expect(tasks[0]).toMatchObject({ status: 'changed', message: 'zroot/jails/www@a destroyed', diffs: [{ before: 'present\n', after: 'absent\n' }] });
    expect(snapshots()).toBe('zroot/jails/www@b\n');
    const again = await runOn(sim, [snap('a', 'absent')]);
    expect(again.tasks.map((t) => t.status)).toEqual(['ok']);
    expect(again.sent).toEqual([]);
  });

  it('a later task sees the predicted snapshots without reading them again', async () => {
    const { tasks } = await runOn(sim, [snap('x'), snap('x'), snap('x', 'absent'), snap('x', 'absent')]);
    expect(tasks.map((t) => t.status)).toEqual(['changed', 'ok', 'changed', 'ok']);
    expect(snapshots()).toBe('');
  });
});

describe('jail_snapshot: rolled_back', () => {
  it('stops the jail, rolls the dataset back (the file written since is gone), starts the jail again', async () => {
    expect((await runOn(sim, [snap('clean')])).tasks[0]!.status).toBe('changed');
    expect(sh('echo junk > /usr/jails/www/root/junk && zfs snapshot zroot/jails/www@later').code).toBe(0);
    const jidBefore = jid();
    expect(jidBefore).toMatch(/^\d+\n$/);
    const { tasks } = await runOn(sim, [snap('clean', 'rolled_back')]);
    expect(tasks[0]).toMatchObject({
      status: 'changed',
      message: 'zroot/jails/www rolled back to @clean, destroying @later; jail www restarted',
      diffs: [{ label: 'zfs zroot/jails/www', before: 'current\nzroot/jails/www@later\n', after: 'zroot/jails/www@clean\n' }],
    });
    expect(sh('test -e /usr/jails/www/root/junk').code).toBe(1);
    expect(snapshots()).toBe('zroot/jails/www@clean\n');
    // A new JID: the jail was created again (jail(8) numbers each creation anew).
    expect(jid()).toMatch(/^\d+\n$/);
    expect(jid()).not.toBe(jidBefore);

    // An action: the next run rolls back (and restarts) again, and says so.
    const jidAfter = jid();
    const again = await runOn(sim, [snap('clean', 'rolled_back')]);
    expect(again.tasks.map((t) => [t.status, t.message])).toEqual([['changed', 'zroot/jails/www rolled back to @clean; jail www restarted']]);
    expect(jid()).not.toBe(jidAfter);
  });

  it('a failed rollback starts the jail again and fails the task; the files stay as they were', async () => {
    // The same host, where zfs rollback fails (libzfs: EBUSY is "dataset is busy").
    const zfs: SimCommand = (ctx) => (ctx.argv[1] === 'rollback' ? { stdout: '', stderr: `cannot rollback to '${ctx.argv.at(-1)}': dataset is busy\n`, code: 1 } : allCommands.zfs!(ctx));
    sim = simHost('h1', { address: '192.0.2.41', zpool: true }, { commands: { ...allCommands, zfs } });
    expect((await runOn(sim, [jail])).tasks[0]!.status).toBe('changed');
    expect(sh(`zfs snapshot ${DS}@clean && touch /usr/jails/www/root/junk`).code).toBe(0);
    const { tasks } = await runOn(sim, [snap('clean', 'rolled_back')]);
    expect(tasks[0]!.status).toBe('failed');
    expect(String(tasks[0]!.message)).toContain("cannot rollback to 'zroot/jails/www@clean': dataset is busy");
    expect(sh('test -e /usr/jails/www/root/junk').code).toBe(0);
    expect(sh('jls -j www').code).toBe(0);
  });

  // jail(8) "persist": a jail without it goes as its last process exits, and `service jail start` still exits 0.
  // A snapshot whose rc.conf starts no daemon gives such a start: what jail(8) set up for it must not stay behind.
  const quiet = 'sysrc -f /usr/jails/www/etc/rc.conf syslogd_enable=NO cron_enable=NO sendmail_enable=NONE >/dev/null';
  const inet = () => sh('ifconfig em0').stdout.match(/inet \S+/g);
  const mountsUnder = () => sh('mount').stdout.split('\n').filter((l) => l.includes(' on /usr/jails/www/'));

  it('a start after the rollback whose jail goes at once fails, and takes off the alias and mounts jail(8) set up', async () => {
    expect(sh(`${quiet} && zfs snapshot ${DS}@quiet`).code).toBe(0);
    expect(inet()).toEqual(['inet 192.0.2.41', 'inet 192.0.2.80']);
    expect(mountsUnder()).toEqual(['devfs on /usr/jails/www/dev (devfs)']);
    const { tasks } = await runOn(sim, [snap('quiet', 'rolled_back')]);
    expect(tasks[0]!.status).toBe('failed');
    expect(String(tasks[0]!.message)).toContain(
      'jail www: not running after service jail onestart\njail www: what jail(8) set up for it is undone (a jail without persist goes when its /etc/rc leaves no process running)',
    );
    expect(sh('jls -j www').code).toBe(1);
    expect(inet()).toEqual(['inet 192.0.2.41']);
    expect(mountsUnder()).toEqual([]);
  });

  it('a failed rollback whose restarted jail goes at once takes off what jail(8) set up, and fails', async () => {
    const zfs: SimCommand = (ctx) => (ctx.argv[1] === 'rollback' ? { stdout: '', stderr: `cannot rollback to '${ctx.argv.at(-1)}': dataset is busy\n`, code: 1 } : allCommands.zfs!(ctx));
    sim = simHost('h1', { address: '192.0.2.41', zpool: true }, { commands: { ...allCommands, zfs } });
    expect((await runOn(sim, [jail])).tasks[0]!.status).toBe('changed');
    // The running jail's rc.conf starts nothing any more: its next start leaves no process.
    expect(sh(`zfs snapshot ${DS}@clean && ${quiet}`).code).toBe(0);
    const { tasks } = await runOn(sim, [snap('clean', 'rolled_back')]);
    expect(tasks[0]!.status).toBe('failed');
    expect(String(tasks[0]!.message)).toContain("cannot rollback to 'zroot/jails/www@clean': dataset is busy");
    expect(String(tasks[0]!.message)).toContain('jail www: what jail(8) set up for it is undone');
    expect(sh('jls -j www').code).toBe(1);
    expect(inet()).toEqual(['inet 192.0.2.41']);
    expect(mountsUnder()).toEqual([]);
  });

  it('a stopped jail is rolled back and left stopped', async () => {
    expect(sh(`zfs snapshot ${DS}@clean && touch /usr/jails/www/root/junk && service jail stop www`).code).toBe(0);
    const { tasks } = await runOn(sim, [snap('clean', 'rolled_back')]);
    expect(tasks[0]).toMatchObject({ status: 'changed', message: 'zroot/jails/www rolled back to @clean' });
    expect(sh('test -e /usr/jails/www/root/junk').code).toBe(1);
    expect(sh('jls -j www').code).toBe(1);
  });

  it('check mode reports the rollback and changes nothing', async () => {
    expect(sh(`zfs snapshot ${DS}@clean && touch /usr/jails/www/root/junk`).code).toBe(0);
    const before = stateOf(sim);
    const { tasks, sent } = await runOn(sim, [snap('clean', 'rolled_back')], true);
    expect(tasks.map((t) => t.status)).toEqual(['changed']);
    expect(sent).toEqual([]);
    expect(stateOf(sim)).toEqual(before);
  });

  it('a missing snapshot fails the task before anything is sent', async () => {
    const { tasks, sent } = await runOn(sim, [snap('nope', 'rolled_back')]);
    expect(tasks[0]).toMatchObject({ status: 'failed' });
    expect(String(tasks[0]!.message)).toContain('zroot/jails/www@nope does not exist (snapshots: none)');
    expect(sent).toEqual([]);
    expect(sh('jls -j www').code).toBe(0);
  });
});

describe('jail_snapshot: arguments', () => {
  it('refuses a snapshot name with "@" and a dataset with one', () => {
    expect(inputErrorOf(() => parseTask({ jail_snapshot: { jail: 'www', dataset: DS, name: '@x' } }))).toMatch(/expected a snapshot name without "@"/);
    expect(inputErrorOf(() => parseTask({ jail_snapshot: { jail: 'www', dataset: `${DS}@x`, name: 'x' } }))).toMatch(/expected a file system name/);
    expect(inputErrorOf(() => parseTask({ jail_snapshot: { jail: 'www', name: 'x' } }))).toMatch(/dataset/);
  });
});
