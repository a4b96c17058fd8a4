/**
 * The ZFS model over SimState.datasets. types.ts (owned elsewhere) declares
 * only name, mountpoint, snapshots and properties; the extra fields below
 * live in the same JSON objects, so they persist with the host state.
 */
import { createHash } from 'node:crypto';
import type { ArchiveEntry } from '../../archive/index.js';
import type { SimDataset, SimState } from '../../types.js';

export interface ZfsSnapshot {
  name: string;
  guid: string;
  createtxg: number;
  creation?: number;
  /** The dataset's files at snapshot time ("./", "./etc/", ...). */
  tree?: ArchiveEntry[];
}

/** A partially received stream kept by `zfs receive -s`. */
export interface ZfsPartial {
  snapshot: string;
  toguid: string;
  fromguid?: string;
  entries: ArchiveEntry[];
  deleted: string[];
  props: Record<string, string>;
}

export interface ZfsDataset extends SimDataset {
  snapshots: ZfsSnapshot[];
  guid?: string;
  creation?: number;
  createtxg?: number;
  mounted?: boolean;
  /** Files while unmounted (the mountpoint directory then shows what lies under it). */
  stored?: ArchiveEntry[];
  /** What the mount covered in the parent directory, restored on unmount. */
  shadowed?: ArchiveEntry[];
  /** Properties that arrived with a stream (source "received"). */
  received?: Record<string, string>;
  partial?: ZfsPartial;
}

export function datasets(state: SimState): ZfsDataset[] {
  return state.datasets as ZfsDataset[];
}

export function findDataset(state: SimState, name: string): ZfsDataset | undefined {
  return datasets(state).find((d) => d.name === name);
}

export function poolOf(name: string): string {
  return name.split(/[/@]/)[0] ?? name;
}

export function parentName(name: string): string | undefined {
  const i = name.lastIndexOf('/');
  return i < 0 ? undefined : name.slice(0, i);
}

/** Descendant filesystems, parents first, siblings in name order. */
export function descendants(state: SimState, name: string): ZfsDataset[] {
  return datasets(state)
    .filter((d) => d.name.startsWith(`${name}/`))
    .sort((a, b) => compareNames(a.name, b.name));
}

/** zfs_compare: dataset part by strcmp; a filesystem sorts before its snapshots. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A pool-wide transaction group counter, derived so it needs no extra state. */
export function nextTxg(state: SimState): number {
  let max = 1;
  for (const d of datasets(state)) {
    max = Math.max(max, d.createtxg ?? 1);
    for (const s of d.snapshots) max = Math.max(max, s.createtxg);
  }
  return max + 1;
}

/** A 64-bit guid as zfs prints it (decimal), stable for a given host, name and time. */
export function newGuid(state: SimState, name: string): string {
  const h = createHash('sha256').update(`${state.hostname}\0${name}\0${state.clock}\0${nextTxg(state)}\0${datasets(state).length}`).digest();
  return (h.readBigUInt64BE(0) & 0x7fffffffffffffffn).toString();
}

export function snapshotByName(ds: ZfsDataset, snap: string): ZfsSnapshot | undefined {
  return ds.snapshots.find((s) => s.name === snap);
}

export function newestSnapshot(ds: ZfsDataset): ZfsSnapshot | undefined {
  return ds.snapshots[ds.snapshots.length - 1];
}

/** Split "pool/fs@snap" into its parts; snap undefined without '@'. */
export function splitSnapshot(full: string): { ds: string; snap?: string } {
  const at = full.indexOf('@');
  return at < 0 ? { ds: full } : { ds: full.slice(0, at), snap: full.slice(at + 1) };
}

const NAME_CHARS = /^[A-Za-z0-9_.:\-/]+$/;

/** Why a dataset name is invalid (zfs_name_valid's messages), or undefined. */
export function nameProblem(name: string): string | undefined {
  if (name.includes('@')) return "snapshot delimiter '@' is not expected here";
  if (!name || name.startsWith('/')) return 'leading slash in name';
  if (name.endsWith('/')) return 'trailing slash in name';
  if (name.includes('//')) return 'empty component in name';
  const bad = [...name].find((c) => !NAME_CHARS.test(c));
  if (bad !== undefined) return `invalid character '${bad}' in name`;
  return undefined;
}
