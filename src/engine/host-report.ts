/**
 * Task events for what one round applied (or, in check mode, what it would
 * apply), in play order, stopping at the first failure as the host's script
 * did. Results come per step of the round; rewrites coalesced into a later
 * step of the same file share that step's result (shell/script.ts).
 */
import type { DiffEvent, EventSink, RunEvent, TaskStatus } from '../report/events.js';
import type { Step } from '../modules/types.js';
import type { PartResult } from '../shell/script.js';
import type { Planned } from './host-planner.js';
import { handlerNames, type PlannerContext } from './host-planner.js';
import type { TaskInstance } from './task-instances.js';

type TaskEvent = Extract<RunEvent, { type: 'task' }>;

/** Per step of the round (undefined: never ran), and the script's exit. */
export interface RoundRun {
  results: Array<PartResult | undefined>;
  code: number;
  stderr: string;
}

export interface ReportContext {
  ctx: PlannerContext & { sink: EventSink };
  /** Handlers notified by tasks that ran and not run since (force_handlers). */
  notifiedRan: Set<string>;
}

export function emitTask(r: ReportContext, instance: TaskInstance, status: TaskStatus, message: string, extra: Partial<TaskEvent> = {}): void {
  emitHostTask(r, instance.label, instance.task.module, status, message, extra);
}

/** A task event of this host and play for something that is not a planned instance (the lock, the session). */
export function emitHostTask(r: ReportContext, task: string, module: string, status: TaskStatus, message: string, extra: Partial<TaskEvent> = {}): void {
  r.ctx.sink.emit({ type: 'task', play: r.ctx.play.name, host: r.ctx.host.name, task, module, status, message, ...extra });
}

/**
 * Events for the planned instances of one round, in order; `run` is
 * undefined in check mode (nothing ran). Returns how many were reported
 * and whether one failed (the host stops there).
 */
export function reportRound(r: ReportContext, round: Planned[], run: RoundRun | undefined): { reported: number; failed: boolean } {
  let offset = 0;
  const offsets = round.map((p) => {
    const at = offset;
    offset += p.steps.length;
    return at;
  });
  for (let i = 0; i < round.length; i++) {
    const outcome = reportPlanned(r, round[i]!, offsets[i]!, run);
    if (outcome === true) continue;
    const shared = reportCoalescedFailures(r, round, offsets, i, outcome.result, run);
    return { reported: i + 1 + shared, failed: true };
  }
  return { reported: round.length, failed: false };
}

/**
 * After the instance at `i` failed: the later ones whose write was coalesced
 * into the failed step share its result, so they failed with it. Instances
 * without steps between them are not reported, as after any failure; the
 * first instance with steps of its own ends the scan.
 */
function reportCoalescedFailures(r: ReportContext, round: Planned[], offsets: number[], i: number, failed: PartResult | undefined, run: RoundRun | undefined): number {
  if (failed === undefined || !run) return 0;
  let reported = 0;
  for (let k = i + 1; k < round.length; k++) {
    const p = round[k]!;
    if (p.steps.length === 0 || p.outcome !== undefined) continue;
    const shares = p.steps.some((_, s) => run.results[offsets[k]! + s] === failed);
    if (!shares) break;
    reportPlanned(r, p, offsets[k]!, run);
    reported = k - i;
  }
  return reported;
}

/** One planned instance's event; true, or the failed step's result when it failed (not ignored). */
function reportPlanned(r: ReportContext, p: Planned, offset: number, run: RoundRun | undefined): true | { result: PartResult | undefined } {
  const task = p.instance.task;
  if (p.outcome === 'ignored') {
    emitTask(r, p.instance, 'failed', p.plan.message, { ignored: true });
    return true;
  }
  if (p.outcome === 'skipped') {
    emitTask(r, p.instance, 'skipped', p.plan.message);
    return true;
  }
  if (p.outcome === 'depends') {
    emitTask(r, p.instance, 'changed', p.plan.message, { predicted: false });
    return true;
  }
  const own = run ? p.steps.map((step, k) => ({ step, result: run.results[offset + k] })) : [];
  const bad = own.find((o) => !o.result || o.result.code !== 0);
  if (!bad) {
    emitTask(r, p.instance, p.plan.changed ? 'changed' : 'ok', p.plan.message, p.plan.diffs.length ? { diffs: p.plan.diffs } : {});
    if (p.plan.changed && !r.ctx.check) for (const h of task.notify) r.notifiedRan.add(h);
    if (p.handler) for (const name of handlerNames(task)) r.notifiedRan.delete(name);
    return true;
  }
  const ignored = task.ignoreErrors && bad.result !== undefined;
  const detail = bad.result
    ? { step: bad.step.title, exitCode: bad.result.code, stdout: bad.result.stdout, stderr: bad.result.stderr }
    : { step: bad.step.title, exitCode: run!.code, stdout: '', stderr: run!.stderr };
  // What the task did change before it failed: those steps ran (edits are atomic, each is whole).
  const completedSteps = own.slice(0, own.indexOf(bad)).map((o) => o.step);
  const completed = completedSteps.map((s) => s.title);
  const done = completed.length ? `; completed before it: ${completed.join(', ')}` : '';
  const diffs = completedDiffs(completedSteps, p.plan.diffs);
  const message = `step "${bad.step.title}" failed (exit ${detail.exitCode})${detail.stderr.trim() ? `: ${detail.stderr.trim()}` : ''}${done}`;
  if (task.register) r.ctx.registered[task.register] = { changed: false, failed: true, skipped: false, msg: message, rc: detail.exitCode };
  emitTask(r, p.instance, 'failed', message, { ...detail, completed_steps: completed, ...(diffs.length ? { diffs } : {}), ...(ignored ? { ignored: true } : {}) });
  return ignored ? true : { result: bad.result };
}

/**
 * The diffs of a failed task that its completed steps made (for --diff):
 * those whose subject — a path, before any ": mode" or ": NAME" — is a
 * file one of those steps says it changes.
 */
function completedDiffs(steps: Step[], diffs: DiffEvent[]): DiffEvent[] {
  const paths = new Set(steps.flatMap((s) => (s.changes ?? []).filter((c) => c.startsWith('path:')).map((c) => c.slice('path:'.length))));
  return diffs.filter((d) => paths.has(d.label.split(': ')[0]!));
}
