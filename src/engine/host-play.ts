/**
 * One host through one play, in one exec (DESIGN.md §4, shape (a) in one
 * session): under the host lock, the host prints every fact the play needs,
 * the controller plans every task against those facts (each plan's predicted
 * updates feed the next) while the exec waits on its stdin, then sends every
 * step of the host as one framed script that stops at the first failure.
 * Converging or not, a host costs one exec; check mode gathers in one plain
 * exec without the lock.
 *
 * Why (a) and not one compiled program: planners stay pure TypeScript that is
 * unit-tested with captured output, diffs are computed on the controller, and
 * check mode is the same code path minus the apply. Holding the exec open
 * while planning gives (a) the floor's round trip count.
 *
 * The plan is cut into units, one per task and one per handler run at a flush
 * point, so the linear strategy can apply the units of all hosts in lockstep
 * (strategy-linear.ts: a gather exec, then one locked apply exec per unit);
 * the free strategy applies them all through the session. Applies outside a
 * session run under the host lock and refuse a plan made against facts that
 * changed since they were read (host-lock.ts, fact-snapshot.ts): the host is
 * then re-read and re-planned once. A session needs no such check: it holds
 * the lock from before the facts are read until the last step ran.
 */
import { randomBytes } from 'node:crypto';
import type { InventoryHost } from '../inventory/types.js';
import type { ModuleContext, ModuleDef, Plan, FactSpec } from '../modules/types.js';
import { FLUSH_HANDLERS, type PlayDef, type TaskDef } from '../playbook/types.js';
import type { EventSink, RunEvent, TaskStatus } from '../report/events.js';
import type { ExecResult, ExecSession, SessionPrefix, Transport } from '../transport/transport.js';
import {
  buildApplyScript,
  buildGatherScript,
  buildSessionScript,
  coalesceRewrites,
  parseFramedOutput,
  readyMarker,
  sessionInput,
  shCommand,
  type PartResult,
  type ScriptPart,
} from '../shell/script.js';
import { evaluateWhen } from '../playbook/template.js';
import { renderTaskArgs } from '../playbook/validate.js';
import { FactStore, MissingFactError } from './fact-store.js';
import { FactSnapshot } from './fact-snapshot.js';
import { expandTask, type TaskInstance } from './task-instances.js';
import { withControllerFiles } from './controller-files.js';
import type { TagFilter } from './tags.js';
import { LOCK_BUSY_EXIT, busyMessage, lockedCommand, tokenGuard, writeToken, type LockSettings } from './host-lock.js';
import { withRetries } from './retry-step.js';
import { playSequence, type SequenceItem } from './play-sequence.js';
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
  /** Host lock for apply scripts (default: wait 60 s). */
  lock?: LockSettings;
  /** Aborted on Ctrl-C: no apply exec is started after it. */
  signal?: AbortSignal;
}

export interface HostPlayOutcome {
  failed: boolean;
  /** Interrupted before anything was applied. */
  notRun?: boolean;
}

export type ApplyStatus = 'ok' | 'failed';

type TaskEvent = Extract<RunEvent, { type: 'task' }>;
type StepSpec = { title: string; command: string; continueOnFailure?: boolean; replaces?: string };
/** Per step of the applied units (coalesced steps share their survivor's result); undefined: never ran. */
type AppliedRun = { results: Array<PartResult | undefined>; code: number; stderr: string };

interface Planned {
  instance: TaskInstance;
  plan: Plan;
  /** Index of its first step in its unit's steps. */
  firstStep: number;
  handler: boolean;
  /** Reported as skipped (when false) or as an ignored planning error, without steps. */
  outcome?: 'skipped' | 'ignored';
}

/** What one play item (a task, or one handler at a flush) does on this host. */
interface Unit {
  /** Position in the play sequence (play-sequence.ts). */
  seq: number;
  label: string;
  planned: Planned[];
  steps: StepSpec[];
  /** Planning failed here: reported after the unit's planned instances. */
  failure?: { instance: TaskInstance; message: string };
  /** Handlers notified and not yet run after this unit (for re-planning from the next one). */
  pendingAfter: Set<string>;
}

