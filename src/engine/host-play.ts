/**
 * One host through one play. The free strategy (runHostPlay) runs it in one
 * exec session under the host lock (DESIGN.md §4): round 0 prints every fact
 * the play names; the controller plans task after task (host-planner.ts);
 * when a task needs a fact that a pending step may have changed and no plan
 * predicted, the pending steps and a re-read of such facts go to the host as
 * the next round of the same session (session-driver.ts); once everything
 * ran, the end line closes the session. Converging or not, a host costs one
 * exec; a host with nothing to change costs one round.
 *
 * Check mode gathers in one plain exec without the lock and applies nothing,
 * so a task whose facts wait on an earlier change is reported as depending
 * on it. The linear strategy (strategy-linear.ts) applies the units of all
 * hosts in lockstep, one locked exec per task position, each refusing a plan
 * made against facts that changed since they were read (host-lock.ts,
 * fact-snapshot.ts); when planning stops at a stale fact, the host is read
 * again after the earlier positions were applied.
 */
import { randomBytes } from 'node:crypto';
import type { InventoryHost } from '../inventory/types.js';
import type { FactSpec } from '../modules/types.js';
import type { PlayDef } from '../playbook/types.js';
import type { MagicVars } from '../playbook/magic-vars.js';
import type { EventSink } from '../report/events.js';
import type { ExecResult, Transport } from '../transport/transport.js';
import { buildApplyScript, buildGatherScript, coalesceRewrites, parseFramedOutput, shCommand, type PartResult } from '../shell/script.js';
import { FactStore } from './fact-store.js';
import { factParts } from './fact-batches.js';
import { FactSnapshot } from './fact-snapshot.js';
import type { TagFilter } from './tags.js';
import { LOCK_BUSY_EXIT, busyMessage, lockProbe, lockedCommand, tokenGuard, writeToken, type LockSettings } from './host-lock.js';
import { playSequence, type SequenceItem } from './play-sequence.js';
import { HostPlanner, isNotified, type ModuleLookup, type Planned, type StepSpec } from './host-planner.js';
import { emitHostTask, emitTask, reportRound, type ReportContext, type RoundRun } from './host-report.js';
import { SessionDriver } from './session-driver.js';
import { BlockFlow } from './block-flow.js';
import { describeEarlierRound, sessionLogFact, type EarlierRound } from './session-log.js';
import { JailfleetError, UnreachableError } from '../errors.js';

export type { ModuleLookup } from './host-planner.js';

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
  /** groups and hostvars, built once per run (playbook/magic-vars.ts). */
  magic?: MagicVars;
  connectedAddress?: string;
  commandTimeoutMs?: number;
  /** Host lock for apply scripts (default: wait 60 s). */
  lock?: LockSettings;
  /** Check mode: read facts under the host lock as well, so a host busy with another run is reported busy (reconcile). */
  lockCheck?: boolean;
  /** Aborted on Ctrl-C: no apply exec is started after it. */
  signal?: AbortSignal;
  /** Called once per round the controller waits for the host (a session's round, or an exec). */
  onRound?: () => void;
}

export interface HostPlayOutcome {
  failed: boolean;
  /** Interrupted before anything was applied. */
  notRun?: boolean;
}

export type ApplyStatus = 'ok' | 'failed';

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
 * A connection lost during a round: say which step the host had reached
 * (from the frames of this round received before the drop), so the operator
 * knows what may have run. Edits are atomic, so no file is half-written.
 */
function withStepReached(err: UnreachableError, sent: StepSpec[]): UnreachableError {
  if (!err.partial || sent.length === 0) return err;
  const parsed = parseFramedOutput(err.partial.stdout, err.partial.stderr, sent.length, FRAME_NONCE);
  const done = parsed.results.length;
  const at = parsed.interrupted ?? (done < sent.length ? done : undefined);
  if (at === undefined) return err;
  const step = sent[at]!;
  const where = parsed.interrupted !== undefined ? `during step ${at + 1}/${sent.length} "${step.title}"` : `after step ${done}/${sent.length}, before "${step.title}"`;
  const reached = new UnreachableError(err.host, err.reason, `${err.detail} (${where})`);
  reached.partial = err.partial;
  return reached;
}

