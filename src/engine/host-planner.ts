/**
 * Plans one host's play, task by task, against its fact store (pure: no
 * transport). Each plan's steps are pending until the driver sends them; a
 * task that needs a fact a pending step may have changed without predicting
 * it (StaleFactError), or a fact never read (MissingFactError), stops the
 * planner: the driver then runs the pending steps and reads those facts
 * (a round of the session, DESIGN.md §4), and planning resumes at that task.
 * In check mode nothing is applied, so a stale fact never stops it: the task
 * is reported as depending on the earlier change, not guessed.
 */
import type { ModuleContext, ModuleDef, Plan, FactSpec, Scope, Step } from '../modules/types.js';
import { FLUSH_HANDLERS, type PlayDef, type TaskDef } from '../playbook/types.js';
import { evaluateWhen } from '../playbook/template.js';
import type { MagicVars } from '../playbook/magic-vars.js';
import { JailfleetError, UnreachableError } from '../errors.js';
import { FactStore, MissingFactError, StaleFactError } from './fact-store.js';
import { expandTask, type TaskInstance } from './task-instances.js';
import { cachedTaskArgs } from './args-cache.js';
import { withControllerFiles } from './controller-files.js';
import { withRetries } from './retry-step.js';
import type { SequenceItem } from './play-sequence.js';
import { EVERYTHING } from './scopes.js';
import { clearStep, pendingFact, recordStep } from './pending-handlers.js';
import { BlockFlow } from './block-flow.js';

export interface ModuleLookup {
  get(name: string): ModuleDef<unknown> | undefined;
}

export interface PlannerContext {
  play: PlayDef;
  host: { name: string; vars: Record<string, unknown>; groups: string[] };
  /** Registered results; they outlive the play, as Ansible's host vars do. */
  registered: Record<string, unknown>;
  check: boolean;
  modules: ModuleLookup;
  extraVars: Record<string, unknown>;
  connectedAddress?: string;
  /** groups and hostvars (playbook/magic-vars.ts), built once per run and shared by every host. */
  magic?: MagicVars;
}

export interface StepSpec {
  title: string;
  command: string;
  continueOnFailure?: boolean;
  replaces?: string;
  changes?: Scope[];
}

/** One task instance as planned: its plan and the steps it adds. */
export interface Planned {
  instance: TaskInstance;
  plan: Plan;
  handler: boolean;
  steps: StepSpec[];
  /**
   * Reported as skipped, as an ignored planning error, as a planning error
   * inside a block that goes on to its rescue or always (block-flow.ts), or
   * (check mode) as depending on an earlier change.
   */
  outcome?: 'skipped' | 'ignored' | 'failed' | 'depends';
  /** Its unit's position in the play sequence. */
  seq: number;
}

/** A planning failure that stops the host, reported after everything planned before it. */
export interface PlanFailure {
  instance: TaskInstance;
  message: string;
  seq: number;
}

export type PlanStop =
  /** Every item is planned, or planning failed (`failure`). */
  | { kind: 'done' }
  /** The task at `seq` needs these facts read after the pending steps ran. */
  | { kind: 'needs'; specs: FactSpec[]; seq: number; stale: boolean }
  /** The task at `seq` is in a block's rescue or always: the pending steps must run first, to know whether the block failed (block-flow.ts). */
  | { kind: 'settle'; seq: number };

/** The play item being planned: its instances and how far planning got. */
interface Cursor {
  item: SequenceItem;
  seq: number;
  instances: TaskInstance[] | undefined;
  next: number;
}

