/** zfs snapshot [-r] DS@snap...: every snapshot of one command shares one txg (atomic), and stores the file tree. */
import { getopt, has } from '../jail/getopt.js';
import { badOption, usageError, type ZfsSubcommand } from './context.js';
import { descendants, findDataset, newGuid, nextTxg, splitSnapshot, type ZfsDataset } from './model.js';
import { currentTree } from './tree.js';

const USAGE = '\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...';

export const zfsSnapshot: ZfsSubcommand = (z, args) => {
  const spec = 'ro:';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, USAGE, spec, opts.bad);
  if (!opts.rest.length) return usageError(z, USAGE, 'missing snapshot argument');
  const plan: Array<{ ds: ZfsDataset; snap: string }> = [];
  for (const full of opts.rest) {
    const { ds: name, snap } = splitSnapshot(full);
    if (!snap) return z.out.err(`cannot create snapshot '${full}': missing '@' delimiter in snapshot name\n`).result(1);
    const ds = findDataset(z.state, name);
    if (!ds) return z.out.err(`cannot create snapshot '${full}': dataset does not exist\n`).result(1);
    for (const d of has(opts, 'r') ? [ds, ...descendants(z.state, name)] : [ds]) plan.push({ ds: d, snap });
  }
  // All or nothing: check every name before creating any.
  const clash = plan.find((p) => p.ds.snapshots.some((s) => s.name === p.snap));
  if (clash) return z.out.err(`cannot create snapshot '${clash.ds.name}@${clash.snap}': dataset already exists\n`).result(1);
  const txg = nextTxg(z.state);
  for (const p of plan) {
    p.ds.snapshots.push({ name: p.snap, guid: newGuid(z.state, `${p.ds.name}@${p.snap}`), createtxg: txg, creation: z.state.clock, tree: currentTree(z.state, z.fs, p.ds) });
  }
  return z.out.result(0);
};
