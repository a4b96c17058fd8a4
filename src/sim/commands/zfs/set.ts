/** zfs set prop=val... DS... and zfs inherit [-r] prop DS...; a new mountpoint remounts the subtree there. */
import type { SimFs } from '../../fs.js';
import type { SimState } from '../../types.js';
import { getopt, has } from '../jail/getopt.js';
import { badOption, noDataset, usageError, type ZfsSubcommand } from './context.js';
import { parseProps } from './create.js';
import { descendants, findDataset, type ZfsDataset } from './model.js';
import { canonicalProp, PROPS } from './props.js';
import { effectiveMountpoint, mountDataset, unmountDataset } from './tree.js';

const SET_USAGE = '\tset <property=value> ... <filesystem|volume|snapshot> ...';
const INHERIT_USAGE = '\tinherit [-rS] <property> <filesystem|volume|snapshot> ...';

/**
 * Change properties, moving mounts when the effective mountpoint changes (zfs
 * changelist). Once the file systems are unmounted, changelist_postfix()
 * calls remove_mountpoint() on the dataset (lib/libzfs/libzfs_changelist.c):
 * its old mountpoint directory goes if it was the default or inherited one
 * and is empty (rmdir; libzfs_mount.c), a locally set one stays.
 */
function changeProps(state: SimState, fs: SimFs, ds: ZfsDataset, change: () => void): void {
  const affected = [ds, ...descendants(state, ds.name)];
  const before = new Map(affected.map((d) => [d.name, effectiveMountpoint(state, d)]));
  const oldWasLocal = ds.properties.mountpoint !== undefined || ds.received?.mountpoint !== undefined;
  change();
  const moved = affected.filter((d) => effectiveMountpoint(state, d) !== before.get(d.name));
  const wasMounted = moved.filter((d) => d.mounted);
  for (const d of [...wasMounted].reverse()) unmountDataset(state, fs, d);
  const old = before.get(ds.name) ?? '';
  if (moved.includes(ds) && !oldWasLocal && old.startsWith('/') && old !== '/' && fs.isDir(old) && fs.readdir(old).length === 0) fs.remove(old);
  for (const d of moved) d.mountpoint = effectiveMountpoint(state, d);
  for (const d of wasMounted) mountDataset(state, fs, d);
  // A file system whose mountpoint was none/legacy mounts once it gets a path (canmount=on).
  for (const d of moved) if (!d.mounted && d.mountpoint.startsWith('/') && (d.properties.canmount ?? 'on') === 'on' && before.get(d.name)?.startsWith('/') === false) mountDataset(state, fs, d);
}

export const zfsSet: ZfsSubcommand = (z, args) => {
  const pairs = args.filter((a) => a.includes('='));
  const names = args.filter((a) => !a.includes('='));
  if (!pairs.length) return usageError(z, SET_USAGE, 'missing arguments');
  if (!names.length) return usageError(z, SET_USAGE, 'missing dataset name(s)');
  let code = 0;
  for (const name of names) {
    const ds = findDataset(z.state, name);
    if (!ds) {
      noDataset(z, name);
      code = 1;
      continue;
    }
    const props: Record<string, string> = {};
    const bad = parseProps(pairs, props);
    if (bad) {
      z.out.err(`cannot set property for '${name}': ${bad}\n`);
      code = 1;
      continue;
    }
    changeProps(z.state, z.fs, ds, () => Object.assign(ds.properties, props));
  }
  return z.out.result(code);
};

export const zfsInherit: ZfsSubcommand = (z, args) => {
  const spec = 'rS';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, INHERIT_USAGE, spec, opts.bad);
  const [propName, ...names] = opts.rest;
  if (propName === undefined || !names.length) return usageError(z, INHERIT_USAGE, 'missing arguments');
  const prop = canonicalProp(propName);
  if (!prop) return usageError(z, INHERIT_USAGE, `invalid property '${propName}'`);
  if (PROPS[prop]?.readonly) return z.out.err(`'${prop}' property is read-only\n`).result(1);
  let code = 0;
  for (const name of names) {
    const ds = findDataset(z.state, name);
    if (!ds) {
      noDataset(z, name);
      code = 1;
      continue;
    }
    const targets = has(opts, 'r') ? [ds, ...descendants(z.state, name)] : [ds];
    changeProps(z.state, z.fs, ds, () => {
      for (const t of targets) {
        delete t.properties[prop];
        if (!has(opts, 'S') && t.received) delete t.received[prop];
      }
    });
  }
  return z.out.result(code);
};
