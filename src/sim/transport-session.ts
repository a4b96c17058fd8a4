/**
 * SimTransport's ExecSession: one channel whose command runs on the
 * simulated host as a run that stops where it waits for stdin and goes on
 * when input comes (session.ts, exec-run.ts) — round after round, nothing
 * run twice. As over SSH, what the command prints reaches the controller as
 * it runs (and counts against dropAfterBytes then); readUntil hands out one
 * round's part of it, finish the whole.
 */
import { UnreachableError } from '../errors.js';
import type { ExecResult, ExecSession, SessionPrefix } from '../transport/transport.js';
import type { SimFaults, SimHost } from './host.js';
import { SimRunDriver } from './session.js';

/** What a session needs of the SimTransport that opened it. */
export interface SimSessionLink {
  readonly host: string;
  readonly sim: SimHost;
  readonly hostFaults: SimFaults;
  /** Throws UnreachableError when the transport was closed or the session's time is up. */
  check(): void;
  /** One stretch of running on the host: a simulated drop becomes UnreachableError; onAfterExec runs after it either way. */
  onHost<T>(run: () => T): T;
  /**
   * Stdout reaching the controller, against the byte budget: where it is
   * cut when the budget runs out (the connection is gone then), else undefined.
   */
  cutAt(stdout: string): number | undefined;
  /** The error of a connection cut by the byte budget. */
  cutError(): UnreachableError;
  /** Stdin leaving the controller, against the input byte budget: the part that reaches the host when it runs out, else undefined. */
  cutInput(input: string): string | undefined;
  /** The error of a connection cut while stdin was in transit. */
  inputCutError(): UnreachableError;
  /** The session is done with the host: the transport no longer needs to abandon it on close. */
  settled(session: SimExecSession): void;
}

interface Output {
  stdout: string;
  stderr: string;
}

export class SimExecSession implements ExecSession {
  private driver: SimRunDriver | undefined;
  /** What reached the controller: the whole exec's output so far. */
  private received: Output = { stdout: '', stderr: '' };
  /** How much of the run's output has been delivered (or lost to a cut). */
  private sent = { stdout: 0, stderr: 0 };
  /**
   * `received` after the previous readUntil's marker lines: the round being
   * read, where the next marker is looked for. Searching the whole exec's
   * output instead would copy it (a string grown by `+=` is flattened to be
   * searched) at every round.
   */
  private unread: Output = { stdout: '', stderr: '' };
  private result: ExecResult | undefined;
  /** Once the channel failed, every later call fails the same way. */
  private failure: unknown;
  /** The byte budget ran out: the connection is gone once what got through has been read. */
  private cut = false;
  private readonly timer: NodeJS.Timeout | undefined;
  /** Calls run one after another, as writes and reads on one channel do. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly link: SimSessionLink,
    private readonly commandLine: string,
    timeoutMs: number | undefined,
  ) {
    // A real channel is closed when its time is up, and its command (and lock) with it.
    const expired = (): UnreachableError => new UnreachableError(link.host, 'timeout', `no answer within ${timeoutMs} ms`);
    this.timer = timeoutMs === undefined ? undefined : setTimeout(() => this.end(expired()), timeoutMs);
  }

  /**
   * The session is over, or its command is gone (timeout, closed
   * connection): stop its timer; a command still running is abandoned and
   * gives back the locks it held. A call waiting on the host fails with `reason`.
   */
  end(reason: unknown = new UnreachableError(this.link.host, 'dropped', 'connection closed')): void {
    clearTimeout(this.timer);
    this.driver?.abandon(reason);
    this.link.settled(this);
  }

  readUntil(marker: string): Promise<SessionPrefix | { ended: ExecResult }> {
    return this.guard(async () => {
      if (this.result) return { ended: this.result };
      await this.advance();
      const line = `${marker}\n`;
      const { unread } = this;
      const out = unread.stdout.indexOf(line);
      const err = unread.stderr.indexOf(line);
      if (out >= 0 && err >= 0) {
        const round = { stdout: unread.stdout.slice(0, out + line.length), stderr: unread.stderr.slice(0, err + line.length) };
        this.unread = { stdout: unread.stdout.slice(out + line.length), stderr: unread.stderr.slice(err + line.length) };
        // Cut after the marker got through: this read succeeds, the next call fails.
        if (this.cut) this.fail(this.cutError());
        return round;
      }
      if (this.cut) throw this.cutError();
      const ended = this.driver!.run.result;
      if (ended) return { ended: this.ending(ended.code) };
      // A real command would wait for input for ever, until the session's timeout ends it.
      const streams = [out < 0 ? 'stdout' : '', err < 0 ? 'stderr' : ''].filter(Boolean).join(' and ');
      throw new UnreachableError(this.link.host, 'timeout', `the command is waiting for input before printing the marker ${marker} on ${streams}`);
    });
  }