export class HostPlanner {
  /** Planned instances in play order; `sent` of them have gone to the host (or, in check mode, been reported). */
  readonly planned: Planned[] = [];
  sent = 0;
  failure: PlanFailure | undefined;
  private cursor: Cursor | undefined;
  private position = 0;
  /** Handlers notified by planned tasks and not yet run. */
  readonly pending: Set<string>;
  /** `pending` as it was when each play position was entered (planning again from there starts with it). */
  private readonly pendingAt = new Map<number, Set<string>>();
  /** Notifications an earlier run recorded on the host and never ran (pending-handlers.ts). */
  private readonly carried = new Set<string>();
  /** baseVars() and the registered results it was made with. */
  private varsMemo: { vars: Record<string, unknown>; registered: Record<string, unknown> } | undefined;
  /** instancesOf(): per task, its instances and the vars object they were expanded with. */
  private readonly expanded = new WeakMap<TaskDef, { vars: Record<string, unknown>; instances: TaskInstance[] }>();
  /** instanceArgs() and instanceFacts(), per instance. */
  private readonly argsOf = new WeakMap<TaskInstance, unknown>();
  private readonly factsOf = new WeakMap<TaskInstance, FactSpec[]>();
  /** What each planned instance registered (or set_fact set) over: undone when a failure drops it unrun. */
  private readonly undo: Array<{ at: number; name: string; had: boolean; prev: unknown }> = [];

  constructor(
    private readonly ctx: PlannerContext,
    private readonly items: Array<{ item: SequenceItem; seq: number }>,
    public store: FactStore,
    pendingHandlers: Iterable<string> = [],
    /** Failures inside blocks so far (shared by the planners of one host's play). */
    readonly flow: BlockFlow = new BlockFlow(),
  ) {
    this.pending = new Set(pendingHandlers);
  }

  /** The fact (none without handlers) of which notifications of this play the host has records of. */
  pendingSpecs(): FactSpec<string[]>[] {
    const names = [...new Set(this.ctx.play.handlers.flatMap(handlerNames))];
    // A play without handlers has nothing to carry over: no read at all.
    return names.length ? [pendingFact(this.ctx.play.name, names)] : [];
  }

  /** Add the notifications recorded on the host (read with pendingSpecs) to the pending ones. */
  carryPending(): void {
    const [spec] = this.pendingSpecs();
    if (!spec || !this.store.isCurrent(spec.key)) return;
    let names: string[];
    try {
      names = this.store.get(spec);
    } catch {
      return;
    }
    for (const name of names) {
      if (this.pending.has(name)) continue;
      this.pending.add(name);
      this.carried.add(name);
    }
  }

  /** Handlers pending when play position `seq` was entered. */
  pendingBefore(seq: number): Set<string> {
    return new Set(this.pendingAt.get(seq) ?? this.pending);
  }

  /** The task planning stopped at, or undefined. */
  get currentLabel(): string | undefined {
    const c = this.cursor;
    if (!c) return undefined;
    return c.instances?.[c.next]?.label ?? (this.taskOf(c.item).name || this.taskOf(c.item).module);
  }

  /** Planned instances not sent yet, up to play position `seq`. */
  unsent(seq = Number.POSITIVE_INFINITY): Planned[] {
    const out: Planned[] = [];
    for (let i = this.sent; i < this.planned.length && this.planned[i]!.seq <= seq; i++) out.push(this.planned[i]!);
    return out;
  }

  /** Plan on until every item is planned or a task needs facts read first. */
  planNext(): PlanStop {
    while (!this.failure) {
      const cursor = this.cursor ?? this.enter();
      if (!cursor) return { kind: 'done' };
      if ('kind' in cursor) return cursor;
      const stop = this.planItem(cursor);
      if (stop) return stop;
      this.cursor = undefined;
    }
    return { kind: 'done' };
  }

  /** Every fact spec the items from the current one on can name now (best effort: late args are skipped). */
  remainingFactSpecs(): FactSpec[] {
    const specs = new Map<string, FactSpec>();
    const from = this.cursor ? this.items.findIndex((i) => i.seq === this.cursor!.seq) : this.position;
    for (const { item } of this.items.slice(Math.max(0, from))) {
      for (const spec of this.factSpecsOf(this.taskOf(item))) specs.set(spec.key, spec);
    }
    return [...specs.values()];
  }

