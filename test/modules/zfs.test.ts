/**
 * The zfs module (community.general.zfs's arguments, file systems) applied
 * by the engine on a simulated FreeBSD host with a `zroot` pool. Expected
 * values are zfs(8)'s: `zfs get -H -o property,value,source` columns and
 * zfsprops(7) values; sizes in bytes as libzfs prints them with -p.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SimHost } from '../../src/sim/host.js';
import { inputErrorOf } from '../helpers/input-error.js';
import { simHost } from '../helpers/sim-host.js';
import { parseTask, runOn, stateOf } from './engine-sim.js';

let sim: SimHost;
beforeEach(() => {
  sim = simHost('h1', { address: '192.0.2.41', zpool: true });
});
const sh = (script: string) => sim.run(script);
const www = (props: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  name: 'www dataset',
  'community.general.zfs': { name: 'zroot/jails/www', state: 'present', extra_zfs_properties: props, ...extra },
});
const get = (props: string, ds = 'zroot/jails/www') => sh(`zfs get -H -o property,value,source ${props} ${ds}`).stdout;

describe('zfs: state present', () => {
  it('check reports the creation and creates nothing', async () => {
    const before = stateOf(sim);
    const { tasks, sent } = await runOn(sim, [www({ compression: 'lz4', quota: '10G' })], true);
    expect(tasks.map((t) => [t.status, t.message])).toEqual([['changed', 'zroot/jails/www created with compression=lz4 quota=10G']]);
    expect(sent).toEqual([]);
    expect(stateOf(sim)).toEqual(before);
  });

  it('creates the file system with its properties, mounted under its parent; the second run changes nothing', async () => {
    const { tasks } = await runOn(sim, [www({ compression: 'lz4', quota: '10G', atime: false, 'org.example:role': 'web' })]);
    expect(tasks[0]).toMatchObject({ status: 'changed', diffs: [{ label: 'zfs zroot/jails/www', before: 'absent\n', after: 'present\ncompression=lz4\nquota=10G\natime=off\norg.example:role=web\n' }] });
    expect(get('compression,quota,atime,mountpoint,mounted,org.example:role')).toBe(
      'compression\tlz4\tlocal\nquota\t10G\tlocal\natime\toff\tlocal\nmountpoint\t/usr/jails/www\tinherited from zroot/jails\nmounted\tyes\t-\norg.example:role\tweb\tlocal\n',
    );
    const before = stateOf(sim);
    const again = await runOn(sim, [www({ compression: 'lz4', quota: '10240M', atime: false, 'org.example:role': 'web' })]);
    expect(again.tasks.map((t) => [t.status, t.message])).toEqual([['ok', 'zroot/jails/www exists with compression=lz4 quota=10240M atime=off org.example:role=web']]);
    expect(again.sent).toEqual([]);
    expect(stateOf(sim)).toEqual(before);
  });

  it('sets what differs in one zfs set; an inherited or default value equal to the wanted one is set locally (as Ansible)', async () => {
    sh('zfs set compression=lz4 zroot/jails && zfs create -o quota=1G zroot/jails/www');
    expect(get('compression,atime')).toBe('compression\tlz4\tinherited from zroot/jails\natime\ton\tdefault\n');
    const { tasks } = await runOn(sim, [www({ compress: 'lz4', atime: 'on', quota: '2G' })]);
    expect(tasks[0]).toMatchObject({
      status: 'changed',
      message: 'compression: lz4 (inherited from zroot/jails) -> lz4; atime: on (default) -> on; quota: 1073741824 (local) -> 2G',
      diffs: [{ label: 'zfs zroot/jails/www', before: 'compression=lz4 (inherited from zroot/jails)\natime=on (default)\nquota=1073741824 (local)\n', after: 'compression=lz4\natime=on\nquota=2G\n' }],
    });
    expect(get('compression,atime,quota')).toBe('compression\tlz4\tlocal\natime\ton\tlocal\nquota\t2G\tlocal\n');
    expect((await runOn(sim, [www({ compress: 'lz4', atime: 'on', quota: '2G' })])).tasks[0]!.status).toBe('ok');
  });

  it('quota none is 0 in zfs get -p', async () => {
    sh('zfs create -o quota=1G zroot/jails/www');
    await runOn(sim, [www({ quota: 'none' })]);
    expect(get('quota')).toBe('quota\tnone\tlocal\n');
    expect((await runOn(sim, [www({ quota: 'none' })])).tasks[0]!.status).toBe('ok');
  });

  it('a value zfs refuses fails the task with zfs(8)\'s message', async () => {
    sh('zfs create zroot/jails/www');
    const { tasks } = await runOn(sim, [www({ quota: 'lots' })]);
    expect(tasks[0]).toMatchObject({ status: 'failed', exitCode: 1, stderr: "cannot set property for 'zroot/jails/www': bad numeric value 'lots'\n" });
  });
});

describe('zfs: state absent', () => {
  it('destroys a file system without children, then has nothing to do', async () => {
    sh('zfs create zroot/jails/www');
    const { tasks } = await runOn(sim, [www({}, { state: 'absent' })]);
    expect(tasks[0]).toMatchObject({ status: 'changed', message: 'zroot/jails/www destroyed' });
    expect(sh('zfs list zroot/jails/www')).toMatchObject({ code: 1, stderr: "cannot open 'zroot/jails/www': dataset does not exist\n" });
    const again = await runOn(sim, [www({}, { state: 'absent' })]);
    expect(again.tasks[0]).toMatchObject({ status: 'ok', message: 'zroot/jails/www does not exist' });
    expect(again.sent).toEqual([]);
  });

  it('refuses children and snapshots unless recurse: true, then destroys with -r', async () => {
    sh('zfs create zroot/jails/www && zfs create zroot/jails/www/data && zfs snapshot zroot/jails/www@before');
    const refused = await runOn(sim, [www({}, { state: 'absent' })]);
    expect(refused.tasks[0]).toMatchObject({ status: 'failed', message: 'zroot/jails/www has children or snapshots (zroot/jails/www@before, zroot/jails/www/data): set recurse: true to destroy them with it (zfs destroy -r)' });
    expect(refused.sent).toEqual([]);
    const { tasks } = await runOn(sim, [www({}, { state: 'absent', recurse: true })]);
    expect(tasks[0]).toMatchObject({ status: 'changed' });
    expect(sh('zfs list -H -o name -r zroot/jails').stdout).toBe('zroot/jails\n');
  });
});

describe('zfs: bad input is refused before anything runs', () => {
  it.each([
    [{ name: 'zroot', state: 'absent' }, "zroot is a pool's root file system"],
    [{ name: 'zroot/jails@snap' }, 'snapshots with "@" are not supported'],
    [{ name: 'zroot/x', extra_zfs_properties: { compress: 'lz4', compression: 'off' } }, 'compression and compress are the same property'],
    [{ name: 'zroot/x', extra_zfs_properties: { volsize: '1G' } }, 'volumes are not supported'],
    [{ name: 'zroot/x', extra_zfs_properties: { 'Bad Name': 'x' } }, 'expected a zfsprops(7) name'],
  ])('%j', (args, message) => {
    expect(inputErrorOf(() => parseTask({ zfs: args }))).toContain(message);
  });
});