/** The free strategy: the whole play in one exec session (check mode: one plain gather). */
export async function runHostPlay(ctx: HostPlayContext): Promise<HostPlayOutcome> {
  const hp = new HostPlay(ctx);
  try {
    if (ctx.check) {
      await hp.prepare();
      await hp.applyThrough(Number.POSITIVE_INFINITY);
    } else {
      await hp.runSession();
    }
    await hp.finish();
    return { failed: hp.failed, notRun: hp.interrupted && !hp.appliedAny };
  } finally {
    // Nothing left to apply: a session still open only has to end (exit 0).
    await hp.close().catch(() => undefined);
  }
}

export class HostPlay {
  readonly sequence: SequenceItem[];
  private planner: HostPlanner;
  private snapshot = new FactSnapshot();
  /** Token written by our last apply; undefined until the first apply after a gather. */
  private lastToken: string | undefined;
  /** Planning stopped at this play position: the earlier ones must be applied and the host read again. */
  private blocked: number | undefined;
  private driver: SessionDriver | undefined;
  private readonly report: ReportContext;
  /** Failures inside blocks: which tasks still run (kept when the host is planned again). */
  private readonly flow = new BlockFlow();
  failed = false;
  /** Ctrl-C stopped this host before an apply it would have started. */
  interrupted = false;
  /** Some apply ran (or, in check mode, something was reported). */
  appliedAny = false;
  /** The last round reported a failure that a block took over (block-flow.ts). */
  private recovered = false;

  constructor(private readonly ctx: HostPlayContext) {
    this.sequence = playSequence(ctx.play, ctx.tags);
    this.report = { ctx, notifiedRan: new Set(), rescued: BlockFlow.rescued };
    this.planner = this.newPlanner(0, []);
  }

  private newPlanner(from: number, pendingHandlers: Iterable<string>, items?: Array<{ item: SequenceItem; seq: number }>, flow = this.flow): HostPlanner {
    const all = items ?? this.sequence.slice(from).map((item, k) => ({ item, seq: from + k }));
    return new HostPlanner(this.ctx, all, new FactStore(), pendingHandlers, flow);
  }

  private phase(phase: 'gather' | 'apply' | 'replan', task?: string): void {
    this.ctx.sink.emit({ type: 'host_phase', play: this.ctx.play.name, host: this.ctx.host.name, phase, ...(task ? { task } : {}) });
  }

  // ---- the session (free strategy) ----

  /** Gather, plan and apply round by round in one locked exec. */
  async runSession(): Promise<void> {
    this.phase('gather');
    const planner = this.planner;
    const specs = [...planner.remainingFactSpecs(), ...planner.pendingSpecs(), sessionLogFact()];
    const lock = this.ctx.lock ?? DEFAULT_LOCK;
    this.ctx.onRound?.();
    const read = factParts(specs);
    const opened = await SessionDriver.open(this.ctx.transport, read.parts, FRAME_NONCE, lock, this.ctx.commandTimeoutMs);
    if ('refused' in opened) {
      this.lockFailure(this.firstLabel(), opened.refused, lock);
      return;
    }
    this.driver = opened.driver;
    this.store(specs, read.results(opened.facts.results), 'the output ended early');
    this.reportEarlierRound();
    planner.carryPending();
    let lastAsk = '';
    for (;;) {
      const stop = planner.planNext();
      const round = planner.unsent();
      const hasSteps = round.some((p) => p.steps.length > 0);
      if (stop.kind === 'done') {
        if (hasSteps) await this.sessionRound(round, []);
        else this.reportSent(round, { results: [], code: 0, stderr: '' });
        this.reportPlanFailure(Number.POSITIVE_INFINITY);
        this.failedInBlock();
        return;
      }
      if (stop.kind === 'settle') {
        if (!(await this.sessionRound(round, []))) return;
        // The steps just sent may change what was read before: asking again is no failure to read.
        lastAsk = '';
        continue;
      }
      // Read what the task asks for, and every other stale fact the rest of the play names, after the pending steps.
      const stale = new Set(planner.store.staleKeys());
      const reads = dedupe([...stop.specs, ...planner.remainingFactSpecs().filter((s) => stale.has(s.key))]);
      const ask = reads.map((s) => s.key).join('\n');
      if (!hasSteps && ask === lastAsk) return this.failPlanning(`could not read ${ask.replaceAll('\n', ', ')}`);
      lastAsk = ask;
      if (!(await this.sessionRound(round, reads))) return;
      // A step failed inside a block: these reads never ran.
      if (this.recovered) lastAsk = '';
    }
  }

