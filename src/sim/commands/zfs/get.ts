/** zfs get [-rHp] [-d N] [-o field,...] [-t type] [-s source] all|PROP[,PROP]... [DS...]. */
import { getopt, has, value } from '../jail/getopt.js';
import { badOption, usageError, type ZfsSubcommand } from './context.js';
import { ALL_PROPS, canonicalProp, datasetProp, snapshotProp, userProps, type PropContext } from './props.js';
import { parseTypes, selectItems } from './select.js';
import { formatTable } from './table.js';

const USAGE =
  '\tget [-rHp] [-d max] [-o "all" | field[,...]]\n\t    [-t type[,...]] [-s source[,...]]\n\t    <"all" | property[,...]> [filesystem|volume|snapshot|bookmark] ...';
const FIELDS: Record<string, string> = { name: 'NAME', property: 'PROPERTY', value: 'VALUE', received: 'RECEIVED', source: 'SOURCE' };

export const zfsGet: ZfsSubcommand = (z, args) => {
  const spec = 'rHpd:o:t:s:';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, USAGE, spec, opts.bad);
  const [propList, ...names] = opts.rest;
  if (propList === undefined) return usageError(z, USAGE, 'missing property argument');
  const fieldText = value(opts, 'o') ?? 'name,property,value,source';
  const fields = fieldText === 'all' ? Object.keys(FIELDS) : fieldText.split(',');
  const badField = fields.find((f) => !FIELDS[f]);
  if (badField) return usageError(z, USAGE, `invalid column name '${badField}'`);
  const props: string[] = [];
  for (const p of propList.split(',')) {
    if (p === 'all') {
      props.push(...ALL_PROPS);
      continue;
    }
    const name = canonicalProp(p);
    if (!name) return usageError(z, USAGE, `bad property list: invalid property '${p}'`);
    props.push(name);
  }
  const depthText = value(opts, 'd');
  const depth = depthText !== undefined ? Number(depthText) : has(opts, 'r') ? Infinity : undefined;
  const types = parseTypes(value(opts, 't'), ['filesystem', 'snapshot']);
  if (typeof types === 'string') return usageError(z, USAGE, `invalid type '${types}'`);
  // Without -r, a named file system is itself only (not its snapshots).
  const sel = selectItems(z.state, names, { depth, types: names.length && depth === undefined ? new Set(['filesystem', 'snapshot'] as const) : types });
  const items = names.length && depth === undefined ? sel.items.filter((i) => names.includes(i.snap ? `${i.ds.name}@${i.snap.name}` : i.ds.name)) : sel.items;
  for (const m of sel.missing) z.out.err(`cannot open '${m}': dataset does not exist\n`);
  const sources = value(opts, 's')?.split(',');
  const c: PropContext = { state: z.state, fs: z.fs, parsable: has(opts, 'p') };
  const rows: string[][] = [];
  for (const i of items) {
    const name = i.snap ? `${i.ds.name}@${i.snap.name}` : i.ds.name;
    const all = propList.split(',').includes('all') ? userProps(z.state, i.ds) : [];
    for (const p of [...props, ...all]) {
      const v = i.snap ? snapshotProp(c, i.ds, i.snap, p) : datasetProp(c, i.ds, p);
      const kind = v.source.startsWith('inherited') ? 'inherited' : v.source === '-' ? 'none' : v.source;
      if (sources && !sources.includes(kind)) continue;
      const received = i.ds.received?.[p] ?? '-';
      const cells: Record<string, string> = { name, property: p, value: v.value, received, source: v.source };
      rows.push(fields.map((f) => cells[f]!));
    }
  }
  z.out.out(formatTable(fields.map((f) => ({ header: FIELDS[f]!, right: false })), rows, has(opts, 'H'), rows.length > 0));
  return z.out.result(sel.missing.length ? 1 : 0);
};
