/**
 * `zfs list -s PROP` / `-S PROP`, as `jailfleet snapshots` reads a jail's
 * snapshots: `zfs list -H -p -t snapshot -o name,creation,used -s creation
 * -d 1 DATASET`. zfs-list(8): -H "do not print headers and separate fields
 * by a single tab", -p "display numbers in parsable (exact) values" (so
 * creation is seconds since the epoch, used is bytes), -d 1 "only the
 * dataset and its direct children" (its own snapshots, not a child's),
 * -s "sorting the output by column in ascending order", -S descending.
 * Ties fall back to zfs_compare (cmd/zfs/zfs_iter.c zfs_sort() ends with
 * `return (zfs_compare(larg, rarg, NULL))`): snapshots by creation txg,
 * not reversed by -S.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { err, ok, sh, zfsHost } from './helpers.js';

let h: SimHost;
/** Runs `script` at `clock` (each exec advances the host's clock by a second first). */
const at = (clock: number, script: string) => {
  h.state.clock = clock - 1;
  return sh(h, script);
};
const LIST = 'zfs list -H -p -t snapshot -o name,creation,used';

describe('zfs list -s / -S', () => {
  beforeEach(() => {
    h = zfsHost();
    sh(h, 'zfs create zroot/jails && zfs create zroot/jails/www && zfs create zroot/jails/www/data');
    // 600 bytes, then 1100: two and three 512-byte blocks only the snapshot holds.
    at(1764343800, 'printf "%600s" x > /zroot/jails/www/f && zfs snapshot zroot/jails/www@a && zfs snapshot zroot/jails/www/data@child');
    at(1764343900, 'printf "%1100s" x > /zroot/jails/www/f && zfs snapshot zroot/jails/www@b');
    at(1764344000, 'printf "%100s" x > /zroot/jails/www/f');
  });

  it('-s creation with -d 1: the dataset\'s own snapshots, oldest first, exact numbers', () => {
    expect(sh(h, `${LIST} -s creation -d 1 zroot/jails/www`)).toEqual(ok('zroot/jails/www@a\t1764343800\t1024\nzroot/jails/www@b\t1764343900\t1536\n'));
  });

  it('-S creation and -S used: newest and biggest first', () => {
    expect(sh(h, `${LIST} -S creation -d 1 zroot/jails/www`)).toEqual(ok('zroot/jails/www@b\t1764343900\t1536\nzroot/jails/www@a\t1764343800\t1024\n'));
    expect(sh(h, `${LIST} -S used -d 1 zroot/jails/www`).stdout.split('\n')[0]).toBe('zroot/jails/www@b\t1764343900\t1536');
  });

  it('ties keep the creation order, also with -S', () => {
    at(1764345000, 'zfs snapshot zroot/jails/www@c && zfs snapshot zroot/jails/www@d');
    expect(sh(h, `zfs list -H -t snapshot -o name -S creation -d 1 zroot/jails/www`)).toEqual(ok('zroot/jails/www@c\nzroot/jails/www@d\nzroot/jails/www@b\nzroot/jails/www@a\n'));
  });

  it('an unknown sort property is a usage error', () => {
    const r = sh(h, `${LIST} -s bogus -d 1 zroot/jails/www`);
    expect({ ...r, stderr: r.stderr.split('\n')[0] }).toEqual(err("invalid property 'bogus'", 2));
  });
});
