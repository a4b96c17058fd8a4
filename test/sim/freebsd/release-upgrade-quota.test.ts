/**
 * freebsd-update's install on a jail tree whose ZFS dataset is at its quota.
 * zfsprops(7): `quota` counts the dataset's snapshots, and `usedbysnapshots`
 * is "the amount of space that would be freed if all of this dataset's
 * snapshots were destroyed" — blocks two snapshots share count once, and
 * removing a file a snapshot holds frees nothing. install(1) unlinks the old
 * target first and the new one when the copy fails, then exits with
 * `install: PATH: ERROR` (usr.bin/xinstall/xinstall.c create_newfile(),
 * copy(); EDQUOT is "Disc quota exceeded"); freebsd-update.sh
 * install_from_index() runs it as `install ... ${BASEDIR}/${FPATH}` inside a
 * `while read` loop whose status is its last command's, so the install
 * still ends " done." with exit 0 and the file gone.
 */
import { describe, expect, it } from 'vitest';
import { createPool } from '../../../src/sim/commands/zfs/index.js';
import { simHost } from '../../helpers/sim-host.js';

const MIRROR = 'https://download.freebsd.org/ftp/releases/amd64/amd64';

function jailOnDataset() {
  const h = simHost('h1', { address: '192.0.2.11' });
  createPool(h.state, h.fs, 'zroot');
  const setup = h.exec(
    `zfs create -o mountpoint=/usr/jails zroot/jails && zfs create zroot/jails/www && fetch -q -o /tmp/base.txz ${MIRROR}/14.1-RELEASE/base.txz && tar -xf /tmp/base.txz -C /usr/jails/www`,
  );
  expect(setup.code).toBe(0);
  return h;
}

describe('freebsd-update install over a ZFS quota', () => {
  it('ends " done." with exit 0, the error on stderr, and /bin/freebsd-version gone from the tree', () => {
    const h = jailOnDataset();
    expect(h.exec('echo y | freebsd-update -b /usr/jails/www --currently-running 14.1-RELEASE -r 14.2-RELEASE upgrade').code).toBe(0);
    // Two snapshots share the old file: after it is removed from the head, zfs counts it once.
    const used = h.exec('zfs snapshot zroot/jails/www@one && zfs snapshot zroot/jails/www@two && zfs get -Hp -o value used zroot/jails/www').stdout.trim();
    expect(h.exec(`zfs set quota=${used} zroot/jails/www`).code).toBe(0);
    // The first pass is the kernel's (none in a jail tree); the second writes the world.
    expect(h.exec('freebsd-update -b /usr/jails/www install').code).toBe(0);
    expect(h.exec('freebsd-update -b /usr/jails/www install')).toEqual({
      stdout: 'Installing updates... done.\n',
      stderr: 'install: /usr/jails/www//bin/freebsd-version: Disc quota exceeded\n',
      code: 0,
    });
    expect(h.exec('test -e /usr/jails/www/bin/freebsd-version || echo gone').stdout).toBe('gone\n');
    expect(h.exec('zfs get -Hp -o value used zroot/jails/www').stdout.trim()).toBe(used);
  });

  it('without the quota the same install writes the new userland', () => {
    const h = jailOnDataset();
    expect(h.exec('echo y | freebsd-update -b /usr/jails/www --currently-running 14.1-RELEASE -r 14.2-RELEASE upgrade && zfs snapshot zroot/jails/www@one').code).toBe(0);
    h.exec('freebsd-update -b /usr/jails/www install');
    expect(h.exec('freebsd-update -b /usr/jails/www install')).toEqual({ stdout: 'Installing updates... done.\n', stderr: '', code: 0 });
    expect(h.exec('/usr/jails/www/bin/freebsd-version -u').stdout).toBe('14.2-RELEASE\n');
  });
});