  /** A round an earlier run lost sight of, from the host's log (session-log.ts). */
  private reportEarlierRound(): void {
    const spec = sessionLogFact();
    let earlier: EarlierRound | undefined;
    try {
      earlier = this.planner.store.get(spec);
    } catch {
      return;
    }
    if (!earlier) return;
    emitHostTask(this.report, 'earlier run', 'session', 'ok', describeEarlierRound(earlier));
  }

  /** One round: the pending steps, then the reads; false when the host stopped (failure, interrupt, end of session). */
  private async sessionRound(round: Planned[], reads: FactSpec[]): Promise<boolean> {
    if (this.ctx.signal?.aborted) {
      // Ctrl-C: send nothing more; what was not applied is not reported.
      this.interrupted = true;
      return false;
    }
    const steps = round.flatMap((p) => p.steps);
    const { kept, resultOf } = coalesceRewrites(steps);
    const sent = kept.map((i) => steps[i]!);
    this.phase('apply', round.find((p) => p.steps.length > 0)?.instance.label);
    this.ctx.onRound?.();
    const read = factParts(reads);
    const out = await this.driver!.round(sent, read.parts).catch((err: unknown) => {
      throw err instanceof UnreachableError ? withStepReached(err, sent) : err;
    });
    const stepResults = out.parsed.results.slice(0, sent.length);
    const reported = this.reportSent(round, { results: resultOf.map((k) => stepResults[k]), code: out.code, stderr: out.stderr });
    if (reported === 'failed') return false;
    if (out.ended) {
      this.failPlanning(`the host's session ended (exit ${out.code})${out.stderr.trim() ? `: ${out.stderr.trim()}` : ''}`);
      return false;
    }
    // A step failed inside a block: the reads after it never ran, and every fact is to be read again anyway.
    if (reported === 'recovered') return true;
    this.store(reads, read.results(out.parsed.results.slice(sent.length)), 'the output ended early');
    return true;
  }

  /**
   * Report the planned instances a round carried: 'failed' when one failed
   * and the host stops, 'recovered' when it failed inside a block that has
   * a rescue or always list to go on with (block-flow.ts).
   */
  private reportSent(round: Planned[], run: RoundRun | undefined): 'ok' | 'failed' | 'recovered' {
    this.appliedAny = true;
    const { failed, failedAt, failure } = reportRound(this.report, round, run);
    this.recovered = failed && failedAt !== undefined && this.planner.recover(round[failedAt]!, failure ?? { failed: true });
    if (this.recovered) return 'recovered';
    this.planner.sent += round.length;
    if (failed) this.failed = true;
    return failed ? 'failed' : 'ok';
  }

  /** Everything ran that still could after a failure no rescue caught: the host failed. */
  private failedInBlock(): void {
    if (this.flow.hostFailed) this.failed = true;
  }

  /** Parse read facts into the store; a fact the output has no frame for failed to be read (`missing` says why). */
  private store(specs: FactSpec[], results: Array<PartResult | undefined>, missing: string): void {
    const store = this.planner.store;
    specs.forEach((spec, i) => {
      const result = results[i];
      if (!result) {
        store.setError(spec.key, new JailfleetError(`could not read fact ${spec.key}: ${missing}`), spec.reads);
        return;
      }
      try {
        store.setValue(spec.key, spec.parse(result), spec.reads);
      } catch (err) {
        store.setError(spec.key, err instanceof Error ? err : new Error(String(err)), spec.reads);
      }
    });
  }

  // ---- plain execs (check mode, linear strategy, force_handlers) ----

  /** Read the facts of the rest of the play (again) in one plain exec, and plan on. */
  async prepare(): Promise<void> {
    this.phase('gather');
    this.planner.store = new FactStore();
    this.snapshot = new FactSnapshot();
    this.lastToken = undefined;
    this.blocked = undefined;
    await this.gather([...this.planner.remainingFactSpecs(), ...this.planner.pendingSpecs()]);
    this.planner.carryPending();
    await this.planOn();
  }

  private async planOn(): Promise<void> {
    let lastAsk = '';
    while (!this.failed) {
      const stop = this.planner.planNext();
      if (stop.kind === 'done') return;
      if (stop.kind === 'settle') {
        this.blocked = stop.seq;
        return;
      }
      // Applying comes first when a step not applied yet may change what the task reads.
      if (stop.stale || (!this.ctx.check && this.planner.unsent().some((p) => p.steps.length > 0))) {
        this.blocked = stop.seq;
        return;
      }
      const ask = stop.specs.map((s) => s.key).join('\n');
      if (ask === lastAsk) return this.failPlanning(`could not read ${ask.replaceAll('\n', ', ')}`);
      lastAsk = ask;
      // Late facts (arguments built from registered results): one more read.
      await this.gather(stop.specs);
      if (this.ctx.check) this.restale(stop.specs);
    }
  }

