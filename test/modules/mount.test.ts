/**
 * The mount module (ansible.posix.mount's arguments and states) applied by
 * the engine on a simulated FreeBSD host. Expected fstab lines are written
 * as bsdinstall writes /etc/fstab (partedit.c: "%s\t%s\t\t%s\t%s\t%d\t%d\n");
 * expected `mount`/`mount -p` output is mount(8)'s (prmount, putfsent).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SimHost } from '../../src/sim/host.js';
import { inputErrorOf } from '../helpers/input-error.js';
import { simHost } from '../helpers/sim-host.js';
import { mountModule } from '../../src/modules/mount/index.js';
import { parseTask, runOn, stateOf } from './engine-sim.js';
import { factsOf, fileCmd } from './harness.js';

const FSTAB = '# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n/dev/ada0p2\t/\t\tufs\trw\t1\t1\n# swap below\n/dev/ada0p3\tnone\t\tswap\tsw\t0\t0\n';
const DATA = '/usr/jails/www/data';
const nullfs = (state: string, extra: Record<string, unknown> = {}) => ({ name: `data ${state}`, 'ansible.posix.mount': { path: DATA, src: '/data', fstype: 'nullfs', opts: 'ro', state, ...extra } });

let sim: SimHost;
beforeEach(() => {
  sim = simHost('h1', { address: '192.0.2.41' });
  sim.fs.writeFile('/etc/fstab', FSTAB);
  sim.fs.mkdir('/data');
});
const sh = (script: string) => sim.run(script);

describe('mount: state mounted', () => {
  it('check reports the change and changes nothing', async () => {
    const before = stateOf(sim);
    const { tasks, sent } = await runOn(sim, [nullfs('mounted')], true);
    expect(tasks.map((t) => [t.status, t.message])).toEqual([['changed', `${DATA} created; /data mounted on ${DATA}; ${DATA} added in /etc/fstab`]]);
    expect(sent).toEqual([]);
    expect(stateOf(sim)).toEqual(before);
  });

  it('makes the mount point, mounts, adds the fstab line; the second run changes nothing and sends nothing', async () => {
    const { tasks } = await runOn(sim, [nullfs('mounted')]);
    expect(tasks[0]).toMatchObject({ status: 'changed' });
    expect(tasks[0]!.diffs).toEqual([
      { label: `mount ${DATA}`, before: '', after: '/data nullfs ro\n' },
      { label: '/etc/fstab', before: FSTAB, after: `${FSTAB}/data\t${DATA}\t\tnullfs\tro\t0\t0\n` },
    ]);
    expect(sh('cat /etc/fstab').stdout).toBe(`${FSTAB}/data\t${DATA}\t\tnullfs\tro\t0\t0\n`);
    expect(sh(`mount -p | grep ${DATA}`).stdout).toBe(`/data\t\t\t${DATA}\tnullfs\tro\t\t0 0\n`);
    const before = stateOf(sim);
    const again = await runOn(sim, [nullfs('mounted')]);
    expect(again.tasks.map((t) => [t.status, t.message])).toEqual([['ok', `${DATA} is mounted as wanted`]]);
    expect(again.sent).toEqual([]);
    expect(stateOf(sim)).toEqual(before);
  });

  it('remounts what is mounted read-write when the task says ro, and rewrites its fstab line', async () => {
    sh(`mkdir -p ${DATA} && printf '/data\\t${DATA}\\tnullfs\\trw\\t0\\t0\\n' >> /etc/fstab && mount ${DATA}`);
    expect(sh(`mount | grep ${DATA}`).stdout).toBe(`/data on ${DATA} (nullfs, local)\n`);
    const { tasks } = await runOn(sim, [nullfs('mounted')]);
    expect(tasks[0]!.message).toBe(`${DATA} remounted (it was rw); ${DATA} changed in /etc/fstab`);
    expect(sh(`mount | grep ${DATA}`).stdout).toBe(`/data on ${DATA} (nullfs, local, read-only)\n`);
    expect(sh('cat /etc/fstab').stdout).toBe(`${FSTAB}/data\t${DATA}\t\tnullfs\tro\t0\t0\n`);
  });

  it('a mount that fails leaves fstab as it was', async () => {
    const before = sh('cat /etc/fstab').stdout;
    const { tasks } = await runOn(sim, [{ name: 'm', mount: { path: DATA, src: '/nope', fstype: 'nullfs', state: 'mounted' } }]);
    // mount_nullfs: err(EX_USAGE, ...) — mount(8) exits with its status.
    expect(tasks[0]).toMatchObject({ status: 'failed', exitCode: 64, stderr: 'mount_nullfs: /nope: No such file or directory\n' });
    expect(sh('cat /etc/fstab').stdout).toBe(before);
  });

  it('boot: false adds noauto, which mount -a at boot skips', async () => {
    await runOn(sim, [{ name: 'm', mount: { path: '/mnt/scratch', src: 'tmpfs', fstype: 'tmpfs', opts: 'rw,nosuid', boot: false, state: 'present' } }]);
    expect(sh('tail -1 /etc/fstab').stdout).toBe('tmpfs\t/mnt/scratch\t\ttmpfs\trw,nosuid,noauto\t0\t0\n');
  });
});

describe('mount: states present, unmounted, absent, remounted', () => {
  it('present writes fstab only; a second run changes nothing', async () => {
    const { tasks } = await runOn(sim, [nullfs('present', { dump: 1, passno: '2' })]);
    expect(tasks[0]!.message).toBe(`${DATA} added in /etc/fstab`);
    expect(sh('tail -1 /etc/fstab; mount | grep -c nullfs').stdout).toBe(`/data\t${DATA}\t\tnullfs\tro\t1\t2\n0\n`);
    expect((await runOn(sim, [nullfs('present', { dump: 1, passno: '2' })])).tasks[0]!.status).toBe('ok');
  });

  it('backup keeps the old fstab beside it (the run id in its name, as copy and line do)', async () => {
    await runOn(sim, [nullfs('present', { backup: true })]);
    const backups = sh('ls /etc').stdout.split('\n').filter((f) => /^fstab\..+~$/.test(f));
    expect(backups).toHaveLength(1);
    expect(sh(`cat /etc/${backups[0]}`).stdout).toBe(FSTAB);
  });

  it('a jail fstab is another fstab path; a missing one is created with the installer header', async () => {
    const { tasks } = await runOn(sim, [nullfs('present', { fstab: '/etc/fstab.www' })]);
    expect(tasks[0]!.status).toBe('changed');
    expect(sh('cat /etc/fstab.www').stdout).toBe(`# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n/data\t${DATA}\t\tnullfs\tro\t0\t0\n`);
  });

  it('unmounted unmounts and keeps the fstab line; then nothing to do', async () => {
    await runOn(sim, [nullfs('mounted')]);
    const fstab = sh('cat /etc/fstab').stdout;
    const { tasks } = await runOn(sim, [{ name: 'u', mount: { name: DATA, state: 'unmounted' } }]);
    expect(tasks[0]).toMatchObject({ status: 'changed', message: `${DATA} unmounted`, diffs: [{ label: `mount ${DATA}`, before: '/data nullfs ro\n', after: '' }] });
    expect(sh('mount | grep -c nullfs').stdout).toBe('0\n');
    expect(sh('cat /etc/fstab').stdout).toBe(fstab);
    const again = await runOn(sim, [{ name: 'u', mount: { name: DATA, state: 'unmounted' } }]);
    expect(again.tasks[0]).toMatchObject({ status: 'ok', message: `${DATA} is not mounted` });
    expect(again.sent).toEqual([]);
  });

  it('absent unmounts, removes the line (other lines byte for byte) and the empty mount point', async () => {
    await runOn(sim, [nullfs('mounted')]);
    const { tasks } = await runOn(sim, [{ name: 'a', mount: { path: DATA, state: 'absent' } }]);
    expect(tasks[0]!.message).toBe(`${DATA} unmounted; ${DATA} removed from /etc/fstab; ${DATA} removed`);
    expect(sh('cat /etc/fstab').stdout).toBe(FSTAB);
    expect(sh(`mount | grep -c nullfs; test -e ${DATA} || echo gone`).stdout).toBe('0\ngone\n');
    const again = await runOn(sim, [{ name: 'a', mount: { path: DATA, state: 'absent' } }]);
    expect(again.tasks[0]).toMatchObject({ status: 'ok', message: `${DATA} is not in /etc/fstab` });
    expect(again.sent).toEqual([]);
  });

  it('absent_mount keeps the mount point; absent_from_fstab only removes the line', async () => {
    await runOn(sim, [nullfs('mounted')]);
    const { tasks } = await runOn(sim, [{ name: 'a', mount: { path: DATA, state: 'absent_mount' } }]);
    expect(tasks[0]!.message).toBe(`${DATA} unmounted; ${DATA} removed from /etc/fstab`);
    expect(sh(`cat /etc/fstab; mount | grep -c nullfs; test -d ${DATA} && echo kept`).stdout).toBe(`${FSTAB}0\nkept\n`);
    await runOn(sim, [nullfs('mounted')]);
    const only = await runOn(sim, [{ name: 'f', mount: { path: DATA, state: 'absent_from_fstab' } }]);
    expect(only.tasks[0]!.message).toBe(`${DATA} removed from /etc/fstab`);
    expect(sh('cat /etc/fstab; mount | grep -c nullfs').stdout).toBe(`${FSTAB}1\n`);
  });

  it('remounted unmounts and mounts again from the fstab entry (-F for another file), every run', async () => {
    await runOn(sim, [nullfs('mounted', { fstab: '/etc/fstab.www' })]);
    for (let i = 0; i < 2; i++) {
      const { tasks } = await runOn(sim, [{ name: 'r', mount: { path: DATA, fstab: '/etc/fstab.www', state: 'remounted' } }]);
      expect(tasks[0]).toMatchObject({ status: 'changed', message: `${DATA} remounted from /etc/fstab.www` });
    }
    expect(sh(`mount | grep ${DATA}`).stdout).toBe(`/data on ${DATA} (nullfs, local, read-only)\n`);
    const missing = await runOn(sim, [{ name: 'r', mount: { path: '/mnt', state: 'remounted' } }]);
    expect(missing.tasks[0]).toMatchObject({ status: 'failed', message: '/mnt is not in /etc/fstab: remounted mounts it from there (use state: mounted)' });
  });
});

describe('mount: what each state reads', () => {
  // A fact a task does not need is one an earlier change could make stale for nothing.
  it.each([
    ['present', ['/etc/fstab']],
    ['mounted', ['mount -p', '/etc/fstab', DATA]],
    ['unmounted', ['mount -p']],
    ['absent', ['mount -p', '/etc/fstab', DATA]],
    ['remounted', ['mount -p', '/etc/fstab']],
    ['absent_mount', ['mount -p', '/etc/fstab']],
    ['absent_from_fstab', ['/etc/fstab']],
  ])('%s', (state, reads) => {
    const args = state === 'present' || state === 'mounted' ? { path: DATA, src: '/data', fstype: 'nullfs', state } : { path: DATA, state };
    expect(factsOf([mountModule, args]).map((f) => f.command)).toEqual(reads.map((r) => (r.startsWith('/') ? fileCmd(r) : r)));
  });
});

describe('mount: bad input is refused before anything runs', () => {
  it.each([
    [{ path: DATA, state: 'mounted', fstype: 'nullfs' }, 'src is required with state: mounted'],
    [{ path: DATA, src: '/data', fstype: 'nullfs', opts: 'noexec', state: 'present' }, 'opts must include rw or ro'],
    [{ path: DATA, state: 'remounted', opts: 'ro' }, 'opts cannot be used with state: remounted'],
    [{ path: '/mnt/my data', src: '/data', fstype: 'nullfs', state: 'present' }, 'may not contain white space'],
    [{ src: '/data', fstype: 'nullfs', state: 'present' }, 'path (or its alias name) is required'],
    [{ path: DATA, src: '/data', fstype: 'nullfs', state: 'mounted', dump: 'x' }, 'expected a number like 0'],
  ])('%j', (args, message) => {
    expect(inputErrorOf(() => parseTask({ mount: args }))).toContain(message);
  });
});
