/** zfs destroy [-nprRv] DS | DS@snap: children need -r; -n -v is a dry run that says what would go. */
import { getopt, has } from '../jail/getopt.js';
import { badOption, noDataset, usageError, type ZfsContext, type ZfsSubcommand } from './context.js';
import { datasets, descendants, findDataset, parentName, splitSnapshot, type ZfsDataset } from './model.js';
import { nicenum, snapshotUsed, used } from './sizes.js';
import { unmountDataset } from './tree.js';

const USAGE = '\tdestroy [-fnpRrv] <filesystem|volume>\n\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%<snap>][,...]\n\tdestroy <filesystem|volume>#<bookmark>';

/** zfs_iter_dependents order: each child file system's own dependents, then the child, then the snapshots. */
function dependents(z: ZfsContext, ds: ZfsDataset): string[] {
  const out: string[] = [];
  const children = datasets(z.state)
    .filter((d) => parentName(d.name) === ds.name)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const child of children) out.push(...dependents(z, child), child.name);
  out.push(...ds.snapshots.map((s) => `${ds.name}@${s.name}`));
  return out;
}

function removeDataset(z: ZfsContext, ds: ZfsDataset): void {
  const mp = ds.mountpoint;
  const wasMounted = ds.mounted;
  unmountDataset(z.state, z.fs, ds);
  z.state.datasets.splice(z.state.datasets.indexOf(ds), 1);
  // libzfs removes the mountpoint directory it made, if it is empty.
  if (wasMounted && mp !== '/' && z.fs.isDir(mp) && z.fs.readdir(mp).length === 0) z.fs.remove(mp);
}

function report(z: ZfsContext, dry: boolean, parsable: boolean, names: string[], bytes: number): void {
  for (const n of names) z.out.out(parsable ? `destroy\t${n}\n` : `${dry ? 'would' : 'will'} destroy ${n}\n`);
  z.out.out(parsable ? `reclaim\t${bytes}\n` : `${dry ? 'would' : 'will'} reclaim ${nicenum(bytes)}\n`);
}

function destroySnapshots(z: ZfsContext, full: string, recursive: boolean, dry: boolean, verbose: boolean, parsable: boolean) {
  const { ds: name, snap } = splitSnapshot(full);
  const ds = findDataset(z.state, name);
  if (!ds) return noDataset(z, name);
  const targets = (recursive ? [ds, ...descendants(z.state, name)] : [ds]).filter((d) => d.snapshots.some((s) => s.name === snap));
  if (!targets.length) return z.out.err('could not find any snapshots to destroy; check snapshot names.\n').result(1);
  let bytes = 0;
  for (const d of targets) bytes += snapshotUsed(z.state, z.fs, d, d.snapshots.find((s) => s.name === snap)!);
  if (verbose) report(z, dry, parsable, targets.map((d) => `${d.name}@${snap}`), bytes);
  if (dry) return z.out.result(0);
  for (const d of targets) d.snapshots = d.snapshots.filter((s) => s.name !== snap);
  return z.out.result(0);
}

export const zfsDestroy: ZfsSubcommand = (z, args) => {
  const spec = 'dfnpRrv';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, USAGE, spec, opts.bad);
  const [target] = opts.rest;
  if (target === undefined) return usageError(z, USAGE, 'missing dataset argument');
  if (opts.rest.length > 1) return usageError(z, USAGE, 'too many arguments');
  const recursive = has(opts, 'r') || has(opts, 'R');
  const dry = has(opts, 'n');
  const verbose = has(opts, 'v');
  const parsable = has(opts, 'p');
  if (target.includes('@')) return destroySnapshots(z, target, recursive, dry, verbose, parsable);
  const ds = findDataset(z.state, target);
  if (!ds) return noDataset(z, target);
  if (!target.includes('/') && !recursive) {
    return z.out
      .err(`cannot destroy '${target}': operation does not apply to pools\nuse 'zfs destroy -r ${target}' to destroy all datasets in the pool\nuse 'zpool destroy ${target}' to destroy the pool itself\n`)
      .result(1);
  }
  const deps = dependents(z, ds);
  if (deps.length && !recursive) {
    z.out.err(`cannot destroy '${target}': filesystem has children\nuse '-r' to destroy the following datasets:\n`);
    return z.out.err(deps.map((d) => `${d}\n`).join('')).result(1);
  }
  if (verbose) report(z, dry, parsable, [...deps, target], used(z.state, z.fs, ds));
  if (dry) return z.out.result(0);
  // A pool's root stays (zpool destroy removes it); -r on it empties the pool.
  const doomed = [...descendants(z.state, target)].reverse();
  for (const d of doomed) removeDataset(z, d);
  if (target.includes('/')) removeDataset(z, ds);
  else ds.snapshots = [];
  return z.out.result(0);
};
