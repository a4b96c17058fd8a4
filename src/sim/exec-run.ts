/**
 * One exec on a simulated host as a run that can stop and go on: the login
 * shell runs the command line as steps (shell/steps.ts) and stops wherever
 * the command waits — for stdin that has not arrived (a session between its
 * rounds) or for a lock another run holds. What it printed collects in
 * `stdout` and `stderr` as it runs, so a caller can stream it.
 *
 * Synchronous: session.ts is the asynchronous side (lock waits, input).
 */
import { BufferSink, OpenReader, type Executor, type Reader, type ShellState, type Steps, type Suspension } from './shell/index.js';
import { SimConnectionDropped } from './dropped.js';
import type { SimResult } from './types.js';

export class SimExecRun {
  readonly stdout = new BufferSink();
  readonly stderr = new BufferSink();
  /** Set once the command ended. */
  result: SimResult | undefined;
  private steps: Steps | undefined;
  private started = false;

  constructor(
    private readonly executor: Executor,
    private readonly sh: ShellState,
    private readonly commandLine: string,
    /** The command's stdin: an OpenReader while its writer may still add to it. */
    readonly input: Reader,
    /** Called once the run is over, however it ended (power.ts: a power-off waits for it). */
    private readonly onOver: () => void = () => undefined,
  ) {
    executor.openInput = input instanceof OpenReader ? input : undefined;
    executor.onHangUp = () => (this.stdout.broken = this.stderr.broken = true);
  }

  /** Commands that ran to their end, as the drop and failure faults count them. */
  get finishedCommands(): number {
    return this.executor.finishedCommands;
  }

  /** Commands completed so far: a stretch that completed none (a command still waiting) changed nothing. */
  get commandsRun(): number {
    return this.executor.commandsRun;
  }

  /**
   * Run (from the start, or on from where it stopped, with `answer` for the
   * suspension it stopped at) until it stops again — the suspension — or
   * ends (undefined; `result` is set). What the command throws (a simulated
   * connection drop) ends the run and goes to the caller.
   */
  resume(answer?: unknown): Suspension | undefined {
    if (this.result) return undefined;
    if (!this.started) {
      this.started = true;
      const r = this.executor.runScript(this.sh, this.commandLine, { fds: [this.input, this.stdout, this.stderr] });
      if (typeof r === 'number') return this.end(r);
      this.steps = r;
    }
    const steps = this.steps;
    if (!steps) throw new Error('simulator: resuming a run that failed or was abandoned');
    let next: IteratorResult<Suspension, number>;
    try {
      next = steps.next(answer);
    } catch (err) {
      this.steps = undefined;
      this.onOver();
      throw err;
    }
    return next.done ? this.end(next.value) : next.value;
  }

  /** The connection dropped while the run goes on: stdin ends, output goes nowhere (Executor.hangUp). */
  hangUp(): void {
    this.executor.hangUp(this.executor.commandsRun);
  }

  /**
   * The run will not go on (closed connection, timeout): unwind it where it
   * stopped, so that what it holds is given back (lockf's lock) — and no
   * more of it runs, no EXIT trap either: the process is gone.
   */
  abandon(): void {
    const steps = this.steps;
    this.steps = undefined;
    steps?.return(0);
    this.onOver();
  }

  /** The run ended; when the connection dropped on the way (it ran on without it), its caller learns that only now. */
  private end(code: number): undefined {
    this.steps = undefined;
    // The output joined only if asked for: a session hands it on round by round and never reads it whole.
    const { stdout, stderr } = this;
    this.result = {
      get stdout() {
        return stdout.text();
      },
      get stderr() {
        return stderr.text();
      },
      code,
    };
    this.onOver();
    if (this.executor.hungUpAfter !== undefined) throw new SimConnectionDropped(this.executor.hungUpAfter);
    return undefined;
  }
}
