/**
 * Task events for what one round applied (or, in check mode, what it would
 * apply), in play order, stopping at the first failure as the host's script
 * did. Results come per step of the round; rewrites coalesced into a later
 * step of the same file share that step's result (shell/script.ts).
 */
import type { DiffEvent, EventSink, RunEvent, TaskItemResult, TaskStatus } from '../report/events.js';
import type { Step } from '../modules/types.js';
import type { PartResult } from '../shell/script.js';
import type { Planned } from './host-planner.js';
import { handlerNames, type PlannerContext } from './host-planner.js';
import { taskLabel, type TaskInstance } from './task-instances.js';
import { writeControllerFiles } from './controller-dest.js';
import type { TaskDef } from '../playbook/types.js';

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
  /** Whether a failure of this task is caught by a block's rescue (engine/block-flow.ts): reported as rescued. */
  rescued?: (task: TaskDef) => boolean;
}

export function emitTask(r: ReportContext, instance: TaskInstance, status: TaskStatus, message: string, extra: Partial<TaskEvent> = {}): void {
  if (!instance.loop) {
    emitHostTask(r, instance.label, instance.task.module, status, message, extra);
    return;
  }
  // A loop's item: one item of the task's event, which foldLoopItems puts together.
  const item: TaskItemResult = {
    item: instance.loop.item,
    label: instance.label,
    status,
    changed: status === 'changed',
    failed: status === 'failed',
    skipped: status === 'skipped',
    msg: message,
    ...extra,
  };
  const event: TaskEvent = { type: 'task', play: r.ctx.play.name, host: r.ctx.host.name, task: taskLabel(instance.task), module: instance.task.module, status, message, ...extra, items: [item] };
  loopMarks.set(event, { index: instance.loop.index, count: instance.loop.count });
  r.ctx.sink.emit(event);
}

/** A task event of this host and play for something that is not a planned instance (the lock, the session). */
export function emitHostTask(r: ReportContext, task: string, module: string, status: TaskStatus, message: string, extra: Partial<TaskEvent> = {}): void {
  r.ctx.sink.emit({ type: 'task', play: r.ctx.play.name, host: r.ctx.host.name, task, module, status, message, ...extra });
}

/** What reportRound reported: how many, and the first that failed (at `failedAt` of the round, its result as registered). */
export interface RoundReport {
  reported: number;
  failed: boolean;
  failedAt?: number;
  failure?: Record<string, unknown>;
}

/**
 * Events for the planned instances of one round, in order; `run` is
 * undefined in check mode (nothing ran). Returns how many were reported
 * and whether one failed (the host stops there, unless a block goes on).
 */