  /** Every fact spec a task names with the variables known now. */
  private factSpecsOf(task: TaskDef): FactSpec[] {
    const mod = this.ctx.modules.get(task.module);
    if (!mod) return [];
    try {
      return this.instancesOf(task).flatMap((instance) => this.instanceFacts(mod, instance));
    } catch {
      // Arguments that depend on a registered result are rendered at plan time.
      return [];
    }
  }

  /**
   * A task's instances for the variables known now. baseVars() is the same
   * object until a result is registered, so the facts read before planning,
   * each planning stop's fact list and the plan itself share one expansion.
   */
  private instancesOf(task: TaskDef): TaskInstance[] {
    const vars = this.baseVars();
    const memo = this.expanded.get(task);
    if (memo?.vars === vars) return memo.instances;
    const instances = expandTask(task, vars, this.ctx.extraVars);
    this.expanded.set(task, { vars, instances });
    return instances;
  }

  /** An instance's validated arguments (controller files read in), rendered once for the fact list and the plan. */
  private instanceArgs(mod: ModuleDef<unknown>, instance: TaskInstance): unknown {
    if (this.argsOf.has(instance)) return this.argsOf.get(instance);
    const { task } = instance;
    const args = withControllerFiles(task.module, cachedTaskArgs(task, instance.vars, mod.schema), playbookDir(this.ctx), task.roleDir, this.ctx.host.name);
    this.argsOf.set(instance, args);
    return args;
  }

  /** The facts an instance's module names (pure in its arguments and context, so kept with the instance). */
  private instanceFacts(mod: ModuleDef<unknown>, instance: TaskInstance): FactSpec[] {
    const known = this.factsOf.get(instance);
    if (known) return known;
    const specs = mod.facts(this.instanceArgs(mod, instance), this.moduleCtx(instance.vars));
    this.factsOf.set(instance, specs);
    return specs;
  }

  taskOf(item: SequenceItem): TaskDef {
    return this.ctx.play[item.kind === 'task' ? 'tasks' : 'handlers'][item.index]!;
  }

  /**
   * Move to the next item that has something to plan; handlers not
   * notified, and tasks a failure in their block passes over, are passed
   * over. A task of a block's rescue or always list waits (settle) until
   * the steps of that block's earlier lists ran.
   */
  private enter(): Cursor | PlanStop | undefined {
    while (this.position < this.items.length) {
      const { item, seq } = this.items[this.position]!;
      const task = this.taskOf(item);
      if (this.mustSettle(task)) return { kind: 'settle', seq };
      this.position += 1;
      this.pendingAt.set(seq, new Set(this.pending));
      if (task.module === FLUSH_HANDLERS) continue;
      if ((task.blocks || this.flow.hostFailed) && !this.flow.runs(task)) continue;
      if (item.kind === 'handler' && !isNotified(task, this.pending)) {
        this.consumeTopics(item);
        continue;
      }
      if (item.kind === 'handler') this.pending.delete(task.name);
      this.cursor = { item, seq, instances: undefined, next: 0 };
      return this.cursor;
    }
    return undefined;
  }

  /** Steps of the blocks whose rescue or always list `task` is in are pending (never in check mode: nothing is applied). */
  private mustSettle(task: TaskDef): boolean {
    if (!task.blocks || this.ctx.check) return false;
    const blocks = BlockFlow.settlesOn(task);
    if (blocks.length === 0) return false;
    return this.unsent().some((p) => p.steps.length > 0 && p.instance.task.blocks?.some((b) => blocks.includes(b.block)));
  }

  /**
   * A step of `failed` (sent in the last round) failed, and its blocks have
   * a rescue or always list to run: drop what was planned after it (it never
   * ran), undo what that registered and notified, take every fact as stale
   * (their predictions assumed those steps), and plan on from the next task
   * as the block flow says. False when the failure stops the host.
   */
  recover(failed: Planned, result: Record<string, unknown>): boolean {
    const task = failed.instance.task;
    if (!BlockFlow.recoverable(task)) return false;
    const at = this.planned.indexOf(failed);
    const own = task.register !== undefined ? this.ctx.registered[task.register] : undefined;
    this.undoAfter(at);
    if (task.register !== undefined) this.ctx.registered[task.register] = own;
    this.planned.length = at + 1;
    this.sent = this.planned.length;
    this.cursor = undefined;
    this.position = this.items.findIndex((i) => i.seq === failed.seq) + 1;
    this.restorePending(failed.seq);
    this.store.changed([EVERYTHING], failed.instance.label);
    this.blockFailed(failed.instance, result);
    return true;
  }

