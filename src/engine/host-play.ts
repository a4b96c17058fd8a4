/**
 * One host through one play, in at most two execs (DESIGN.md §4, shape (a)):
 * gather every fact the play needs in one exec, plan every task on the
 * controller against those facts (each plan's predicted updates feed the next),
 * then apply every step of the host in one framed script that stops at the
 * first failure. A run with nothing to change costs one exec.
 *
 * Why (a) and not one compiled program: planners stay pure TypeScript that is
 * unit-tested with captured output, diffs are computed on the controller, and
 * check mode is the same code path minus the apply exec.
 */
import { randomBytes } from 'node:crypto';
import type { InventoryHost } from '../inventory/types.js';
import type { ModuleContext, ModuleDef, Plan, FactSpec } from '../modules/types.js';
import type { PlayDef, TaskDef } from '../playbook/types.js';
import type { EventSink, RunEvent, TaskStatus } from '../report/events.js';
import type { Transport } from '../transport/transport.js';
import { buildApplyScript, buildGatherScript, parseFramedOutput, shCommand } from '../shell/script.js';
import { evaluateWhen } from '../playbook/template.js';
import { renderTaskArgs } from '../playbook/validate.js';
import { FactStore, MissingFactError } from './fact-store.js';
import { expandTask, type TaskInstance } from './task-instances.js';
import { withControllerFiles } from './controller-files.js';
import { taskSelected, type TagFilter } from './tags.js';
import { JailfleetError, UnreachableError } from '../errors.js';

export interface ModuleLookup {
  get(name: string): ModuleDef<unknown> | undefined;
}

export interface HostPlayContext {
  play: PlayDef;
  host: InventoryHost;
  transport: Transport;
  /** Registered results; they outlive the play, as Ansible's host vars do. */
  registered: Record<string, unknown>;
  check: boolean;
  tags: TagFilter;
  modules: ModuleLookup;
  sink: EventSink;
  /** Extra variables every task sees (jailfleet_run_id, playbook_dir, ...). */
  extraVars: Record<string, unknown>;
  connectedAddress?: string;
  commandTimeoutMs?: number;
}

export interface HostPlayOutcome {
  failed: boolean;
}

type TaskEvent = Extract<RunEvent, { type: 'task' }>;

interface Planned {
  instance: TaskInstance;
  plan: Plan;
  /** Index of its first step in the host's apply script. */
  firstStep: number;
}

const newNonce = (): string => randomBytes(6).toString('hex');

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function runHostPlay(ctx: HostPlayContext): Promise<HostPlayOutcome> {
  const { play, host, sink } = ctx;
  const baseVars = (): Record<string, unknown> => ({
    ...host.vars,
    ...play.vars,
    ...ctx.registered,
    ...ctx.extraVars,
    inventory_hostname: host.name,
    group_names: host.groups.filter((g) => g !== 'all'),
  });
  const moduleCtx = (vars: Record<string, unknown>): ModuleContext => ({
    host: host.name,
    connectedAddress: ctx.connectedAddress,
    vars,
  });
  const emitTask = (instance: TaskInstance, status: TaskStatus, message: string, extra: Partial<TaskEvent> = {}): void => {
    sink.emit({
      type: 'task',
      play: play.name,
      host: host.name,
      task: instance.label,
      module: instance.task.module,
      status,
      message,
      ...extra,
    });
  };

  const store = new FactStore();
  const selected = play.tasks.filter((t) => taskSelected(t.tags, ctx.tags));
  await gather(ctx, store, collectFactSpecs(ctx, [...selected, ...play.handlers], baseVars(), moduleCtx));

  const planned: Planned[] = [];
  const steps: Array<{ title: string; command: string; continueOnFailure?: boolean }> = [];
  const notified = new Set<string>();
  let failure: { instance: TaskInstance; message: string } | undefined;

  // Plans one instance; returns false when the host must stop.
  const planInstance = async (instance: TaskInstance): Promise<boolean> => {
    const task = instance.task;
    const mod = ctx.modules.get(task.module);
    if (task.when !== undefined && !evaluateWhen(task.when, instance.vars)) {
      emitTask(instance, 'skipped', 'condition false');
      register(ctx, task, { changed: false, skipped: true, failed: false, msg: 'condition false' });
      return true;
    }
    try {
      if (!mod) throw new JailfleetError(`unknown module "${task.module}"`);
      const args = withControllerFiles(task.module, renderTaskArgs(task, instance.vars, mod.schema), playbookDir(ctx));
      const plan = await planWithFacts(ctx, store, mod, args, moduleCtx(instance.vars));
      store.apply(plan.updates);
      planned.push({ instance, plan, firstStep: steps.length });
      for (const s of plan.steps) steps.push({ ...s, continueOnFailure: task.ignoreErrors });
      register(ctx, task, { changed: plan.changed, skipped: false, failed: false, msg: plan.message });
      if (plan.changed) for (const h of task.notify) notified.add(h);
      return true;
    } catch (err) {
      if (err instanceof UnreachableError) throw err;
      register(ctx, task, { changed: false, skipped: false, failed: true, msg: errorMessage(err) });
      if (task.ignoreErrors) {
        emitTask(instance, 'failed', errorMessage(err), { ignored: true });
        return true;
      }
      failure = { instance, message: errorMessage(err) };
      return false;
    }
  };

  const planTasks = async (tasks: TaskDef[]): Promise<boolean> => {
    for (const task of tasks) {
      let instances: TaskInstance[];
      try {
        instances = expandTask(task, baseVars());
      } catch (err) {
        failure = { instance: { task, label: task.name || task.module, vars: {} }, message: errorMessage(err) };
        return false;
      }
      for (const instance of instances) if (!(await planInstance(instance))) return false;
    }
    return true;
  };

  const tasksOk = await planTasks(selected);
  // Handlers run once, in the order they are defined, if a task notified them.
  if (tasksOk) await planTasks(play.handlers.filter((h) => notified.has(h.name) || h.extra.listen !== undefined && listensTo(h, notified)));

  let applyFailed = false;
  if (!ctx.check && steps.length > 0) applyFailed = await applyAndReport(ctx, planned, steps, emitTask);
  else for (const p of planned) emitTask(p.instance, p.plan.changed ? 'changed' : 'ok', p.plan.message, diffsOf(p.plan));

  if (failure) emitTask(failure.instance, 'failed', failure.message);
  return { failed: applyFailed || failure !== undefined };
}