  send(input: string): Promise<void> {
    return this.guard(async () => {
      const driver = this.driverFor();
      // The command ended: nothing reads stdin any more, as a write to a finished channel goes nowhere.
      if (this.result || driver.run.result) return;
      const cut = this.feed(driver, input);
      try {
        await this.advance();
      } catch (err) {
        // As over SSH a write does not see the connection go: the next read does.
        this.fail(this.withReceived(cut ? this.link.inputCutError() : err));
      }
    });
  }

  finish(input: string): Promise<ExecResult> {
    return this.guard(async () => {
      if (this.result) return this.result;
      const driver = this.driverFor();
      let cut = false;
      if (!driver.run.result) {
        cut = this.feed(driver, input);
        driver.close();
      }
      try {
        await this.advance();
      } catch (err) {
        throw cut ? this.link.inputCutError() : err;
      }
      if (this.cut) throw this.cutError();
      const ended = driver.run.result;
      if (!ended) throw new Error('simulator: the command did not end at the end of its input');
      return this.ending(ended.code);
    });
  }

  /** Input to the command, as much as gets through: when the connection goes on the way (true), the command runs on without it. */
  private feed(driver: SimRunDriver, input: string): boolean {
    const through = this.link.cutInput(input);
    driver.feed(through ?? input);
    if (through === undefined) return false;
    driver.hangUp();
    return true;
  }

  /** Commands the session's run ran to their end. */
  get commands(): number {
    return this.driver?.run.finishedCommands ?? 0;
  }

  private driverFor(): SimRunDriver {
    if (this.driver) return this.driver;
    const { link } = this;
    const run = link.sim.start(this.commandLine, { faults: link.hostFaults });
    this.driver = new SimRunDriver(run, link.sim.locks, { onHost: (step) => link.onHost(step) });
    return this.driver;
  }

  /** Run the command as far as it goes, and deliver what it printed meanwhile (what gets through, at least). */
  private async advance(): Promise<void> {
    const driver = this.driverFor();
    let failed: { err: unknown } | undefined;
    try {
      await driver.advance();
    } catch (err) {
      failed = { err };
    }
    this.deliver(driver);
    if (failed) throw failed.err;
  }

  private deliver(driver: SimRunDriver): void {
    const { stdout, stderr } = driver.run;
    const out = stdout.since(this.sent.stdout);
    const err = stderr.since(this.sent.stderr);
    this.sent = { stdout: stdout.length, stderr: stderr.length };
    if (this.cut) return;
    this.received.stderr += err;
    this.unread.stderr += err;
    const cut = this.link.cutAt(out);
    const through = cut === undefined ? out : out.slice(0, cut);
    this.received.stdout += through;
    this.unread.stdout += through;
    if (cut !== undefined) this.cut = true;
  }

  private cutError(): UnreachableError {
    return this.link.cutError().withPartial(this.received.stdout, this.received.stderr);
  }

  private ending(code: number): ExecResult {
    this.result = { stdout: this.received.stdout, stderr: this.received.stderr, code };
    this.end();
    return this.result;
  }

  private fail(err: unknown): void {
    this.failure = err;
    this.end(err);
  }

  private guard<T>(step: () => Promise<T>): Promise<T> {
    const call = async (): Promise<T> => {
      if (this.failure !== undefined) throw this.failure;
      try {
        this.link.check();
        return await step();
      } catch (err) {
        if (this.failure === undefined) this.fail(this.withReceived(err));
        throw this.failure;
      }
    };
    const next = this.queue.then(call, call);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A drop after output arrived carries that output, as a dropped SSH channel does. */
  private withReceived(err: unknown): unknown {
    const got = this.received;
    if (!(err instanceof UnreachableError) || err.reason !== 'dropped' || err.partial || !(got.stdout || got.stderr)) return err;
    return err.withPartial(got.stdout, got.stderr);
  }
}
