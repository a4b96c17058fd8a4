/**
 * A dataset's snapshots with their creation time and space, oldest first, as
 * `jailfleet snapshots` lists them: `zfs list -H -p -t snapshot -o
 * name,creation,used -s creation -d 1 DATASET` (zfs-list(8): -H tab-separated
 * without a header; -p exact numbers, so creation is seconds since the epoch
 * and used is bytes; -d 1 the dataset's own snapshots, not its children's;
 * -s creation oldest first). `used` is the space only that snapshot holds
 * (zfsprops(7)): what destroying it alone would free. A missing dataset is
 * `cannot open 'NAME': dataset does not exist`, exit 1.
 */
import { command } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { zfsScope } from '../scopes.js';
import type { FactSpec } from '../types.js';

export interface SnapshotRow {
  /** The part after `@`. */
  name: string;
  /** Seconds since the epoch. */
  creation: number;
  /** Bytes. */
  used: number;
}

export type SnapshotTable = { exists: false } | { exists: true; snapshots: SnapshotRow[] };

export function snapshotTableFact(dataset: string): FactSpec<SnapshotTable> {
  const key = `zfs-snapshot-table::${dataset}`;
  return {
    key,
    command: command('zfs', 'list', '-H', '-p', '-t', 'snapshot', '-o', 'name,creation,used', '-s', 'creation', '-d', '1', dataset),
    reads: [zfsScope(dataset)],
    parse(out) {
      if (out.code === 1 && /dataset does not exist/.test(out.stderr)) return { exists: false };
      if (out.code !== 0) throw new FactParseError(key, 'zfs list failed', out);
      const snapshots = out.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const m = /^([^\t@]+)@([^\t]+)\t(\d+)\t(\d+)$/.exec(line);
          if (!m || m[1] !== dataset) throw new FactParseError(key, `not "${dataset}@NAME<TAB>CREATION<TAB>USED": ${line}`, out);
          return { name: m[2]!, creation: Number(m[3]), used: Number(m[4]) };
        });
      return { exists: true, snapshots };
    },
  };
}