  /** The failure enters the block flow; a rescue sees it as Ansible's ansible_failed_task and ansible_failed_result. */
  private blockFailed(instance: TaskInstance, result: Record<string, unknown>): void {
    this.flow.fail(instance.task);
    if (!BlockFlow.rescued(instance.task)) return;
    this.ctx.registered.ansible_failed_task = { name: instance.label, action: instance.task.module };
    this.ctx.registered.ansible_failed_result = result;
  }

  /** Notifications as they were when play position `seq` was entered: a failed task notifies nothing, as in Ansible. */
  private restorePending(seq: number): void {
    const pending = this.pendingBefore(seq);
    this.pending.clear();
    for (const h of pending) this.pending.add(h);
  }

  private undoAfter(at: number): void {
    while (this.undo.length && this.undo[this.undo.length - 1]!.at > at) {
      const u = this.undo.pop()!;
      if (u.had) this.ctx.registered[u.name] = u.prev;
      else delete this.ctx.registered[u.name];
    }
  }

  /** Set a host variable for planned instance `at` (register, set_fact), so that a failure before it can undo it. */
  private setVar(name: string, value: unknown): void {
    const reg = this.ctx.registered;
    this.undo.push({ at: this.planned.length - 1, name, had: Object.hasOwn(reg, name), prev: reg[name] });
    reg[name] = value;
  }

  private register(task: TaskDef, result: Record<string, unknown>): void {
    if (task.register) this.setVar(task.register, result);
  }

  /** A flush consumes the listen topics notified before it, once its last handler was considered. */
  private consumeTopics(item: SequenceItem): void {
    if (item.kind !== 'handler' || item.index !== this.ctx.play.handlers.length - 1) return;
    for (const h of this.ctx.play.handlers) for (const t of handlerNames(h).slice(1)) this.pending.delete(t);
  }

  private planItem(cursor: Cursor): PlanStop | undefined {
    const task = this.taskOf(cursor.item);
    if (!cursor.instances) {
      try {
        cursor.instances = this.instancesOf(task);
      } catch (err) {
        this.failure = { instance: { task, label: task.name || task.module, vars: {} }, message: errorMessage(err), seq: cursor.seq };
        return { kind: 'done' };
      }
    }
    while (cursor.next < cursor.instances.length) {
      const stop = this.planInstance(cursor, cursor.instances[cursor.next]!);
      if (stop) return stop;
      if (this.failure) return { kind: 'done' };
      cursor.next += 1;
    }
    this.consumeTopics(cursor.item);
    return undefined;
  }

