/**
 * A dataset's files: while mounted they are the host files under its
 * mountpoint (minus other file systems mounted below it); while unmounted
 * they wait in `stored`. Snapshots, sends and rollbacks go through here.
 */
import { collectTree, extractTree, type ArchiveEntry } from '../../archive/index.js';
import { normalize, type SimFs } from '../../fs.js';
import type { SimState } from '../../types.js';
import { defaultFlags } from '../jail/mounts.js';
import { findDataset, parentName, type ZfsDataset } from './model.js';

export function rootEntry(clock: number): ArchiveEntry {
  return { name: './', kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: clock };
}

/** The mountpoint property's value: local or received, else inherited (parent's + name), else /<name>. */
export function effectiveMountpoint(state: SimState, ds: ZfsDataset): string {
  const own = ds.properties.mountpoint ?? ds.received?.mountpoint;
  if (own !== undefined) return own;
  const parent = parentName(ds.name);
  if (!parent) return `/${ds.name}`;
  const p = findDataset(state, parent);
  const base = p ? effectiveMountpoint(state, p) : `/${parent}`;
  if (base === 'none' || base === 'legacy') return base;
  return normalize(`${base}/${ds.name.slice(parent.length + 1)}`);
}

/** Host paths of other file systems mounted strictly below `mp` (their files are not this dataset's). */
function nestedMounts(state: SimState, mp: string): string[] {
  const prefix = mp === '/' ? '/' : `${mp}/`;
  return state.mounts.map((m) => m.on).filter((on) => on !== mp && on.startsWith(prefix));
}

function inside(path: string, dir: string): boolean {
  return path.startsWith(`${dir}/`);
}

/** The dataset's current files as archive entries ("./" first). */
export function currentTree(state: SimState, fs: SimFs, ds: ZfsDataset): ArchiveEntry[] {
  if (!ds.mounted) return ds.stored ?? [rootEntry(ds.creation ?? state.clock)];
  const mp = ds.mountpoint;
  const skip = nestedMounts(state, mp);
  // A mounted child's root hides the directory it covers; this dataset owns that directory's attributes.
  const covered = new Map<string, ArchiveEntry>();
  for (const d of state.datasets as ZfsDataset[]) if (d.mounted && d.shadowed?.[0] && skip.includes(d.mountpoint)) covered.set(d.mountpoint, d.shadowed[0]);
  return collectTree(fs, mp, '.')
    .filter((e) => !skip.some((s) => inside(normalize(`${mp}/${e.name}`), s)))
    .map((e) => {
      const under = covered.get(normalize(`${mp}/${e.name}`));
      return under ? { ...e, mode: under.mode, uid: under.uid, gid: under.gid, mtime: under.mtime } : e;
    });
}

/** Remove what lives under `mp` except other mounts and the directories leading to them. */
function clearDir(state: SimState, fs: SimFs, mp: string): void {
  const keep = nestedMounts(state, mp);
  const walk = (dir: string): void => {
    for (const child of fs.readdir(dir)) {
      const path = normalize(`${dir}/${child}`);
      if (keep.some((k) => k === path || inside(path, k))) continue;
      if (keep.some((k) => inside(k, path))) {
        walk(path);
        continue;
      }
      fs.remove(path, { recursive: true });
    }
  };
  if (fs.isDir(mp)) walk(mp);
}

/** Replace the dataset's files with `entries` (rollback, receive). */
export function replaceTree(state: SimState, fs: SimFs, ds: ZfsDataset, entries: ArchiveEntry[]): void {
  if (!ds.mounted) {
    ds.stored = structuredClone(entries);
    return;
  }
  clearDir(state, fs, ds.mountpoint);
  extractTree(fs, ds.mountpoint, entries);
}

/** Mount at the effective mountpoint; an error text when it cannot be mounted. */
export function mountDataset(state: SimState, fs: SimFs, ds: ZfsDataset): string | undefined {
  if (ds.mounted) return 'filesystem already mounted';
  const mp = effectiveMountpoint(state, ds);
  ds.mountpoint = mp;
  if (mp === 'none') return 'no mountpoint set';
  if (mp === 'legacy') return "legacy mountpoint\nuse mount(8) to mount this filesystem";
  if (fs.exists(mp) && !fs.isDir(mp)) return `failed to create mountpoint: File exists`;
  if (!fs.exists(mp)) fs.mkdir(mp, { parents: true });
  // Whatever was in the directory is hidden by the mount, not lost.
  ds.shadowed = collectTree(fs, mp, '.');
  clearDir(state, fs, mp);
  extractTree(fs, mp, ds.stored ?? [rootEntry(ds.creation ?? state.clock)]);
  ds.stored = undefined;
  ds.mounted = true;
  state.mounts.push({ from: ds.name, on: mp, fstype: 'zfs', options: defaultFlags('zfs', ds.properties.readonly === 'on') });
  return undefined;
}

/** Unmount (children first, as `zfs unmount` of a parent would need). */
export function unmountDataset(state: SimState, fs: SimFs, ds: ZfsDataset): void {
  if (!ds.mounted) return;
  const mp = ds.mountpoint;
  ds.stored = currentTree(state, fs, ds);
  clearDir(state, fs, mp);
  if (ds.shadowed) extractTree(fs, mp, ds.shadowed);
  ds.shadowed = undefined;
  ds.mounted = false;
  const i = state.mounts.findIndex((m) => m.fstype === 'zfs' && m.from === ds.name);
  if (i >= 0) state.mounts.splice(i, 1);
}

/** Entry identity for comparisons: everything but nothing ignored (a touch is a modification too). */
function key(e: ArchiveEntry): string {
  return JSON.stringify([e.name, e.kind, e.mode, e.uid, e.gid, e.mtime, e.data ?? '', e.target ?? '']);
}

export function sameTree(a: ArchiveEntry[], b: ArchiveEntry[]): boolean {
  if (a.length !== b.length) return false;
  const kb = new Set(b.map(key));
  return a.every((e) => kb.has(key(e)));
}

/** What changed from `from` to `to`: new or changed entries, and names that went away. */
export function treeDelta(from: ArchiveEntry[], to: ArchiveEntry[]): { changed: ArchiveEntry[]; deleted: string[] } {
  const before = new Set(from.map(key));
  const names = new Set(to.map((e) => e.name));
  return {
    changed: to.filter((e) => !before.has(key(e))),
    deleted: from.filter((e) => !names.has(e.name)).map((e) => e.name),
  };
}

/** Apply a delta to a tree (incremental receive). */
export function applyDelta(tree: ArchiveEntry[], changed: ArchiveEntry[], deleted: string[]): ArchiveEntry[] {
  const gone = new Set(deleted);
  const byName = new Map(tree.filter((e) => !gone.has(e.name) && ![...gone].some((g) => g.endsWith('/') && e.name.startsWith(g))).map((e) => [e.name, e]));
  for (const e of changed) byName.set(e.name, e);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Bytes a tree's files take (file data, 512-byte blocks). */
export function treeBytes(entries: ArchiveEntry[]): number {
  let n = 0;
  for (const e of entries) if (e.kind === 'file' && e.data) n += Math.ceil(Buffer.from(e.data, 'base64').length / 512) * 512;
  return n;
}
