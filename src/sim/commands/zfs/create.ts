/** zfs create [-pu] [-o prop=val]... DS: a new file system, mounted at its mountpoint unless -u. */
import type { SimFs } from '../../fs.js';
import type { SimState } from '../../types.js';
import { getopt, has } from '../jail/getopt.js';
import { badOption, usageError, type ZfsContext, type ZfsSubcommand } from './context.js';
import { findDataset, nameProblem, newGuid, nextTxg, parentName, poolOf, type ZfsDataset } from './model.js';
import { NUMERIC_PROPS, parseNumber } from './numbers.js';
import { canonicalProp, PROPS } from './props.js';
import { effectiveMountpoint, mountDataset, rootEntry } from './tree.js';

const USAGE = '\tcreate [-Pnpuv] [-o property=value] ... <filesystem>\n\tcreate [-Pnpsv] [-b blocksize] [-o property=value] ... -V <size> <volume>';

/** Check `prop=value` pairs; the error text after "cannot create 'x': " when one is bad. */
export function parseProps(pairs: string[], out: Record<string, string>): string | undefined {
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 0) return `missing '=' for property=value argument`;
    const name = canonicalProp(pair.slice(0, eq));
    const value = pair.slice(eq + 1);
    if (!name) return `invalid property '${pair.slice(0, eq)}'`;
    if (PROPS[name]?.readonly) return `'${name}' is readonly`;
    if (name === 'mountpoint' && !value.startsWith('/') && value !== 'none' && value !== 'legacy') {
      return "'mountpoint' must be an absolute path, 'none', or 'legacy'";
    }
    const allowed = PROPS[name]?.values;
    if (allowed && !allowed.includes(value)) return `'${name}' must be one of '${allowed.join(' | ')}'`;
    if (NUMERIC_PROPS.has(name)) {
      const n = parseNumber(name, value);
      if ('error' in n) return n.error;
      out[name] = n.bytes;
      continue;
    }
    out[name] = value;
  }
  return undefined;
}

/** Add a file system to the state (no checks); mounted unless `noMount` or canmount says otherwise. */
export function addDataset(state: SimState, fs: SimFs, name: string, props: Record<string, string>, noMount: boolean): ZfsDataset {
  const ds: ZfsDataset = {
    name,
    mountpoint: '',
    snapshots: [],
    properties: { ...props },
    guid: newGuid(state, name),
    creation: state.clock,
    createtxg: nextTxg(state),
    mounted: false,
    stored: [rootEntry(state.clock)],
  };
  state.datasets.push(ds);
  ds.mountpoint = effectiveMountpoint(state, ds);
  const canmount = ds.properties.canmount ?? 'on';
  if (!noMount && canmount === 'on') mountDataset(state, fs, ds);
  return ds;
}

/** A pool's root dataset (zpool create is not modelled; tests and seeds call this). */
export function createPool(state: SimState, fs: SimFs, pool: string, props: Record<string, string> = {}): ZfsDataset {
  return findDataset(state, pool) ?? addDataset(state, fs, pool, props, false);
}

export const zfsCreate: ZfsSubcommand = (z: ZfsContext, args) => {
  const spec = 'pPnuvo:b:sV:';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, USAGE, spec, opts.bad);
  if (has(opts, 'V')) return z.out.err('cannot create volume: volumes are not supported by the simulator\n').result(1);
  const name = opts.rest[0];
  if (name === undefined) return usageError(z, USAGE, 'missing filesystem argument');
  if (opts.rest.length > 1) return usageError(z, USAGE, 'too many arguments');
  const fail = (why: string) => z.out.err(`cannot create '${name}': ${why}\n`).result(1);
  const problem = nameProblem(name);
  if (problem) return fail(problem);
  const props: Record<string, string> = {};
  const bad = parseProps(opts.list.filter(([c]) => c === 'o').map(([, v]) => v), props);
  if (bad) return fail(bad);
  const parent = parentName(name);
  if (!parent) return fail('missing dataset name');
  if (!findDataset(z.state, poolOf(name))) return fail(`no such pool '${poolOf(name)}'`);
  // -p makes an existing file system a success, as mkdir -p does.
  if (findDataset(z.state, name)) return has(opts, 'p') ? z.out.result(0) : fail('dataset already exists');
  const missing: string[] = [];
  for (let p: string | undefined = parent; p && !findDataset(z.state, p); p = parentName(p)) missing.unshift(p);
  if (missing.length && !has(opts, 'p')) return fail('parent does not exist');
  if (has(opts, 'n')) return z.out.result(0);
  for (const p of missing) addDataset(z.state, z.fs, p, {}, has(opts, 'u'));
  const ds = addDataset(z.state, z.fs, name, props, has(opts, 'u'));
  if (has(opts, 'v')) z.out.out(`create ${ds.name}\n`);
  return z.out.result(0);
};
