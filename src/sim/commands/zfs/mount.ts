/** zfs mount [-a | DS] (no argument lists mounted file systems) and zfs unmount [-f] -a | DS | path. */
import { normalize } from '../../fs.js';
import { getopt, has } from '../jail/getopt.js';
import { badOption, noDataset, usageError, type ZfsSubcommand } from './context.js';
import { datasets, findDataset } from './model.js';
import { mountDataset, unmountDataset } from './tree.js';

const MOUNT_USAGE = '\tmount\n\tmount [-flvO] [-o opts] <-a|-R filesystem|filesystem>';
const UNMOUNT_USAGE = '\tunmount [-fu] <-a | filesystem|mountpoint>';

export const zfsMount: ZfsSubcommand = (z, args) => {
  const spec = 'aflvOo:R';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, MOUNT_USAGE, spec, opts.bad);
  if (has(opts, 'a')) {
    const all = datasets(z.state)
      .filter((d) => !d.mounted && (d.properties.canmount ?? 'on') === 'on')
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const d of all) mountDataset(z.state, z.fs, d);
    return z.out.result(0);
  }
  const [name] = opts.rest;
  if (name === undefined) {
    const mounted = z.state.mounts.filter((m) => m.fstype === 'zfs');
    return z.out.out(mounted.map((m) => `${m.from.padEnd(30)}  ${m.on}\n`).join('')).result(0);
  }
  const ds = findDataset(z.state, name);
  if (!ds) return noDataset(z, name);
  const problem = mountDataset(z.state, z.fs, ds);
  if (problem) return z.out.err(`cannot mount '${name}': ${problem}\n`).result(1);
  return z.out.result(0);
};

export const zfsUnmount: ZfsSubcommand = (z, args) => {
  const spec = 'afu';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, UNMOUNT_USAGE, spec, opts.bad);
  if (has(opts, 'a')) {
    const all = datasets(z.state)
      .filter((d) => d.mounted)
      .sort((a, b) => (a.mountpoint < b.mountpoint ? 1 : -1));
    for (const d of all) unmountDataset(z.state, z.fs, d);
    return z.out.result(0);
  }
  const [target] = opts.rest;
  if (target === undefined) return usageError(z, UNMOUNT_USAGE, 'missing filesystem argument');
  const ds = target.startsWith('/') ? datasets(z.state).find((d) => d.mounted && d.mountpoint === normalize(target)) : findDataset(z.state, target);
  if (!ds) {
    if (target.startsWith('/')) return z.out.err(`cannot unmount '${target}': not a ZFS filesystem\n`).result(1);
    return noDataset(z, target);
  }
  if (!ds.mounted) return z.out.err(`cannot unmount '${target}': not currently mounted\n`).result(1);
  const busy = datasets(z.state).some((d) => d.mounted && d.mountpoint.startsWith(`${ds.mountpoint}/`));
  if (busy && !has(opts, 'f')) return z.out.err(`cannot unmount '${ds.mountpoint}': pool or dataset is busy\n`).result(1);
  for (const d of datasets(z.state).filter((x) => x.mounted && x.mountpoint.startsWith(`${ds.mountpoint}/`)).reverse()) unmountDataset(z.state, z.fs, d);
  unmountDataset(z.state, z.fs, ds);
  return z.out.result(0);
};
