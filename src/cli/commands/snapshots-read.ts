/**
 * What `jailfleet snapshots` reads from one host, in at most two execs and
 * nothing that changes it: the running jails (jls) and the host's ZFS file
 * systems, then the snapshots of the datasets mounted at those jails' roots
 * (modules/jail/dataset-of.ts: how a jail maps to its dataset).
 */
import { readFacts } from '../../engine/move/jail-site.js';
import { datasetMountedAt, filesystemsFact, type Filesystems } from '../../modules/jail/dataset-of.js';
import { findJail, jlsFact, type RunningJail } from '../../modules/jail/jls-fact.js';
import { snapshotTableFact, type SnapshotRow, type SnapshotTable } from '../../modules/jail-snapshot/snapshot-table.js';
import type { Transport } from '../../transport/transport.js';

export interface JailSnapshots {
  jail: string;
  /** The jail's root (jls), when it runs. */
  path: string | null;
  dataset: string | null;
  snapshots: SnapshotRow[];
  /** Why there is no list: not running, no ZFS, no dataset at the root. */
  note?: string;
}

export interface HostSnapshots {
  /** Whether the host has a pool: zfs(8) answers and lists a file system. */
  zfs: boolean;
  jails: JailSnapshots[];
}

function entry(jail: RunningJail | undefined, name: string, fs: Filesystems): JailSnapshots {
  if (!jail) return { jail: name, path: null, dataset: null, snapshots: [], note: 'not running (jls does not list it, so its root is not known)' };
  const base = { jail: name, path: jail.path, snapshots: [] };
  if (!fs.zfs) return { ...base, dataset: null, note: `no ZFS on this host (${fs.why})` };
  if (fs.list.length === 0) return { ...base, dataset: null, note: 'no ZFS on this host (no pool)' };
  const dataset = datasetMountedAt(fs.list, jail.path) ?? null;
  if (dataset === null) return { ...base, dataset, note: `no ZFS dataset: ${jail.path} is not the mountpoint of a ZFS file system` };
  return { ...base, dataset };
}

/** The jails named (all running jails when none is), each with its dataset's snapshots, oldest first. */
export async function readHostSnapshots(transport: Transport, names: string[], timeoutMs: number): Promise<HostSnapshots> {
  const [running, fs] = await readFacts<[RunningJail[], Filesystems]>(transport, [jlsFact(), filesystemsFact()], timeoutMs);
  const wanted = names.length ? names : running.map((j) => j.name);
  const jails = wanted.map((name) => entry(findJail(running, name), name, fs));
  const zfs = fs.zfs && fs.list.length > 0;
  const datasets = [...new Set(jails.flatMap((j) => (j.dataset === null ? [] : [j.dataset])))];
  if (datasets.length === 0) return { zfs, jails };
  const tables = await readFacts<SnapshotTable[]>(transport, datasets.map(snapshotTableFact), timeoutMs);
  const byDataset = new Map(datasets.map((d, i) => [d, tables[i]!]));
  for (const j of jails) {
    const table = j.dataset === null ? undefined : byDataset.get(j.dataset);
    if (!table) continue;
    // Destroyed between the two reads.
    if (!table.exists) j.note = `dataset ${j.dataset} does not exist`;
    else j.snapshots = table.snapshots;
  }
  return { zfs, jails };
}
