/**
 * Space accounting, modelled from the file trees: an empty file system
 * refers to 96K (what a fresh dataset shows on FreeBSD); files add their
 * bytes in 512-byte blocks; a snapshot uses the blocks that neither its
 * neighbours nor the head share with it. The pool is a fixed 20G.
 */
import type { SimFs } from '../../fs.js';
import type { SimState } from '../../types.js';
import { datasets, poolOf, type ZfsDataset, type ZfsSnapshot } from './model.js';
import { currentTree, treeBytes } from './tree.js';
import type { ArchiveEntry } from '../../archive/index.js';

export const EMPTY_FS_BYTES = 96 * 1024;
export const POOL_BYTES = 20 * 1024 ** 3;

function fileKeys(tree: ArchiveEntry[]): Map<string, ArchiveEntry> {
  return new Map(tree.filter((e) => e.kind === 'file').map((e) => [`${e.name}\0${e.data ?? ''}`, e]));
}

export function referenced(state: SimState, fs: SimFs, ds: ZfsDataset): number {
  return EMPTY_FS_BYTES + treeBytes(currentTree(state, fs, ds));
}

export function snapshotReferenced(snap: ZfsSnapshot): number {
  return EMPTY_FS_BYTES + treeBytes(snap.tree ?? []);
}

/** Blocks only this snapshot holds. */
export function snapshotUsed(state: SimState, fs: SimFs, ds: ZfsDataset, snap: ZfsSnapshot): number {
  const i = ds.snapshots.indexOf(snap);
  const prev = i > 0 ? (ds.snapshots[i - 1]!.tree ?? []) : [];
  const next = i + 1 < ds.snapshots.length ? (ds.snapshots[i + 1]!.tree ?? []) : currentTree(state, fs, ds);
  const shared = new Set([...fileKeys(prev).keys(), ...fileKeys(next).keys()]);
  const unique = [...fileKeys(snap.tree ?? []).entries()].filter(([k]) => !shared.has(k)).map(([, e]) => e);
  return treeBytes(unique);
}

/**
 * usedbysnapshots (zfsprops(7)): "the amount of space that would be freed if
 * all of this dataset's snapshots were destroyed" — the blocks any snapshot
 * holds that the head does not, each counted once, which is more than the
 * sum of the snapshots' own `used` when several snapshots share them.
 */
function usedBySnapshots(state: SimState, fs: SimFs, ds: ZfsDataset): number {
  const head = fileKeys(currentTree(state, fs, ds));
  const held = new Map<string, ArchiveEntry>();
  for (const s of ds.snapshots) for (const [k, e] of fileKeys(s.tree ?? [])) if (!head.has(k)) held.set(k, e);
  return treeBytes([...held.values()]);
}

export function used(state: SimState, fs: SimFs, ds: ZfsDataset): number {
  let n = referenced(state, fs, ds) + usedBySnapshots(state, fs, ds);
  for (const child of datasets(state)) if (child.name.startsWith(`${ds.name}/`) && !child.name.slice(ds.name.length + 1).includes('/')) n += used(state, fs, child);
  return n;
}

export function available(state: SimState, fs: SimFs, ds: ZfsDataset): number {
  const root = datasets(state).find((d) => d.name === poolOf(ds.name));
  return Math.max(0, POOL_BYTES - (root ? used(state, fs, root) : 0));
}

/** zfs_nicenum(): 1024-based, at most 5 characters, "B" for bytes below 1K (zfs_nicebytes). */
export function nicenum(n: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  while (i < units.length - 1 && n >= 1024 ** (i + 1)) i++;
  if (i === 0) return `${n}B`;
  const unit = units[i]!;
  const v = n / 1024 ** i;
  if (n % 1024 ** i === 0) return `${v}${unit}`;
  for (const digits of [2, 1, 0]) {
    const text = `${v.toFixed(digits)}${unit}`;
    if (text.length <= 5) return text;
  }
  return `${Math.round(v)}${unit}`;
}
