/**
 * The snapshots of a jail's dataset, oldest first: `zfs list -H -t snapshot
 * -o name -d 1 DATASET` (zfs-list(8): -d 1 is the dataset and its direct
 * children, -t snapshot keeps the snapshots; they sort by creation). A
 * missing dataset is `cannot open 'NAME': dataset does not exist`, exit 1.
 */
import { command } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { jlsFact } from '../jail/jls-fact.js';
import { zfsScope } from '../scopes.js';
import type { FactSpec } from '../types.js';
import type { JailSnapshotArgs } from './args.js';

export type Snapshots = { exists: false } | { exists: true; names: string[] };

export function snapshotsFact(dataset: string): FactSpec<Snapshots> {
  const key = `zfs-snapshots::${dataset}`;
  return {
    key,
    command: command('zfs', 'list', '-H', '-t', 'snapshot', '-o', 'name', '-d', '1', dataset),
    reads: [zfsScope(dataset)],
    parse(out) {
      if (out.code === 1 && /dataset does not exist/.test(out.stderr)) return { exists: false };
      if (out.code !== 0) throw new FactParseError(key, 'zfs list failed', out);
      const names: string[] = [];
      for (const line of out.stdout.split('\n')) {
        if (!line) continue;
        if (!line.startsWith(`${dataset}@`)) throw new FactParseError(key, `not a snapshot of ${dataset}: ${line}`, out);
        names.push(line.slice(dataset.length + 1));
      }
      return { exists: true, names };
    },
  };
}

export function jailSnapshotFacts(a: JailSnapshotArgs): FactSpec[] {
  return a.state === 'rolled_back' ? [snapshotsFact(a.dataset), jlsFact()] : [snapshotsFact(a.dataset)];
}
