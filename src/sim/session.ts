/**
 * The asynchronous side of a run on a simulated host (exec-run.ts), shared
 * by SimTransport (transport.ts, transport-session.ts) and the SSH server
 * (serve-exec.ts): it feeds the run its stdin as input arrives, waits for
 * the locks its lockf waits for, and runs it as far as it goes — until the
 * command waits for input that has not arrived yet, or ends.
 *
 * Each stretch of running goes through `onHost` (fault translation, saving
 * the state): for a session that is once per round. Nothing runs twice: a
 * run goes on from where it stopped (shell/steps.ts).
 */
import type { SimExecRun } from './exec-run.js';
import type { SimLocks } from './locks.js';
import { OpenReader, type Suspension } from './shell/index.js';

export interface SimRunHooks {
  /** Every stretch of running on the host goes through here. */
  onHost<T>(run: () => T): T;
}

export class SimRunDriver {
  /** Where the run stopped; 'new' before it started. */
  private stopped: Suspension | 'new' | undefined = 'new';
  /** Input arrived (or ended) since the run last stopped for stdin. */
  private inputMoved = false;
  /** Set once the run will not go on: every later advance() fails with it. */
  private gone: { reason: unknown } | undefined;
  private cancelWait: ((reason: unknown) => void) | undefined;

  constructor(
    readonly run: SimExecRun,
    private readonly locks: SimLocks,
    private readonly hooks: SimRunHooks,
  ) {}

  /** Append to the command's stdin (a session's next round). */
  feed(text: string): void {
    if (text === '') return;
    this.openInput().append(text);
    this.inputMoved = true;
  }

  /** The connection dropped with the command running: it runs on without it, stdin at its end (Executor.hangUp). */
  hangUp(): void {
    this.run.hangUp();
    this.inputMoved = true;
  }

  /** End of input: the command reads EOF. */
  close(): void {
    const input = this.run.input;
    if (input instanceof OpenReader && !input.closed) input.close();
    this.inputMoved = true;
  }

  /** Whether the run is waiting for input (stopped at a stdin read with nothing new to read). */
  get waitingForInput(): boolean {
    return !this.run.result && typeof this.stopped === 'object' && this.stopped.kind === 'stdin' && !this.inputMoved;
  }

  /**
   * Run as far as it goes: until the command waits for input that has not
   * arrived, or ended (run.result). Lock waits are waited here. Rejects with
   * what the run threw (a simulated drop), or with the reason it was abandoned.
   */
  async advance(): Promise<void> {
    for (;;) {
      this.throwIfGone();
      if (this.run.result) return;
      const at = this.stopped;
      if (at === 'new') {
        this.stopped = this.step(undefined);
        continue;
      }
      if (at === undefined) return;
      if (at.kind === 'stdin') {
        if (!this.inputMoved) return;
        this.inputMoved = false;
        this.stopped = this.step(undefined);
        continue;
      }
      const free = await this.waitLock(at.path, at.timeoutS);
      this.throwIfGone();
      this.stopped = this.step(free);
    }
  }

  /**
   * The run will not go on (timeout, closed connection, a drop): its command
   * is gone, and the locks it held with it. A pending advance() rejects with `reason`.
   */
  abandon(reason: unknown): void {
    if (this.gone) return;
    this.gone = { reason };
    this.run.abandon();
    this.cancelWait?.(reason);
  }

  private throwIfGone(): void {
    if (this.gone) throw this.gone.reason;
  }

  private step(answer: unknown): Suspension | undefined {
    try {
      return this.hooks.onHost(() => this.run.resume(answer));
    } catch (err) {
      // The run is over (its generators unwound, its locks given back); a later call fails the same way.
      this.gone = { reason: err };
      throw err;
    }
  }

  private waitLock(path: string, timeoutS: number | undefined): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.cancelWait = reject;
      this.locks.waitFor(path, timeoutS === undefined ? undefined : timeoutS * 1000).then(resolve, reject);
    }).finally(() => {
      this.cancelWait = undefined;
    });
  }

  private openInput(): OpenReader {
    const input = this.run.input;
    if (!(input instanceof OpenReader) || input.closed) throw new Error('simulator: input sent after the command\'s stdin was closed');
    return input;
  }
}