  private planInstance(cursor: Cursor, instance: TaskInstance): PlanStop | undefined {
    const task = instance.task;
    const handler = cursor.item.kind === 'handler';
    const seq = cursor.seq;
    if (task.when !== undefined && !evaluateWhen(task.when, instance.vars)) {
      this.planned.push({ instance, plan: noPlan('condition false'), handler, steps: [], outcome: 'skipped', seq });
      this.register(task, { changed: false, skipped: true, failed: false, msg: 'condition false' });
      return undefined;
    }
    const mod = this.ctx.modules.get(task.module);
    let args: unknown;
    let mctx: ModuleContext | undefined;
    try {
      if (!mod) throw new JailfleetError(`unknown module "${task.module}"`);
      mctx = this.moduleCtx(instance.vars);
      args = this.instanceArgs(mod, instance);
      const plan = mod.plan(args, this.store, mctx);
      this.accept(instance, plan, handler, seq);
      return undefined;
    } catch (err) {
      if (err instanceof UnreachableError) throw err;
      if (err instanceof StaleFactError && this.ctx.check) {
        this.dependsOn(instance, err.task, handler, seq);
        return undefined;
      }
      if (err instanceof StaleFactError || err instanceof MissingFactError) {
        // Everything this task reads that is not current, in one read.
        const wanted = mod && mctx ? safeFacts(mod, args, mctx, err.spec) : [err.spec];
        const specs = wanted.filter((s) => !this.store.isCurrent(s.key));
        return { kind: 'needs', specs: specs.length ? specs : [err.spec], seq, stale: err instanceof StaleFactError };
      }
      const failed = { changed: false, skipped: false, failed: true, msg: errorMessage(err) };
      if (task.ignoreErrors) {
        this.planned.push({ instance, plan: noPlan(errorMessage(err)), handler, steps: [], outcome: 'ignored', seq });
        this.register(task, failed);
        return undefined;
      }
      if (BlockFlow.recoverable(task)) return this.failInBlock(cursor, instance, failed);
      register(this.ctx, task, failed);
      this.failure = { instance, message: errorMessage(err), seq };
      return undefined;
    }
  }

  /**
   * A task inside a block could not be planned: a failure the block flow
   * takes over, once every step planned before it ran (one of those may
   * fail first). The rest of its loop is not planned.
   */
  private failInBlock(cursor: Cursor, instance: TaskInstance, result: Record<string, unknown>): PlanStop | undefined {
    if (!this.ctx.check && this.unsent().some((p) => p.steps.length > 0)) return { kind: 'settle', seq: cursor.seq };
    this.planned.push({ instance, plan: noPlan(String(result.msg)), handler: false, steps: [], outcome: 'failed', seq: cursor.seq });
    this.register(instance.task, result);
    this.restorePending(cursor.seq);
    this.blockFailed(instance, result);
    cursor.next = cursor.instances?.length ?? 0;
    return undefined;
  }

  /** A plan made: its steps become pending (what they may change is stale unless the plan predicted it). */
  private accept(instance: TaskInstance, plan: Plan, handler: boolean, seq: number): void {
    const task = instance.task;
    const retry = retryPolicy(task);
    // Notifications outlive failures: recorded with the change, cleared once the handler ran (pending-handlers.ts).
    const bookkeeping = this.ctx.check ? [] : [...(plan.changed ? task.notify.map((h) => recordStep(this.ctx.play.name, h)) : []), ...(handler ? [clearStep(this.ctx.play.name, handlerNames(task))] : [])];
    // The task's own steps take its retries and ignore_errors; the bookkeeping runs once, as it is.
    const steps = [...plan.steps.map((s) => stepSpec(s, retry, task.ignoreErrors)), ...bookkeeping.map((b) => stepSpec(b))];
    const label = instance.label;
    for (const s of [...plan.steps, ...bookkeeping]) if (!s.verify || s.changes !== undefined) this.store.changed(s.changes, label);
    this.store.apply(plan.updates);
    const carried = handler && handlerNames(task).some((n) => this.carried.has(n));
    const shown = carried ? { ...plan, message: `${plan.message} (notified by an earlier run that did not get to run it)` } : plan;
    this.planned.push({ instance, plan: shown, handler, steps, seq, ...(plan.skipped ? { outcome: 'skipped' as const } : {}) });
    this.register(task, { changed: plan.changed, skipped: plan.skipped === true, failed: false, msg: plan.message });
    // set_fact: host variables known on the controller, seen by the tasks planned after it.
    for (const [name, value] of Object.entries(plan.vars ?? {})) this.setVar(name, value);
    if (plan.changed) for (const h of task.notify) this.pending.add(h);
  }

  /** Check mode: the task's facts wait on an earlier change; what it would do is unknown, so it may change anything. */
  private dependsOn(instance: TaskInstance, cause: string, handler: boolean, seq: number): void {
    const message = `depends on the change made by task ${cause}`;
    const plan: Plan = { changed: true, message, steps: [], diffs: [], updates: [] };
    this.store.changed([EVERYTHING], instance.label);
    this.planned.push({ instance, plan, handler, steps: [], outcome: 'depends', seq });
    this.register(instance.task, { changed: true, skipped: false, failed: false, msg: message });
    for (const h of instance.task.notify) this.pending.add(h);
  }

