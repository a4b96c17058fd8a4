/**
 * `snapshot: before_change` (issue 18): a jail on its own dataset gets
 * `zfs snapshot DATASET@jailfleet-YYYYMMDDTHHMMSSZ` (UTC, from the host's
 * clock when the step runs) before the run changes anything about it, and
 * only the newest `snapshot_keep` of those snapshots are kept — other
 * snapshots of the dataset are the operator's and are never touched. The
 * names sort by time, so the newest is the last in name order. A failed
 * upgrade rolls the dataset back to the newest (the one this run took):
 * upgrade.ts.
 */
import { quote } from '../../shell/quote.js';
import type { PlanParts } from '../plan-parts.js';
import type { FactReader } from '../types.js';
import type { JailArgs } from './args.js';
import { datasetFact } from './facts.js';
import { zfsChanges } from './root-tree.js';

const PREFIX = 'jailfleet-';

/** Whether a change to this jail is preceded by a snapshot: the option is on and the dataset is there to snapshot. */
export function snapshotsBefore(a: JailArgs, facts: FactReader): boolean {
  return a.snapshot === 'before_change' && a.dataset !== undefined && facts.get(datasetFact(a.dataset)).exists;
}

/** Our snapshots of the dataset, newest first. */
function ours(dataset: string): string {
  return `zfs list -H -t snapshot -o name -d 1 ${quote(dataset)} | grep -F ${quote(`${dataset}@${PREFIX}`)} | sort -r`;
}

export function snapshotStep(a: JailArgs): PlanParts {
  const ds = a.dataset ?? '';
  const command = [
    `zfs snapshot ${quote(`${ds}@${PREFIX}`)}"$(date -u +%Y%m%dT%H%M%SZ)" || exit 1`,
    `${ours(ds)} | {`,
    '  jf_n=0',
    '  while IFS= read -r jf_s; do',
    '    jf_n=$((jf_n + 1))',
    `    [ "$jf_n" -le ${a.snapshot_keep} ] && continue`,
    '    zfs destroy "$jf_s" || exit 1',
    '  done',
    '}',
  ].join('\n');
  return {
    steps: [{ title: `snapshot ${ds} before changing jail ${a.name}`, command, changes: zfsChanges(ds) }],
    diffs: [],
    updates: [],
    notes: [`${ds} snapshotted (keeping the newest ${a.snapshot_keep})`],
  };
}

/**
 * Shell lines that roll the dataset back to the newest of our snapshots, for
 * a step that failed after changing the tree; `after` runs once the rollback
 * succeeded (a tree that could not be rolled back is left as it is).
 */
export function rollbackLines(a: JailArgs, after: string[] = []): string[] {
  const ds = a.dataset ?? '';
  return [
    `jf_snap=$(${ours(ds)} | head -n 1)`,
    'if [ -n "$jf_snap" ] && zfs rollback -r "$jf_snap"; then',
    `  printf 'jail %s: rolled back to %s\\n' ${quote(a.name)} "$jf_snap" >&2`,
    ...after.map((l) => `  ${l}`),
    'fi',
  ];
}