export function reportRound(r: ReportContext, round: Planned[], run: RoundRun | undefined): RoundReport {
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
    return { reported: i + 1 + shared, failed: true, failedAt: i, failure: outcome.failure };
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

/** One planned instance's event; true, or the failed step's result (and the task's result) when it failed (not ignored). */
function reportPlanned(r: ReportContext, p: Planned, offset: number, run: RoundRun | undefined): true | { result: PartResult | undefined; failure: Record<string, unknown> } {
  const task = p.instance.task;
  const rescued = r.rescued?.(task) ? { rescued: true } : {};
  if (p.outcome === 'ignored') {
    emitTask(r, p.instance, 'failed', p.plan.message, { ignored: true });
    return true;
  }
  if (p.outcome === 'failed') {
    // A planning failure inside a block: the planner already went on to its rescue or always.
    emitTask(r, p.instance, 'failed', p.plan.message, rescued);
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
  // The host's part ran: now the controller's (fetch), never in check mode.
  const unwritten = !bad && !r.ctx.check && p.plan.controllerWrites ? writeControllerFiles(p.plan.controllerWrites) : undefined;
  if (unwritten !== undefined) {
    const failure = { changed: false, failed: true, skipped: false, msg: unwritten };
    if (task.register) r.ctx.registered[task.register] = failure;
    emitTask(r, p.instance, 'failed', unwritten, task.ignoreErrors ? { ignored: true } : rescued);
    return task.ignoreErrors ? true : { result: undefined, failure };
  }
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
  const failure = { changed: false, failed: true, skipped: false, msg: message, rc: detail.exitCode };
  if (task.register) r.ctx.registered[task.register] = failure;
  emitTask(r, p.instance, 'failed', message, { ...detail, completed_steps: completed, ...(diffs.length ? { diffs } : {}), ...(ignored ? { ignored: true } : rescued) });
  return ignored ? true : { result: bad.result, failure };
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

/** Item events of loops (emitTask), with where the item is in its loop. */
const loopMarks = new WeakMap<RunEvent, { index: number; count: number }>();

/**
 * One task event per looped task and host, as Ansible reports and counts a
 * loop: the items' events (emitTask) are held until the loop's last item, a
 * failed item (the host stops there), or any other result of that host or
 * its end (an interrupted or lost loop: the items that did run), then go on
 * as one event with every item in `items`.
 */
export function foldLoopItems(next: EventSink): EventSink {
  const pending = new Map<string, { first: TaskEvent; items: TaskItemResult[]; index: number }>();
  const keyOf = (play: string, host: string): string => `${play}\u0000${host}`;
  const flush = (key: string): void => {
    const p = pending.get(key);
    if (!p) return;
    pending.delete(key);
    next.emit(loopEvent(p.first, p.items));
  };
  return {
    emit(event) {
      const mark = loopMarks.get(event);
      if (mark && event.type === 'task') {
        const key = keyOf(event.play, event.host);
        const held = pending.get(key);
        // Another loop, or the same one reported again (re-planned): a new event.
        if (held && (mark.index <= held.index || held.first.task !== event.task)) flush(key);
        const p = pending.get(key) ?? pending.set(key, { first: event, items: [], index: -1 }).get(key)!;
        p.items.push(...(event.items ?? []));
        p.index = mark.index;
        if (mark.index >= mark.count - 1 || (event.status === 'failed' && !event.ignored)) flush(key);
        return;
      }
      if (event.type === 'task' || event.type === 'host_unreachable' || event.type === 'host_not_run' || event.type === 'host_end') {
        flush(keyOf(event.play, event.host));
      } else if (event.type === 'play_end' || event.type === 'recap') {
        for (const key of [...pending.keys()]) if (event.type === 'recap' || key.startsWith(keyOf(event.play, ''))) flush(key);
      }
      next.emit(event);
    },
  };
}

/** A loop's event from its items: failed if one failed (ignored when all such were), else changed if one changed, else skipped if all were, else ok. */
function loopEvent(first: TaskEvent, items: TaskItemResult[]): TaskEvent {
  const failed = items.find((i) => i.failed && !i.ignored) ?? items.find((i) => i.failed);
  const changed = items.filter((i) => i.changed).length;
  const skipped = items.filter((i) => i.skipped).length;
  const status: TaskStatus = failed ? 'failed' : changed > 0 ? 'changed' : skipped === items.length ? 'skipped' : 'ok';
  const diffs = items.flatMap((i) => i.diffs ?? []);
  const event: TaskEvent = {
    type: 'task',
    play: first.play,
    host: first.host,
    task: first.task,
    module: first.module,
    status,
    message: failed ? `${failed.label}: ${failed.msg}` : itemCounts(items),
    ...(diffs.length ? { diffs } : {}),
    ...(items.some((i) => i.predicted === false) ? { predicted: false } : {}),
    items,
  };
  if (failed) {
    const { step, exitCode, stdout, stderr, completed_steps, ignored, rescued } = failed;
    Object.assign(event, { step, exitCode, stdout, stderr, completed_steps, ignored, rescued });
    for (const k of ['step', 'exitCode', 'stdout', 'stderr', 'completed_steps', 'ignored', 'rescued'] as const) if (event[k] === undefined) delete event[k];
  }
  return event;
}

/** "3 items: 2 changed, 1 ok". */
function itemCounts(items: TaskItemResult[]): string {
  const n = (status: TaskStatus): number => items.filter((i) => i.status === status).length;
  const parts = (['changed', 'ok', 'skipped', 'failed'] as const).filter((s) => n(s) > 0).map((s) => `${n(s)} ${s}`);
  return `${items.length} item${items.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