  /**
   * playVars, made again only when a result was registered since: the rest
   * does not change during a play, and planning asks for them per task.
   * Callers only read it (expandTask copies it).
   */
  private baseVars(): Record<string, unknown> {
    const { registered } = this.ctx;
    const memo = this.varsMemo;
    if (memo && sameValues(memo.registered, registered)) return memo.vars;
    const vars = playVars(this.ctx);
    this.varsMemo = { vars, registered: { ...registered } };
    return vars;
  }

  private moduleCtx(vars: Record<string, unknown>): ModuleContext {
    return { host: this.ctx.host.name, connectedAddress: this.ctx.connectedAddress, vars };
  }
}

function stepSpec(s: Step, retry?: { retries: number; delaySeconds: number }, continueOnFailure?: boolean): StepSpec {
  return {
    title: s.title,
    command: retry ? withRetries(s.command, retry) : s.command,
    ...(continueOnFailure !== undefined ? { continueOnFailure } : {}),
    ...(s.replaces !== undefined ? { replaces: s.replaces } : {}),
    ...(s.changes !== undefined ? { changes: s.changes } : {}),
  };
}

function noPlan(message: string): Plan {
  return { changed: false, message, steps: [], diffs: [], updates: [] };
}

function safeFacts(mod: ModuleDef<unknown>, args: unknown, mctx: ModuleContext, asked: FactSpec): FactSpec[] {
  try {
    const all = mod.facts(args, mctx);
    return all.some((s) => s.key === asked.key) ? all : [...all, asked];
  } catch {
    return [asked];
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The variables every task of the play sees on this host, before its own
 * and its loop's. Lowest first, as Ansible ranks them: role defaults,
 * inventory, play vars, role vars, registered results, extra vars.
 */
export function playVars(ctx: PlannerContext): Record<string, unknown> {
  const { host, play } = ctx;
  return {
    ...play.roleDefaults,
    ...host.vars,
    ...play.vars,
    ...play.roleVars,
    ...ctx.registered,
    ...ctx.extraVars,
    inventory_hostname: host.name,
    group_names: host.groups.filter((g) => g !== 'all'),
    ...ctx.magic,
  };
}

/** Same keys, each with the very same value. */
function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let n = 0;
  for (const k in b) {
    if (!Object.hasOwn(b, k)) continue;
    if (!Object.hasOwn(a, k) || a[k] !== b[k]) return false;
    n++;
  }
  return n === Object.keys(a).length;
}

function playbookDir(ctx: PlannerContext): string {
  return typeof ctx.extraVars.playbook_dir === 'string' ? ctx.extraVars.playbook_dir : process.cwd();
}

/** A handler's name, then its listen topics. */
export function handlerNames(handler: TaskDef): string[] {
  const listen = handler.extra.listen;
  const topics = (Array.isArray(listen) ? listen : [listen]).filter((t): t is string => typeof t === 'string');
  return [handler.name, ...topics];
}

/** A handler runs when notified by name or by one of its listen topics. */
export function isNotified(handler: TaskDef, notified: Set<string>): boolean {
  return handlerNames(handler).some((n) => notified.has(n));
}

/** retries/delay/until: Ansible's defaults (3 retries, 5 s) when until is set without them. */
function retryPolicy(task: TaskDef): { retries: number; delaySeconds: number } | undefined {
  const { retries, delay, until } = task.extra;
  if (retries === undefined && until === undefined) return undefined;
  const n = typeof retries === 'number' ? retries : 3;
  if (n <= 0) return undefined;
  return { retries: n, delaySeconds: typeof delay === 'number' ? delay : 5 };
}

function register(ctx: PlannerContext, task: TaskDef, result: Record<string, unknown>): void {
  if (task.register) ctx.registered[task.register] = result;
}
