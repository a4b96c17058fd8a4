/** zfs list [-Hp] [-r|-d N] [-o prop,...] [-t type,...] [DS...]: one row per dataset, real zfs's alignment. */
import { getopt, has, value } from '../jail/getopt.js';
import { badOption, usageError, type ZfsSubcommand } from './context.js';
import { alignRight, canonicalProp, columnHeader, datasetProp, snapshotProp, type PropContext } from './props.js';
import { parseTypes, selectItems } from './select.js';
import { sortItems, type SortColumn } from './sort.js';
import { formatTable } from './table.js';

const USAGE =
  '\tlist [-Hp] [-r|-d max] [-o property[,...]] [-s property]...\n\t    [-S property]... [-t type[,...]] [filesystem|volume|snapshot] ...';
const DEFAULT_COLUMNS = 'name,used,available,referenced,mountpoint';

export const zfsList: ZfsSubcommand = (z, args) => {
  const spec = 'Hpro:d:t:s:S:';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, USAGE, spec, opts.bad);
  const depthText = value(opts, 'd');
  if (depthText !== undefined && !/^\d+$/.test(depthText)) return usageError(z, USAGE, `invalid depth '${depthText}'`);
  const depth = depthText !== undefined ? Number(depthText) : has(opts, 'r') ? Infinity : undefined;
  const types = parseTypes(value(opts, 't'), ['filesystem']);
  if (typeof types === 'string') return usageError(z, USAGE, `invalid type '${types}'`);
  const props: string[] = [];
  for (const p of (value(opts, 'o') ?? DEFAULT_COLUMNS).split(',')) {
    const name = canonicalProp(p);
    if (!name) return usageError(z, USAGE, `invalid property '${p}'`);
    props.push(name);
  }
  const sort: SortColumn[] = [];
  for (const [flag, p] of opts.list) {
    if (flag !== 's' && flag !== 'S') continue;
    const name = canonicalProp(p);
    if (!name) return usageError(z, USAGE, `invalid property '${p}'`);
    sort.push({ prop: name, reverse: flag === 'S' });
  }
  const sel = selectItems(z.state, opts.rest, { depth, types });
  for (const m of sel.missing) z.out.err(`cannot open '${m}': dataset does not exist\n`);
  const c: PropContext = { state: z.state, fs: z.fs, parsable: has(opts, 'p') };
  const rows = sortItems(c, sel.items, sort).map((i) => props.map((p) => (i.snap ? snapshotProp(c, i.ds, i.snap, p) : datasetProp(c, i.ds, p)).value));
  const scripted = has(opts, 'H');
  if (rows.length) z.out.out(formatTable(props.map((p) => ({ header: columnHeader(p), right: alignRight(p) })), rows, scripted, true));
  else if (!sel.missing.length && !scripted) z.out.err('no datasets available\n');
  return z.out.result(sel.missing.length ? 1 : 0);
};
