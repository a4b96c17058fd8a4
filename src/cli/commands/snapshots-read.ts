/**
 * What `jailfleet snapshots` reads from one host, in at most two execs and
 * nothing that changes it: the running jails (jls), the configured ones
 * (jail.conf and jail.conf.d, running or stopped) and the host's ZFS file
 * systems, then the snapshots of the datasets mounted at those jails' roots
 * (modules/jail/dataset-of.ts: how a jail maps to its dataset). A running
 * jail's root is the one jls shows, whatever its file says; a stopped one's
 * is its file's — ZFS keeps its dataset mounted there.
 */
import { readFacts } from '../../engine/move/jail-site.js';
import { JailfleetError } from '../../errors.js';
import { ConfFileError, type ConfJail } from '../../modules/jail/conf-jails.js';
import { confFilesFact, configuredJails } from '../../modules/jail/configured-jails.js';
import { datasetMountedAt, filesystemsFact, type Filesystems } from '../../modules/jail/dataset-of.js';
import { findJail, jlsFact, type RunningJail } from '../../modules/jail/jls-fact.js';
import { snapshotTableFact, type SnapshotRow, type SnapshotTable } from '../../modules/jail-snapshot/snapshot-table.js';
import type { Transport } from '../../transport/transport.js';

export interface JailSnapshots {
  jail: string;
  /** null: neither running nor configured on the host. */
  state: 'running' | 'stopped' | null;
  /** The jail's root: jls's when it runs, its configuration's when stopped. */
  path: string | null;
  dataset: string | null;
  snapshots: SnapshotRow[];
  /** Why there is no list: unknown jail, no path configured, no ZFS, no dataset at the root. */
  note?: string;
}

export interface HostSnapshots {
  /** Whether the host has a pool: zfs(8) answers and lists a file system. */
  zfs: boolean;
  jails: JailSnapshots[];
}

const UNKNOWN = 'not running, and not defined in /etc/jail.conf or /etc/jail.conf.d/*.conf';

/** The root and state of a jail jls lists or a file configures. */
function located(jail: RunningJail | undefined, conf: ConfJail | undefined): Pick<JailSnapshots, 'state' | 'path' | 'note'> {
  if (jail) return { state: 'running', path: jail.path };
  if (!conf) return { state: null, path: null, note: UNKNOWN };
  if (conf.path === undefined) return { state: 'stopped', path: null, note: `no root known: ${conf.problem ?? 'no path'}` };
  return { state: 'stopped', path: conf.path };
}

function entry(name: string, jail: RunningJail | undefined, conf: ConfJail | undefined, fs: Filesystems): JailSnapshots {
  const { state, path, note } = located(jail, conf);
  const base = { jail: name, state, path, snapshots: [] };
  if (path === null) return { ...base, dataset: null, note: note! };
  if (!fs.zfs) return { ...base, dataset: null, note: `no ZFS on this host (${fs.why})` };
  if (fs.list.length === 0) return { ...base, dataset: null, note: 'no ZFS on this host (no pool)' };
  const dataset = datasetMountedAt(fs.list, path) ?? null;
  if (dataset === null) return { ...base, dataset, note: `no ZFS dataset: ${path} is not the mountpoint of a ZFS file system` };
  return { ...base, dataset };
}

function configured(files: Map<string, string>): ConfJail[] {
  try {
    return configuredJails(files);
  } catch (err) {
    if (err instanceof ConfFileError) throw new JailfleetError(`cannot read the jail configuration: ${err.message}`);
    throw err;
  }
}

/**
 * The jails named (when none is: the configured ones in their files' order,
 * then those running without a configuration), each with its dataset's
 * snapshots, oldest first.
 */
export async function readHostSnapshots(transport: Transport, names: string[], timeoutMs: number): Promise<HostSnapshots> {
  const [running, files, fs] = await readFacts<[RunningJail[], Map<string, string>, Filesystems]>(transport, [jlsFact(), confFilesFact(), filesystemsFact()], timeoutMs);
  const confs = configured(files);
  const wanted = names.length ? names : [...new Set([...confs.map((j) => j.name), ...running.map((j) => j.name)])];
  const jails = wanted.map((name) => entry(name, findJail(running, name), confs.find((j) => j.name === name), fs));
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
