/**
 * A host's outcome in a pass, from what the engine showed of it (pure).
 * The check decides ok / drifted / failed / unreachable / busy; a --fix
 * apply then turns the drifted tasks it changed into corrective repairs.
 */
import { LOCK_BUSY_EXIT } from '../engine/host-lock.js';
import { unifiedDiff } from '../report/diff-text.js';
import type { HostRecord, TaskRecord } from './history-store.js';
import type { HostSeen, TaskSeen } from './host-seen.js';

/** Secrets never reach the database (the same redactor as every printer's). */
export type Redact = (text: string) => string;

const failedHard = (t: TaskSeen): boolean => t.status === 'failed' && !t.ignored;
/** The engine reports a host whose lock another run holds as a failed `lockf` step with lockf's EX_TEMPFAIL. */
const isBusy = (t: TaskSeen): boolean => failedHard(t) && t.module === 'lockf' && t.exitCode === LOCK_BUSY_EXIT;
const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

function diffText(t: TaskSeen, redact: Redact): string | null {
  if (!t.diffs?.length) return null;
  return redact(t.diffs.map((d) => unifiedDiff(d).trimEnd()).join('\n'));
}

function taskRecord(t: TaskSeen, seq: number, status: TaskRecord['status'], redact: Redact, corrective = false): TaskRecord {
  // A failed task's diffs are those of the steps it completed before failing: on the host now.
  return { seq, task: t.task, module: t.module, status, corrective, message: redact(t.message), diff: diffText(t, redact) };
}

/** The check's view of a host; undefined when the host was never checked (interrupted before it). */
export function checkOutcome(seen: HostSeen, redact: Redact): HostRecord | undefined {
  const { host } = seen;
  if (seen.unreachable !== undefined) return { host, outcome: 'unreachable', message: redact(seen.unreachable), tasks: [] };
  const busy = seen.tasks.find(isBusy);
  if (busy) return { host, outcome: 'busy', message: redact(busy.message), tasks: [] };
  if (seen.notRun !== undefined && seen.tasks.length === 0) return undefined;
  const tasks: TaskRecord[] = [];
  seen.tasks.forEach((t, seq) => {
    if (failedHard(t)) tasks.push(taskRecord(t, seq, 'failed', redact));
    // A task that only depends on an earlier drifted one is not drift of its own: the repair will tell.
    else if (t.status === 'changed' && t.predicted !== false) tasks.push(taskRecord(t, seq, 'drifted', redact));
  });
  const failed = seen.tasks.find(failedHard);
  if (failed) return { host, outcome: 'failed', message: redact(`${failed.task}: ${failed.message}`), tasks };
  const drifted = tasks.length;
  if (drifted > 0) return { host, outcome: 'drifted', message: `${plural(drifted, 'task')} drifted`, tasks };
  return { host, outcome: 'ok', message: '', tasks: [] };
}

const keyOf = (t: { task: string; module: string }): string => `${t.module}\u0000${t.task}`;

/**
 * A drifted host after the --fix apply: tasks it changed are repaired
 * (corrective), tasks it failed are failed, drifted tasks it never reached
 * stay drifted; a host the apply could not start keeps the check's rows.
 */
export function fixOutcome(check: HostRecord, fix: HostSeen, redact: Redact): HostRecord {
  const { host } = check;
  if (fix.unreachable !== undefined) return { ...check, outcome: 'unreachable', message: redact(`not repaired: ${fix.unreachable}`) };
  const busy = fix.tasks.find(isBusy);
  if (busy) return { ...check, outcome: 'busy', message: redact(`not repaired: ${busy.message}`) };
  if (fix.notRun !== undefined && fix.tasks.length === 0) return { ...check, message: redact(`${check.message}; not repaired: ${fix.notRun}`) };

  const tasks: TaskRecord[] = [];
  const reached = new Set<string>();
  fix.tasks.forEach((t, seq) => {
    reached.add(keyOf(t));
    if (failedHard(t)) tasks.push(taskRecord(t, seq, 'failed', redact));
    else if (t.status === 'changed') tasks.push(taskRecord(t, seq, 'repaired', redact, true));
  });
  const unreached = check.tasks.filter((t) => t.status === 'drifted' && !reached.has(keyOf(t)));
  tasks.push(...unreached.map((t, i) => ({ ...t, seq: fix.tasks.length + i })));

  const failed = fix.tasks.find(failedHard);
  const repaired = tasks.filter((t) => t.status === 'repaired').length;
  if (failed) return { host, outcome: 'failed', message: redact(`repair failed: ${failed.task}: ${failed.message}`), tasks };
  if (unreached.length > 0) return { host, outcome: 'drifted', message: `${plural(unreached.length, 'task')} still drifted`, tasks };
  if (repaired > 0) return { host, outcome: 'repaired', message: `${plural(repaired, 'task')} repaired`, tasks };
  return { host, outcome: 'ok', message: 'the drift was gone when the repair ran', tasks };
}