function playbookDir(ctx: HostPlayContext): string {
  return typeof ctx.extraVars.playbook_dir === 'string' ? ctx.extraVars.playbook_dir : process.cwd();
}

function listensTo(handler: TaskDef, notified: Set<string>): boolean {
  const listen = handler.extra.listen;
  const topics = Array.isArray(listen) ? listen : [listen];
  return topics.some((t) => typeof t === 'string' && notified.has(t));
}

function diffsOf(plan: Plan): Partial<TaskEvent> {
  return plan.diffs.length ? { diffs: plan.diffs } : {};
}

function register(ctx: HostPlayContext, task: TaskDef, result: Record<string, unknown>): void {
  if (task.register) ctx.registered[task.register] = result;
}

/** Every fact spec the play's tasks can name now; the rest are read on demand. */
function collectFactSpecs(
  ctx: HostPlayContext,
  tasks: TaskDef[],
  vars: Record<string, unknown>,
  moduleCtx: (vars: Record<string, unknown>) => ModuleContext,
): FactSpec[] {
  const specs = new Map<string, FactSpec>();
  for (const task of tasks) {
    const mod = ctx.modules.get(task.module);
    if (!mod) continue;
    try {
      for (const instance of expandTask(task, vars)) {
        const args = withControllerFiles(task.module, renderTaskArgs(task, instance.vars, mod.schema), playbookDir(ctx));
        for (const spec of mod.facts(args, moduleCtx(instance.vars))) specs.set(spec.key, spec);
      }
    } catch {
      // Arguments that depend on a registered result are rendered at plan time.
    }
  }
  return [...specs.values()];
}

async function gather(ctx: HostPlayContext, store: FactStore, specs: FactSpec[]): Promise<void> {
  const fresh = specs.filter((s) => !store.has(s.key));
  if (fresh.length === 0) return;
  const nonce = newNonce();
  const out = await ctx.transport.exec(shCommand(buildGatherScript(fresh, nonce)), { timeoutMs: ctx.commandTimeoutMs });
  const parsed = parseFramedOutput(out.stdout, out.stderr, fresh.length, nonce);
  fresh.forEach((spec, i) => {
    const result = parsed.results[i];
    if (!result) {
      store.setError(spec.key, new JailfleetError(`could not read fact ${spec.key}: ${out.stderr.trim() || `exit ${out.code}`}`));
      return;
    }
    try {
      store.setValue(spec.key, spec.parse(result));
    } catch (err) {
      store.setError(spec.key, err instanceof Error ? err : new Error(String(err)));
    }
  });
}

async function planWithFacts(
  ctx: HostPlayContext,
  store: FactStore,
  mod: ModuleDef<unknown>,
  args: unknown,
  mctx: ModuleContext,
): Promise<Plan> {
  try {
    return mod.plan(args, store, mctx);
  } catch (err) {
    if (!(err instanceof MissingFactError)) throw err;
    // Late facts (arguments built from registered results): one more read.
    await gather(ctx, store, mod.facts(args, mctx));
    return mod.plan(args, store, mctx);
  }
}

async function applyAndReport(
  ctx: HostPlayContext,
  planned: Planned[],
  steps: Array<{ title: string; command: string; continueOnFailure?: boolean }>,
  emitTask: (i: TaskInstance, s: TaskStatus, m: string, e?: Partial<TaskEvent>) => void,
): Promise<boolean> {
  const nonce = newNonce();
  const out = await ctx.transport.exec(shCommand(buildApplyScript(steps, nonce)), { timeoutMs: ctx.commandTimeoutMs });
  const { results } = parseFramedOutput(out.stdout, out.stderr, steps.length, nonce);
  let failed = false;
  for (const p of planned) {
    if (failed) break; // the script stopped: later tasks did not run
    const own = p.plan.steps.map((s, k) => ({ step: s, result: results[p.firstStep + k] }));
    const bad = own.find((o) => !o.result || o.result.code !== 0);
    if (!bad) {
      emitTask(p.instance, p.plan.changed ? 'changed' : 'ok', p.plan.message, diffsOf(p.plan));
      continue;
    }
    const ignored = p.instance.task.ignoreErrors && bad.result !== undefined;
    const detail = bad.result
      ? { step: bad.step.title, exitCode: bad.result.code, stdout: bad.result.stdout, stderr: bad.result.stderr }
      : { step: bad.step.title, exitCode: out.code, stdout: '', stderr: out.stderr };
    const message = `step "${bad.step.title}" failed (exit ${detail.exitCode})${detail.stderr.trim() ? `: ${detail.stderr.trim()}` : ''}`;
    if (ctx.registered && p.instance.task.register) {
      ctx.registered[p.instance.task.register] = { changed: false, failed: true, skipped: false, msg: message, rc: detail.exitCode };
    }
    emitTask(p.instance, 'failed', message, { ...detail, ...(ignored ? { ignored: true } : {}) });
    if (!ignored) failed = true;
  }
  return failed;
}
