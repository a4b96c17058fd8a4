/**
 * `zfs list -s PROP` / `-S PROP` (zfs-list(8): "-s property: a property for
 * sorting the output by column in ascending order"; -S the same,
 * descending; both may be repeated). As cmd/zfs/zfs_iter.c zfs_sort(): the
 * columns in the order given; `name` and string properties by strcmp,
 * numeric ones (sizes, creation, createtxg...) by value; an item for which
 * a property is not valid sorts after one for which it is; when every
 * column ties, zfs_compare's order (select.ts) decides.
 */
import { datasetProp, PROPS, snapshotProp, type PropContext } from './props.js';
import type { Item } from './select.js';

export interface SortColumn {
  prop: string;
  reverse: boolean;
}

/** Numeric in zfs_prop_is_string()'s sense: the right-aligned size columns, and the time and counters. */
function numeric(prop: string): boolean {
  return PROPS[prop]?.right === true || prop === 'creation';
}

function valueOf(c: PropContext, i: Item, prop: string): string | undefined {
  const v = (i.snap ? snapshotProp(c, i.ds, i.snap, prop) : datasetProp(c, i.ds, prop)).value;
  return v === '-' && prop !== 'name' ? undefined : v;
}

function compareColumn(c: PropContext, a: Item, b: Item, col: SortColumn): number {
  const l = valueOf(c, a, col.prop);
  const r = valueOf(c, b, col.prop);
  if (l === undefined || r === undefined) return l === r ? 0 : l === undefined ? 1 : -1;
  let ret: number;
  if (numeric(col.prop)) ret = Math.sign(Number(l) - Number(r));
  else ret = l < r ? -1 : l > r ? 1 : 0;
  return col.reverse ? -ret : ret;
}

/** `items` are already in zfs_compare order; a stable sort keeps it for ties. */
export function sortItems(c: PropContext, items: Item[], columns: SortColumn[]): Item[] {
  if (!columns.length) return items;
  const parsable = { ...c, parsable: true };
  return [...items].sort((a, b) => {
    for (const col of columns) {
      const ret = compareColumn(parsable, a, b, col);
      if (ret !== 0) return ret;
    }
    return 0;
  });
}
