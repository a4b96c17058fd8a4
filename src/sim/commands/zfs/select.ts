/** Which datasets and snapshots a `zfs list` / `zfs get` command line names (-r, -d, -t), in zfs_compare order. */
import type { SimState } from '../../types.js';
import { datasets, findDataset, splitSnapshot, type ZfsDataset, type ZfsSnapshot } from './model.js';

export interface Item {
  ds: ZfsDataset;
  snap?: ZfsSnapshot;
}

export interface Selection {
  items: Item[];
  /** Names that do not exist (each gets "cannot open"). */
  missing: string[];
}

export interface SelectOptions {
  depth?: number; // undefined: no recursion; Infinity: -r
  types: Set<'filesystem' | 'snapshot'>;
}

function depthOf(name: string): number {
  return name.split('/').length;
}

function itemName(i: Item): string {
  return i.snap ? `${i.ds.name}@${i.snap.name}` : i.ds.name;
}

/** zfs_compare: dataset names by strcmp, a file system before its snapshots, snapshots by createtxg. */
function compareItems(a: Item, b: Item): number {
  if (a.ds.name !== b.ds.name) return a.ds.name < b.ds.name ? -1 : 1;
  if (!a.snap) return b.snap ? -1 : 0;
  if (!b.snap) return 1;
  return a.snap.createtxg - b.snap.createtxg;
}

export function selectItems(state: SimState, names: string[], o: SelectOptions): Selection {
  const items = new Map<string, Item>();
  const missing: string[] = [];
  const add = (i: Item) => items.set(itemName(i), i);
  const addTree = (root: ZfsDataset, maxDepth: number) => {
    const base = depthOf(root.name);
    for (const ds of datasets(state)) {
      if (ds.name !== root.name && !ds.name.startsWith(`${root.name}/`)) continue;
      const d = depthOf(ds.name) - base;
      if (d > maxDepth) continue;
      if (o.types.has('filesystem')) add({ ds });
      // A snapshot is one level below its file system.
      if (o.types.has('snapshot') && d + 1 <= maxDepth) for (const snap of ds.snapshots) add({ ds, snap });
    }
  };
  if (!names.length) {
    for (const ds of datasets(state)) if (!ds.name.includes('/')) addTree(ds, o.depth ?? Infinity);
  }
  for (const name of names) {
    const { ds: dsName, snap } = splitSnapshot(name);
    const ds = findDataset(state, dsName);
    const s = snap === undefined ? undefined : ds?.snapshots.find((x) => x.name === snap);
    if (!ds || (snap !== undefined && !s)) {
      missing.push(name);
      continue;
    }
    if (s) {
      add({ ds, snap: s });
      continue;
    }
    if (o.depth !== undefined) addTree(ds, o.depth);
    else if (o.types.has('filesystem')) add({ ds });
    // "zfs list -t snapshot fs" lists fs's own snapshots.
    if (o.depth === undefined && o.types.has('snapshot')) {
      if (!o.types.has('filesystem')) for (const sn of ds.snapshots) add({ ds, snap: sn });
    }
  }
  return { items: [...items.values()].sort(compareItems), missing };
}

/** -t's list: filesystem, snapshot, volume, bookmark, all (and their short forms). */
export function parseTypes(text: string | undefined, fallback: Array<'filesystem' | 'snapshot'>): Set<'filesystem' | 'snapshot'> | string {
  if (text === undefined) return new Set(fallback);
  const out = new Set<'filesystem' | 'snapshot'>();
  for (const t of text.split(',')) {
    if (t === 'all') {
      out.add('filesystem');
      out.add('snapshot');
    } else if (t === 'filesystem' || t === 'fs') out.add('filesystem');
    else if (t === 'snapshot' || t === 'snap') out.add('snapshot');
    else if (t === 'volume' || t === 'vol' || t === 'bookmark') continue;
    else return t;
  }
  return out;
}