  /** Check mode: a fact read late is stale again where a planned (never applied) step may change it. */
  private restale(specs: FactSpec[]): void {
    const keys = new Set(specs.map((s) => s.key));
    for (const p of this.planner.unsent()) for (const s of p.steps) this.planner.store.changed(s.changes, p.instance.label, keys);
  }

  private async gather(specs: FactSpec[]): Promise<void> {
    const fresh = specs.filter((s) => !this.planner.store.isCurrent(s.key));
    if (fresh.length === 0) return;
    this.ctx.onRound?.();
    // A check under the lock waits for (or gives up on) a run applying now, instead of reading its half-done state as drift.
    const locked = this.ctx.check && this.ctx.lockCheck === true;
    const lock = this.ctx.lock ?? DEFAULT_LOCK;
    const read = factParts(fresh);
    const gather = buildGatherScript(read.parts, FRAME_NONCE);
    const out = await this.ctx.transport.exec(shCommand(locked ? `${lockProbe(lock)}\n${gather}` : gather), { timeoutMs: this.ctx.commandTimeoutMs });
    const parsed = parseFramedOutput(out.stdout, out.stderr, read.parts.length, FRAME_NONCE);
    if (locked && parsed.results.length === 0 && out.code !== 0) {
      this.lockFailure(this.planner.currentLabel ?? this.firstLabel(), out, lock);
      return;
    }
    this.store(fresh, read.results(parsed.results), out.stderr.trim() || `exit ${out.code}`);
    // The apply re-runs these parts (a batch as one: its columns are aligned over all its paths) and compares.
    read.parts.forEach((part, i) => {
      const r = parsed.results[i];
      if (r) this.snapshot.add(part.command, r.stdout, r.code);
    });
  }

  /** Something to apply (or report) at or before play position `seq`. */
  hasWorkThrough(seq: number): boolean {
    if (this.failed) return false;
    if (this.flow.hostFailed) return true;
    if (this.planner.unsent(seq).length > 0) return true;
    if (this.blocked !== undefined && this.blocked <= seq) return true;
    const failure = this.planner.failure;
    return failure !== undefined && failure.seq <= seq;
  }

  /**
   * Apply (or, in check mode, report) everything planned up to play
   * position `seq`, one locked exec per call; where planning stopped at a
   * stale fact before `seq`, read the host again and go on.
   */
  async applyThrough(seq: number): Promise<ApplyStatus> {
    for (;;) {
      if (this.failed) return 'failed';
      const batch = this.planner.unsent(seq);
      if (batch.length > 0 && (await this.applyBatch(batch)) === 'failed') return 'failed';
      if (this.blocked !== undefined && this.blocked <= seq) {
        this.phase('replan');
        await this.prepare();
        continue;
      }
      if (this.reportPlanFailure(seq)) return 'failed';
      // A failure no rescue caught: once its always lists ran, the host is failed.
      if (this.flow.hostFailed && this.blocked === undefined && this.planner.unsent().length === 0) this.failedInBlock();
      return this.failed ? 'failed' : 'ok';
    }
  }

  /** One locked exec for these planned instances; a plan found stale under the lock is read, planned and tried once more. */
  private async applyBatch(batch: Planned[]): Promise<ApplyStatus> {
    const first = await this.applyOnce(batch);
    if (first !== 'stale') return first;
    this.phase('replan');
    const from = batch[0]!.seq;
    this.planner = this.newPlanner(from, this.planner.pendingBefore(from));
    await this.prepare();
    const again = this.planner.unsent(batch[batch.length - 1]!.seq);
    if (again.length === 0) return 'ok';
    const second = await this.applyOnce(again);
    if (second !== 'stale') return second;
    this.failed = true;
    const message = 'the host changed again between reading its facts and applying (another run or an operator is changing it); nothing was applied';
    emitHostTask(this.report, again[0]!.instance.label, 'lockf', 'failed', message);
    return 'failed';
  }

