/**
 * SimTransport's ExecSession: one channel, two phases on the simulated host
 * (src/sim/session.ts). readUntil runs phase 1 and hands over the output up
 * to the marker lines; finish replays the command with the complete stdin.
 */
import { UnreachableError } from '../errors.js';
import type { ExecResult, ExecSession, SessionPrefix } from '../transport/transport.js';
import type { SimFaults, SimHost } from './host.js';
import { withLockWait } from './locks.js';
import { abandonSession, isSuspended, replaySession, type SimSessionStart, type SimSuspended } from './session.js';
import type { SimResult } from './types.js';

/** What a session needs of the SimTransport that opened it. */
export interface SimSessionLink {
  readonly host: string;
  readonly sim: SimHost;
  readonly hostFaults: SimFaults;
  /** Throws UnreachableError when the transport was closed or the session's time is up. */
  check(): void;
  /** One run on the host: a simulated drop becomes UnreachableError; onAfterExec runs after it either way. */
  onHost<T>(run: () => T): T;
  /**
   * Stdout bytes reaching the controller, against the byte budget: when it
   * runs out, the error to fail with, carrying `before` + what got through.
   */
  deliver(stdout: string, stderr: string, before: string): UnreachableError | undefined;
  /** The session is done with the host: the transport no longer needs to abandon it on close. */
  settled(session: SimExecSession): void;
}

/**
 * As over SSH, everything phase 1 printed reaches the controller when it
 * runs (and counts against dropAfterBytes then), also what follows the
 * marker; readUntil returns the text up to the marker lines, finish the whole.
 */
export class SimExecSession implements ExecSession {
  /** Phase 1 as it ended or stopped; `received` is what of it reached the controller. */
  private started: { start: SimSessionStart; received: SessionPrefix } | undefined;
  private prefix: SessionPrefix | undefined;
  private result: ExecResult | undefined;
  /** Once the channel failed, every later call fails the same way. */
  private failure: unknown;
  /** Phase 1 stopped and holds its locks until phase 2 runs or the session is abandoned. */
  private waiting: SimSuspended | undefined;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly link: SimSessionLink,
    private readonly commandLine: string,
    timeoutMs: number | undefined,
  ) {
    // A real channel is closed when its time is up, and its command (and lock) with it.
    this.timer = timeoutMs === undefined ? undefined : setTimeout(() => this.end(), timeoutMs).unref();
  }

  /**
   * The session is over, or its command is gone (timeout, closed
   * connection): stop its timer and release the locks it still held.
   */
  end(): void {
    clearTimeout(this.timer);
    if (this.waiting) abandonSession(this.link.sim, this.waiting);
    this.waiting = undefined;
    this.link.settled(this);
  }

  readUntil(marker: string): Promise<SessionPrefix | { ended: ExecResult }> {
    return this.guard(async () => {
      if (this.prefix) return this.prefix;
      if (this.result) return { ended: this.result };
      const { link } = this;
      // lockf may have to wait for another session's lock, as on a real host.
      const start = await withLockWait(link.sim.locks, () => link.onHost(() => link.sim.startSession(this.commandLine, { faults: link.hostFaults })));
      if (isSuspended(start)) this.waiting = start;
      this.started = { start, received: { stdout: start.stdout, stderr: start.stderr } };
      const lost = link.deliver(start.stdout, start.stderr, '');
      if (!isSuspended(start)) {
        if (lost) throw lost;
        this.result = plain(start);
        this.end();
        return { ended: this.result };
      }
      const line = `${marker}\n`;
      const out = start.stdout.indexOf(line);
      const err = start.stderr.indexOf(line);
      const prefix = { stdout: start.stdout.slice(0, out + line.length), stderr: start.stderr.slice(0, err + line.length) };
      // Cut before the marker got through: readUntil fails; after it: the next call does.
      if (lost && (out < 0 || err < 0 || lost.partial!.stdout.length < prefix.stdout.length)) throw lost;
      if (lost) {
        this.failure = lost;
        this.end();
      }
      if (out < 0 || err < 0) {
        // A real command would wait for input forever, until the session's timeout ends it.
        const streams = [out < 0 ? 'stdout' : '', err < 0 ? 'stderr' : ''].filter(Boolean).join(' and ');
        throw new UnreachableError(link.host, 'timeout', `the command is waiting for input before printing the marker ${marker} on ${streams}`);
      }
      this.prefix = prefix;
      return prefix;
    });
  }

  finish(input: string): Promise<ExecResult> {
    return this.guard(async () => {
      if (this.result) return this.result;
      const { link, commandLine } = this;
      const started = this.started?.start;
      let result: SimResult;
      if (started && isSuspended(started)) {
        // Even empty input needs phase 2: the command reads EOF and goes on (`exit 0`).
        this.waiting = undefined;
        result = link.onHost(() => replaySession(link.sim, commandLine, started, input, link.hostFaults));
      } else {
        // readUntil was never called: one run with the whole input is the same exec.
        result = await withLockWait(link.sim.locks, () => link.onHost(() => link.sim.exec(commandLine, { stdin: input, faults: link.hostFaults })));
      }
      const before = this.started?.received.stdout ?? '';
      const lost = link.deliver(result.stdout.slice(before.length), result.stderr, before);
      if (lost) throw lost;
      this.result = plain(result);
      this.end();
      return this.result;
    });
  }

  private async guard<T>(step: () => Promise<T>): Promise<T> {
    if (this.failure !== undefined) throw this.failure;
    try {
      this.link.check();
      return await step();
    } catch (err) {
      this.failure = this.withReceived(err);
      this.end();
      throw this.failure;
    }
  }

  /** A drop after output arrived carries that output, as a dropped SSH channel does. */
  private withReceived(err: unknown): unknown {
    const got = this.started?.received;
    if (!(err instanceof UnreachableError) || err.reason !== 'dropped' || err.partial || !got) return err;
    return got.stdout || got.stderr ? err.withPartial(got.stdout, got.stderr) : err;
  }
}

function plain(r: SimResult): ExecResult {
  return { stdout: r.stdout, stderr: r.stderr, code: r.code };
}