const DEFAULT_LOCK: LockSettings = { timeoutS: 60 };
const STALE_EXIT = 97;
const newNonce = (): string => randomBytes(6).toString('hex');
/**
 * The framing nonce is drawn once per process, not per exec: it only has to
 * be unknown before the run (a target could forge frames anyway, it writes
 * all of the output), and identical framing lines let a target — or the
 * simulator's parser cache — treat thousands of hosts' scripts alike.
 */
const FRAME_NONCE = newNonce();

/**
 * A connection lost during an apply: say which step the host had reached
 * (from the frames received before the drop), so the operator knows what
 * may have run. Edits are atomic, so no file is half-written either way.
 */
function withStepReached(err: UnreachableError, sent: StepSpec[], nonce: string, prefix?: SessionPrefix): UnreachableError {
  if (!err.partial) return err;
  const rest = prefix ? afterPrefix(err.partial, prefix) : err.partial;
  const parsed = parseFramedOutput(rest.stdout, rest.stderr, sent.length, nonce);
  const done = parsed.results.length;
  const at = parsed.interrupted ?? (done < sent.length ? done : undefined);
  if (at === undefined) return err;
  const step = sent[at]!;
  const where = parsed.interrupted !== undefined ? `during step ${at + 1}/${sent.length} "${step.title}"` : `after step ${done}/${sent.length}, before "${step.title}"`;
  const reached = new UnreachableError(err.host, err.reason, `${err.detail} (${where})`);
  reached.partial = err.partial;
  return reached;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What a session's exec printed after its prefix: the apply script's frames. */
function afterPrefix<T extends { stdout: string; stderr: string }>(out: T, prefix: SessionPrefix): T {
  const cut = (text: string, head: string): string => (text.startsWith(head) ? text.slice(head.length) : text);
  return { ...out, stdout: cut(out.stdout, prefix.stdout), stderr: cut(out.stderr, prefix.stderr) };
}

/** The free strategy: gather, plan, apply everything in one exec (a session). */
export async function runHostPlay(ctx: HostPlayContext): Promise<HostPlayOutcome> {
  const hp = new HostPlay(ctx);
  try {
    await hp.prepare({ session: !ctx.check });
    if (ctx.signal?.aborted) return { failed: hp.failed, notRun: !hp.failed };
    await hp.applyThrough(Number.POSITIVE_INFINITY);
    await hp.finish();
    return { failed: hp.failed, notRun: hp.interrupted && !hp.appliedAny };
  } finally {
    // Nothing left to apply: a session still open only has to end (exit 0).
    // A connection lost at this point changes nothing on the host.
    await hp.close().catch(() => undefined);
  }
}

export class HostPlay {
  readonly sequence: SequenceItem[];
  private units: Unit[] = [];
  /** Index of the next unit to apply. */
  private next = 0;
  private store = new FactStore();
  private snapshot = new FactSnapshot();
  /** Token written by our last apply; undefined until the first apply after a gather. */
  private lastToken: string | undefined;
  /** Handlers notified by tasks that ran, not yet run themselves (force_handlers). */
  private readonly notifiedRan = new Set<string>();
  /** The exec that gathered this host's facts, holding the host lock and waiting for the apply script. */
  private session: { channel: ExecSession; prefix: SessionPrefix } | undefined;
  failed = false;
  /** Ctrl-C stopped this host before an apply it would have started. */
  interrupted = false;
  /** Some apply exec ran (or, in check mode, some unit was reported). */
  appliedAny = false;

  constructor(private readonly ctx: HostPlayContext) {
    this.sequence = playSequence(ctx.play, ctx.tags);
  }

  private baseVars(): Record<string, unknown> {
    const { host, play, ctx } = { host: this.ctx.host, play: this.ctx.play, ctx: this.ctx };
    return {
      ...host.vars,
      ...play.vars,
      ...ctx.registered,
      ...ctx.extraVars,
      inventory_hostname: host.name,
      group_names: host.groups.filter((g) => g !== 'all'),
    };
  }

  private moduleCtx(vars: Record<string, unknown>): ModuleContext {
    return { host: this.ctx.host.name, connectedAddress: this.ctx.connectedAddress, vars };
  }

  private emitTask(instance: TaskInstance, status: TaskStatus, message: string, extra: Partial<TaskEvent> = {}): void {
    this.ctx.sink.emit({
      type: 'task',
      play: this.ctx.play.name,
      host: this.ctx.host.name,
      task: instance.label,
      module: instance.task.module,
      status,
      message,
      ...extra,
    });
  }

  private phase(phase: 'gather' | 'apply' | 'replan', task?: string): void {
    this.ctx.sink.emit({ type: 'host_phase', play: this.ctx.play.name, host: this.ctx.host.name, phase, ...(task ? { task } : {}) });
  }

  /**
   * Read the facts and plan every unit from the next one not applied yet.
   * With `session`, the facts are read by an exec that takes the host lock
   * and stays open for the apply (runHostPlay); without, by a plain exec.
   */
  async prepare(options: { session?: boolean } = {}): Promise<void> {
    await this.close();
    this.phase('gather');
    this.store = new FactStore();
    this.snapshot = new FactSnapshot();
    this.lastToken = undefined;
    const from = this.units[this.next]?.seq ?? (this.next === 0 ? 0 : this.sequence.length);
    const rest = this.sequence.slice(from);
    const tasks = rest.map((item) => this.taskOf(item));
    await this.gather(this.collectFactSpecs(tasks), options.session === true);
    if (this.failed) return;
    const pending = new Set(this.units[this.next - 1]?.pendingAfter ?? []);
    this.units = [...this.units.slice(0, this.next), ...(await this.planFrom(from, pending))];
  }

  /** Units still to apply whose play position is at or before `seq`. */
  hasWorkThrough(seq: number): boolean {
    return this.next < this.units.length && this.units[this.next]!.seq <= seq;
  }

  get done(): boolean {
    return this.failed || this.next >= this.units.length;
  }

  /**
   * Apply (or, in check mode, report) every unit up to play position `seq`
   * in one exec. A plan found stale under the lock is re-read, re-planned
   * and applied once more.
   */
  async applyThrough(seq: number): Promise<ApplyStatus> {
    if (this.failed) return 'failed';
    if (!this.hasWorkThrough(seq)) return 'ok';
    const first = await this.applyOnce(seq);
    if (first !== 'stale') return first;
    this.phase('replan');
    await this.prepare();
    if (!this.hasWorkThrough(seq)) return 'ok';
    const second = await this.applyOnce(seq);
    if (second !== 'stale') return second;
    this.failed = true;
    this.ctx.sink.emit({
      type: 'task',
      play: this.ctx.play.name,
      host: this.ctx.host.name,
      task: this.units[this.next]?.label ?? 'apply',
      module: 'lockf',
      status: 'failed',
      message: 'the host changed again between reading its facts and applying (another run or an operator is changing it); nothing was applied',
    });
    return 'failed';
  }

  /** After the play (or a failure): force_handlers runs the handlers that tasks which ran had notified. */
  async finish(): Promise<void> {
    if (!this.failed || !this.ctx.play.forceHandlers || this.ctx.check || this.notifiedRan.size === 0) return;
    if (this.ctx.signal?.aborted) return;
    await this.close();
    // Re-read: the predicted facts assumed tasks that never ran.
    const handlers = this.ctx.play.handlers;
    this.store = new FactStore();
    this.snapshot = new FactSnapshot();
    this.lastToken = undefined;
    this.phase('gather', 'force_handlers');
    await this.gather(this.collectFactSpecs(handlers));
    const forced = handlers.flatMap((h, index) => (isNotified(h, this.notifiedRan) ? [{ kind: 'handler' as const, index, flush: -1 }] : []));
    const seq = this.sequence.length;
    this.units = [...this.units.slice(0, this.next), ...(await this.planItems(forced.map((item) => ({ item, seq })), new Set(this.notifiedRan)))];
    this.failed = false;
    await this.applyThrough(seq);
    this.failed = true;
  }

  // ---- planning ----

  private async planFrom(from: number, pending: Set<string>): Promise<Unit[]> {
    const items = this.sequence.slice(from).map((item, k) => ({ item, seq: from + k }));
    return this.planItems(items, pending);
  }

  private async planItems(items: Array<{ item: SequenceItem; seq: number }>, pending: Set<string>): Promise<Unit[]> {
    const units: Unit[] = [];
    for (const { item, seq } of items) {
      const task = this.taskOf(item);
      if (task.module === FLUSH_HANDLERS) continue;
      // A flush consumes the listen topics notified before it, once its last handler was considered.
      const lastOfFlush = item.kind === 'handler' && item.index === this.ctx.play.handlers.length - 1;
      const consumeTopics = (): void => {
        if (lastOfFlush) for (const h of this.ctx.play.handlers) for (const t of handlerNames(h).slice(1)) pending.delete(t);
      };
      if (item.kind === 'handler' && !isNotified(task, pending)) {
        consumeTopics();
        continue;
      }
      if (item.kind === 'handler') pending.delete(task.name);
      const unit: Unit = { seq, label: task.name || task.module, planned: [], steps: [], pendingAfter: pending };
      units.push(unit);
      const ok = await this.planTask(unit, task, item.kind === 'handler', pending);
      consumeTopics();
      unit.pendingAfter = new Set(pending);
      if (!ok) break;
    }
    return units;
  }

  /** Plans one task's instances into its unit; false when the host must stop. */
  private async planTask(unit: Unit, task: TaskDef, handler: boolean, pending: Set<string>): Promise<boolean> {
    let instances: TaskInstance[];
    try {
      instances = expandTask(task, this.baseVars());
    } catch (err) {
      unit.failure = { instance: { task, label: task.name || task.module, vars: {} }, message: errorMessage(err) };
      return false;
    }
    for (const instance of instances) {
      const ok = await this.planInstance(unit, instance, handler, pending);
      if (!ok) return false;
    }
    return true;
  }

  private async planInstance(unit: Unit, instance: TaskInstance, handler: boolean, pending: Set<string>): Promise<boolean> {
    const task = instance.task;
    const mod = this.ctx.modules.get(task.module);
    if (task.when !== undefined && !evaluateWhen(task.when, instance.vars)) {
      const plan: Plan = { changed: false, message: 'condition false', steps: [], diffs: [], updates: [] };
      unit.planned.push({ instance, plan, firstStep: unit.steps.length, handler, outcome: 'skipped' });
      register(this.ctx, task, { changed: false, skipped: true, failed: false, msg: 'condition false' });
      return true;
    }
    try {
      if (!mod) throw new JailfleetError(`unknown module "${task.module}"`);
      const args = withControllerFiles(task.module, renderTaskArgs(task, instance.vars, mod.schema), playbookDir(this.ctx));
      const plan = await this.planWithFacts(mod, args, this.moduleCtx(instance.vars));
      this.store.apply(plan.updates);
      unit.planned.push({ instance, plan, firstStep: unit.steps.length, handler });
      const retry = retryPolicy(task);
      for (const s of plan.steps) {
        unit.steps.push({
          title: s.title,
          command: retry ? withRetries(s.command, retry) : s.command,
          continueOnFailure: task.ignoreErrors,
          ...(s.replaces !== undefined ? { replaces: s.replaces } : {}),
        });
      }
      register(this.ctx, task, { changed: plan.changed, skipped: false, failed: false, msg: plan.message });
      if (plan.changed) for (const h of task.notify) pending.add(h);
      return true;
    } catch (err) {
      if (err instanceof UnreachableError) throw err;
      register(this.ctx, task, { changed: false, skipped: false, failed: true, msg: errorMessage(err) });
      if (task.ignoreErrors) {
        const plan: Plan = { changed: false, message: errorMessage(err), steps: [], diffs: [], updates: [] };
        unit.planned.push({ instance, plan, firstStep: unit.steps.length, handler, outcome: 'ignored' });
        return true;
      }
      unit.failure = { instance, message: errorMessage(err) };
      return false;
    }
  }

  /** Every fact spec these tasks can name now; the rest are read on demand. */
  private collectFactSpecs(tasks: TaskDef[]): FactSpec[] {
    const specs = new Map<string, FactSpec>();
    const vars = this.baseVars();
    for (const task of tasks) {
      const mod = this.ctx.modules.get(task.module);
      if (!mod) continue;
      try {
        for (const instance of expandTask(task, vars)) {
          const args = withControllerFiles(task.module, renderTaskArgs(task, instance.vars, mod.schema), playbookDir(this.ctx));
          for (const spec of mod.facts(args, this.moduleCtx(instance.vars))) specs.set(spec.key, spec);
        }
      } catch {
        // Arguments that depend on a registered result are rendered at plan time.
      }
    }
    return [...specs.values()];
  }

  private async gather(specs: FactSpec[], session = false): Promise<void> {
    const fresh = specs.filter((s) => !this.store.has(s.key));
    if (fresh.length === 0) return;
    const nonce = FRAME_NONCE;
    const out = session
      ? await this.openSession(fresh)
      : await this.ctx.transport.exec(shCommand(buildGatherScript(fresh, nonce)), { timeoutMs: this.ctx.commandTimeoutMs });
    if (!out) return;
    const parsed = parseFramedOutput(out.stdout, out.stderr, fresh.length, nonce);
    fresh.forEach((spec, i) => {
      const result = parsed.results[i];
      if (!result) {
        this.store.setError(spec.key, new JailfleetError(`could not read fact ${spec.key}: ${out.stderr.trim() || `exit ${out.code}`}`));
        return;
      }
      // Read under a session's lock, the facts need no re-check before its apply.
      if (!session) this.snapshot.add(spec.command, result.stdout, result.code);
      try {
        this.store.setValue(spec.key, spec.parse(result));
      } catch (err) {
        this.store.setError(spec.key, err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /**
   * Start the session exec: take the host lock, print the facts, wait. Its
   * output up to the ready marker is the gather's; undefined when the exec
   * ended before (host busy, no lock tool): the host has failed.
   */
  private async openSession(fresh: ScriptPart[]): Promise<ExecResult | undefined> {
    const lock = this.ctx.lock ?? DEFAULT_LOCK;
    const command = lockedCommand(shCommand(buildSessionScript(fresh, FRAME_NONCE)), lock);
    const channel = await this.ctx.transport.openSession(command, { timeoutMs: this.ctx.commandTimeoutMs });
    const got = await channel.readUntil(readyMarker(FRAME_NONCE));
    if ('ended' in got) {
      this.lockFailure(this.firstLabel(), got.ended.code, got.ended.stderr, lock);
      return undefined;
    }
    this.session = { channel, prefix: got };
    return { stdout: got.stdout, stderr: got.stderr, code: 0 };
  }

  /** End an open session without applying anything (empty input: the script exits 0). */
  async close(): Promise<void> {
    const open = this.session;
    if (!open) return;
    this.session = undefined;
    await open.channel.finish('');
  }

  private firstLabel(): string {
    const first = this.sequence[0];
    if (!first) return 'apply';
    const task = this.taskOf(first);
    return task.name || task.module;
  }

  /** The task or handler a play position stands for. */
  private taskOf(item: SequenceItem): TaskDef {
    return this.ctx.play[item.kind === 'task' ? 'tasks' : 'handlers'][item.index]!;
  }

  private async planWithFacts(mod: ModuleDef<unknown>, args: unknown, mctx: ModuleContext): Promise<Plan> {
    try {
      return mod.plan(args, this.store, mctx);
    } catch (err) {
      if (!(err instanceof MissingFactError)) throw err;
      // Late facts (arguments built from registered results): one more read.
      await this.gather(mod.facts(args, mctx));
      return mod.plan(args, this.store, mctx);
    }
  }

  // ---- applying ----

  private async applyOnce(seq: number): Promise<ApplyStatus | 'stale'> {
    const end = this.units.findIndex((u, i) => i >= this.next && u.seq > seq);
    const batch = this.units.slice(this.next, end < 0 ? undefined : end);
    const steps: StepSpec[] = [];
    const offsets = batch.map((u) => {
      const at = steps.length;
      steps.push(...u.steps);
      return at;
    });
    if (this.ctx.check || steps.length === 0) return this.report(batch, offsets, undefined);
    if (this.ctx.signal?.aborted) {
      // Ctrl-C: start no new exec; what was not applied is not reported.
      this.interrupted = true;
      this.next = this.units.length;
      await this.close();
      return 'ok';
    }
    this.phase('apply', batch.find((u) => u.steps.length > 0)?.label);
    const nonce = FRAME_NONCE;
    const stale = `@@jf:${nonce}:stale`;
    const token = `${String(this.ctx.extraVars.jailfleet_run_id ?? 'run')}-${newNonce()}`;
    const { kept, resultOf } = coalesceRewrites(steps);
    const sent = kept.map((i) => steps[i]!);
    const apply = [writeToken(token), buildApplyScript(sent, nonce)].join('\n');
    const lock = this.ctx.lock ?? DEFAULT_LOCK;
    const session = this.session;
    this.session = undefined;
    const out = await this.sendApply(session, apply, stale, lock).catch((err: unknown) => {
      throw err instanceof UnreachableError ? withStepReached(err, sent, nonce, session?.prefix) : err;
    });
    const parsed = parseFramedOutput(out.stdout, out.stderr, sent.length, nonce);
    if (parsed.results.length === 0 && parsed.interrupted === undefined) {
      if (!session && out.code === STALE_EXIT && out.stdout.includes(stale)) return 'stale';
      if (out.code === LOCK_BUSY_EXIT || out.code !== 0) return this.lockFailure(batch[0]?.label ?? 'apply', out.code, out.stderr, lock);
    }
    this.lastToken = token;
    return this.report(batch, offsets, { results: resultOf.map((k) => parsed.results[k]), code: out.code, stderr: out.stderr });
  }

  /**
   * The apply script goes to the open session (which holds the lock since
   * before the facts were read), or else to a new locked exec that first
   * checks the host is still as planned. Returns the apply's own output.
   */
  private async sendApply(session: HostPlay['session'], apply: string, stale: string, lock: LockSettings): Promise<ExecResult> {
    if (session) return afterPrefix(await session.channel.finish(sessionInput(apply, FRAME_NONCE)), session.prefix);
    const guard = this.lastToken === undefined ? this.snapshot.verifyScript(stale) : tokenGuard(this.lastToken, stale);
    const script = [guard, apply].filter(Boolean).join('\n');
    return this.ctx.transport.exec(lockedCommand(shCommand(script), lock), { timeoutMs: this.ctx.commandTimeoutMs });
  }

  private lockFailure(label: string, code: number, stderr: string, lock: LockSettings): ApplyStatus {
    this.failed = true;
    const message = code === LOCK_BUSY_EXIT ? busyMessage(lock, stderr) : `could not start the apply script (exit ${code})${stderr.trim() ? `: ${stderr.trim()}` : ''}`;
    this.ctx.sink.emit({
      type: 'task',
      play: this.ctx.play.name,
      host: this.ctx.host.name,
      task: label,
      module: 'lockf',
      status: 'failed',
      message,
      exitCode: code,
      stderr,
    });
    return 'failed';
  }

  /** Task events for the applied units, in order; stops at the first failure as the script did. */
  private report(batch: Unit[], offsets: number[], run: AppliedRun | undefined): ApplyStatus {
    this.appliedAny = true;
    for (const [k, unit] of batch.entries()) {
      this.next += 1;
      for (const [j, p] of unit.planned.entries()) {
        const outcome = this.reportPlanned(p, offsets[k]!, run);
        if (outcome === true) continue;
        this.reportCoalescedFailures(batch, offsets, k, j, outcome.result, run);
        this.failed = true;
        return 'failed';
      }
      if (unit.failure) {
        this.emitTask(unit.failure.instance, 'failed', unit.failure.message);
        this.failed = true;
        return 'failed';
      }
    }
    return 'ok';
  }

  /**
   * After the task at (unit k, instance j) failed: the later tasks whose
   * write was coalesced into the failed step share its result, so they
   * failed with it. Tasks without steps between them are not reported, as
   * after any failure; the first task with steps of its own ends the scan.
   */
  private reportCoalescedFailures(batch: Unit[], offsets: number[], k: number, j: number, failed: PartResult | undefined, run: AppliedRun | undefined): void {
    if (failed === undefined || !run) return;
    // this.next already counts unit k; each later unit reported here counts too.
    const atEntry = this.next;
    for (let u = k; u < batch.length; u++) {
      const unit = batch[u]!;
      for (const p of unit.planned.slice(u === k ? j + 1 : 0)) {
        if (p.plan.steps.length === 0 || p.outcome !== undefined) continue;
        const shares = p.plan.steps.some((_, s) => run.results[offsets[u]! + p.firstStep + s] === failed);
        if (!shares) return;
        this.next = Math.max(this.next, atEntry + (u - k));
        this.reportPlanned(p, offsets[u]!, run);
      }
    }
  }

  /** One planned instance's event; true, or the failed step's result when it failed (not ignored). */
  private reportPlanned(p: Planned, offset: number, run: AppliedRun | undefined): true | { result: PartResult | undefined } {
    const task = p.instance.task;
    if (p.outcome === 'ignored') {
      this.emitTask(p.instance, 'failed', p.plan.message, { ignored: true });
      return true;
    }
    if (p.outcome === 'skipped') {
      this.emitTask(p.instance, 'skipped', p.plan.message);
      return true;
    }
    const own = run ? p.plan.steps.map((s, k) => ({ step: s, result: run.results[offset + p.firstStep + k] })) : [];
    const bad = own.find((o) => !o.result || o.result.code !== 0);
    if (!bad) {
      this.emitTask(p.instance, p.plan.changed ? 'changed' : 'ok', p.plan.message, diffsOf(p.plan));
      if (p.plan.changed && !this.ctx.check) for (const h of task.notify) this.notifiedRan.add(h);
      if (p.handler) for (const name of handlerNames(task)) this.notifiedRan.delete(name);
      return true;
    }
    const ignored = task.ignoreErrors && bad.result !== undefined;
    const detail = bad.result
      ? { step: bad.step.title, exitCode: bad.result.code, stdout: bad.result.stdout, stderr: bad.result.stderr }
      : { step: bad.step.title, exitCode: run!.code, stdout: '', stderr: run!.stderr };
    const message = `step "${bad.step.title}" failed (exit ${detail.exitCode})${detail.stderr.trim() ? `: ${detail.stderr.trim()}` : ''}`;
    if (task.register) this.ctx.registered[task.register] = { changed: false, failed: true, skipped: false, msg: message, rc: detail.exitCode };
    this.emitTask(p.instance, 'failed', message, { ...detail, ...(ignored ? { ignored: true } : {}) });
    return ignored ? true : { result: bad.result };
  }
}

function playbookDir(ctx: HostPlayContext): string {
  return typeof ctx.extraVars.playbook_dir === 'string' ? ctx.extraVars.playbook_dir : process.cwd();
}

/** A handler's name, then its listen topics. */
function handlerNames(handler: TaskDef): string[] {
  const listen = handler.extra.listen;
  const topics = (Array.isArray(listen) ? listen : [listen]).filter((t): t is string => typeof t === 'string');
  return [handler.name, ...topics];
}

/** A handler runs when notified by name or by one of its listen topics. */
function isNotified(handler: TaskDef, notified: Set<string>): boolean {
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

function diffsOf(plan: Plan): Partial<TaskEvent> {
  return plan.diffs.length ? { diffs: plan.diffs } : {};
}

function register(ctx: HostPlayContext, task: TaskDef, result: Record<string, unknown>): void {
  if (task.register) ctx.registered[task.register] = result;
}