  private async applyOnce(batch: Planned[]): Promise<ApplyStatus | 'stale'> {
    const steps = batch.flatMap((p) => p.steps);
    if (this.ctx.check || steps.length === 0) return this.reportSent(batch, undefined) === 'failed' ? 'failed' : 'ok';
    if (this.ctx.signal?.aborted) {
      // Ctrl-C: start no new exec; what was not applied is not reported.
      this.interrupted = true;
      this.planner.sent = this.planner.planned.length;
      this.blocked = undefined;
      return 'ok';
    }
    this.phase('apply', batch.find((p) => p.steps.length > 0)?.instance.label);
    const stale = `@@jf:${FRAME_NONCE}:stale`;
    const token = `${String(this.ctx.extraVars.jailfleet_run_id ?? 'run')}-${newNonce()}`;
    const { kept, resultOf } = coalesceRewrites(steps);
    const sent = kept.map((i) => steps[i]!);
    const guard = this.lastToken === undefined ? this.snapshot.verifyScript(stale) : tokenGuard(this.lastToken, stale);
    const script = [guard, writeToken(token), buildApplyScript(sent, FRAME_NONCE)].filter(Boolean).join('\n');
    const lock = this.ctx.lock ?? DEFAULT_LOCK;
    this.ctx.onRound?.();
    const out = await this.ctx.transport.exec(lockedCommand(shCommand(script), lock), { timeoutMs: this.ctx.commandTimeoutMs }).catch((err: unknown) => {
      throw err instanceof UnreachableError ? withStepReached(err, sent) : err;
    });
    const parsed = parseFramedOutput(out.stdout, out.stderr, sent.length, FRAME_NONCE);
    if (parsed.results.length === 0 && parsed.interrupted === undefined) {
      if (out.code === STALE_EXIT && out.stdout.includes(stale)) return 'stale';
      if (out.code !== 0) return this.lockFailure(batch[0]!.instance.label, out, lock);
    }
    this.lastToken = token;
    const reported = this.reportSent(batch, { results: resultOf.map((k) => parsed.results[k]), code: out.code, stderr: out.stderr });
    // Recovered in a block: the rest of the play is planned again from fresh facts (prepare) before it is applied.
    if (reported === 'recovered') this.blocked = batch[batch.length - 1]!.seq;
    return reported === 'failed' ? 'failed' : 'ok';
  }

  /** After the play (or a failure): force_handlers runs the handlers that tasks which ran had notified. */
  async finish(): Promise<void> {
    const notified = this.report.notifiedRan;
    if (!this.failed || !this.ctx.play.forceHandlers || this.ctx.check || notified.size === 0) return;
    if (this.ctx.signal?.aborted) return;
    await this.close();
    // Read again: the predicted facts assumed tasks that never ran.
    const seq = this.sequence.length;
    const handlers = this.ctx.play.handlers;
    const forced = handlers.flatMap((h, index) => (isNotified(h, notified) ? [{ item: { kind: 'handler' as const, index, flush: -1 }, seq }] : []));
    // A fresh block flow: the failure that stopped the host must not pass over the forced handlers.
    this.planner = this.newPlanner(seq, notified, forced, new BlockFlow());
    this.failed = false;
    this.phase('gather', 'force_handlers');
    await this.prepare();
    await this.applyThrough(seq);
    this.failed = true;
  }

  /** End an open session without applying anything more. */
  async close(): Promise<void> {
    const driver = this.driver;
    this.driver = undefined;
    await driver?.close();
  }

  // ---- failures ----

  /** The planning failure at or before `seq`, once everything before it was reported; true when reported. */
  private reportPlanFailure(seq: number): boolean {
    const failure = this.planner.failure;
    if (!failure || failure.seq > seq || this.planner.unsent().length > 0 || this.failed) return false;
    emitTask(this.report, failure.instance, 'failed', failure.message);
    this.failed = true;
    return true;
  }

  private failPlanning(message: string): void {
    this.failed = true;
    const label = this.planner.currentLabel ?? this.firstLabel();
    emitHostTask(this.report, label, '', 'failed', message);
  }

  private lockFailure(label: string, out: ExecResult, lock: LockSettings): ApplyStatus {
    this.failed = true;
    const { code, stderr } = out;
    const message = code === LOCK_BUSY_EXIT ? busyMessage(lock, stderr) : `could not start the apply script (exit ${code})${stderr.trim() ? `: ${stderr.trim()}` : ''}`;
    emitHostTask(this.report, label, 'lockf', 'failed', message, { exitCode: code, stderr });
    return 'failed';
  }

  private firstLabel(): string {
    const first = this.sequence[0];
    if (!first) return 'apply';
    const task = this.planner.taskOf(first);
    return task.name || task.module;
  }
}

function dedupe(specs: FactSpec[]): FactSpec[] {
  return [...new Map(specs.map((s) => [s.key, s])).values()];
}
