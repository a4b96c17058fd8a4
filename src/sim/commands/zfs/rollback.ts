/** zfs rollback [-rRf] DS@snap: the files go back to the snapshot; later snapshots need -r. */
import type { SimFs } from '../../fs.js';
import type { SimState } from '../../types.js';
import { getopt, has } from '../jail/getopt.js';
import { badOption, usageError, type ZfsSubcommand } from './context.js';
import { findDataset, splitSnapshot, type ZfsDataset, type ZfsSnapshot } from './model.js';
import { replaceTree } from './tree.js';

const USAGE = '\trollback [-rRf] <snapshot>';

/** Roll `ds` back to `snap`, dropping every later snapshot (receive -F uses this too). */
export function rollbackTo(state: SimState, fs: SimFs, ds: ZfsDataset, snap: ZfsSnapshot): void {
  ds.snapshots = ds.snapshots.slice(0, ds.snapshots.indexOf(snap) + 1);
  replaceTree(state, fs, ds, snap.tree ?? []);
}

export const zfsRollback: ZfsSubcommand = (z, args) => {
  const spec = 'rRf';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, USAGE, spec, opts.bad);
  const [target] = opts.rest;
  if (target === undefined) return usageError(z, USAGE, 'missing dataset argument');
  const { ds: name, snap: snapName } = splitSnapshot(target);
  const ds = findDataset(z.state, name);
  const snap = snapName === undefined ? undefined : ds?.snapshots.find((s) => s.name === snapName);
  if (!ds || !snap) return z.out.err(`cannot open '${target}': dataset does not exist\n`).result(1);
  const later = ds.snapshots.slice(ds.snapshots.indexOf(snap) + 1);
  if (later.length && !has(opts, 'r') && !has(opts, 'R')) {
    z.out.err(`cannot rollback to '${target}': more recent snapshots or bookmarks exist\nuse '-r' to force deletion of the following snapshots and bookmarks:\n`);
    return z.out.err(later.map((s) => `${name}@${s.name}\n`).join('')).result(1);
  }
  rollbackTo(z.state, z.fs, ds, snap);
  return z.out.result(0);
};
