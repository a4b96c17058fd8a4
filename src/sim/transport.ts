/**
 * The simulator as a Transport: each exec() is one channel on a SimHost,
 * with injectable faults (slow host, unreachable host, connection dropped
 * after N commands, a failing command) so the engine's error paths can be
 * tested without a network. openSession() is one channel whose command
 * waits on its stdin round after round (src/sim/session.ts, transport-session.ts).
 */
import { UnreachableError } from '../errors.js';
import { PassThrough, Writable } from 'node:stream';
import type { ExecOptions, ExecResult, ExecSession, ExecStreams, SessionOptions, Transport } from '../transport/transport.js';
import { SimConnectionDropped, type SimFaults, type SimHost } from './host.js';
import { isPoweredOff } from './power.js';
import { SimRunDriver } from './session.js';
import { utf8Offset } from './shell/io.js';
import { SimExecSession } from './transport-session.js';

export interface SimTransportFaults {
  /** Delay every exec (and session, when it opens) by this much (a slow link); timeoutMs applies. */
  slowMs?: number;
  /** Every exec fails as if the TCP connect failed (as on a host `shutdown -p` powered off). */
  unreachable?: boolean;
  /** Drop the connection once this many commands have run in one exec (a session: over all its rounds). */
  dropAfterCommands?: number;
  /**
   * Drop the connection once this many bytes of stdout have reached the
   * controller (over the transport's life): the command still ran to its end
   * on the host, the controller saw only the first bytes.
   */
  dropAfterBytes?: number;
  /**
   * Drop the connection once this many bytes of stdin have left the
   * controller (over the transport's life): a script in transit. The host
   * gets the bytes before the cut, then end of input, and its command runs
   * on without the connection.
   */
  dropAfterInputBytes?: number;
  /** Commands (argv joined by spaces, prefix match) that fail instead of running. */
  failCommand?: SimFaults['failCommand'];
  /**
   * Drop the connection once this many commands have run over the
   * transport's life (all its execs and sessions): a fault matrix's "after
   * the k-th command of everything done on this host".
   */
  dropAfterTotalCommands?: number;
  /** The command with this number over the transport's life (1: the first) fails with exit 1 instead of running. */
  failTotalCommand?: number;
  /**
   * The host presents a different host key. SimTransport has no keys and
   * ignores it; the SSH-served simulator (sim serve) reads it to serve a new key.
   */
  hostKeyChange?: boolean;
}

export interface SimTransportOptions {
  faults?: SimTransportFaults;
  /** Called after each exec that reached the host, and after each round of a session (e.g. to persist its state). */
  onAfterExec?: (host: SimHost) => void;
  /** Called when the connection is closed (e.g. to let another process have the host). */
  onClose?: () => void;
}

export class SimTransport implements Transport {
  private opened = 0;
  private closed = false;
  private bytesSent = 0;
  private inputBytesSent = 0;
  /** Commands run so far over the transport's life (dropAfterTotalCommands, failTotalCommand). */
  private commandsUsed = 0;
  /** Sessions whose command may still hold a lock on the host: closing the connection ends them. */
  private readonly sessions = new Set<SimExecSession>();
  /** Plain execs still running (waiting for a lock): closing the connection ends them too. */
  private readonly running = new Set<SimRunDriver>();

  constructor(
    readonly sim: SimHost,
    private readonly options: SimTransportOptions = {},
    readonly host: string = sim.name,
  ) {}

  async exec(commandLine: string, options: ExecOptions = {}): Promise<ExecResult> {
    const opened = Date.now();
    await this.openChannel(options.timeoutMs);
    const whole = options.stdin === undefined ? '' : options.stdin.toString();
    // Faults are read after the delay: a test may change them while an exec waits.
    const stdin = this.cutInput(whole);
    const faults = this.runFaults();
    // Stdin cut in transit: the command starts with the connection already gone.
    if (stdin !== undefined) faults.dropAfterCommands = 0;
    const run = this.sim.start(commandLine, { stdin: stdin ?? whole, faults });
    const driver = new SimRunDriver(run, this.sim.locks, { onHost: (step) => this.onHost(step) });
    // lockf may have to wait for a lock a session holds, as on a real host; the exec's timeout still applies.
    const timeout = options.timeoutMs;
    const timer =
      timeout === undefined ? undefined : setTimeout(() => driver.abandon(new UnreachableError(this.host, 'timeout', `no answer within ${timeout} ms`)), Math.max(0, timeout - (Date.now() - opened)));
    this.running.add(driver);
    try {
      await driver.advance();
    } catch (err) {
      throw stdin !== undefined && err instanceof UnreachableError && err.reason === 'dropped' ? this.inputCutError() : err;
    } finally {
      clearTimeout(timer);
      this.running.delete(driver);
      this.counted(run.finishedCommands);
    }
    const result = run.result!;
    const cut = this.cutAt(result.stdout);
    if (cut !== undefined) throw this.cutError().withPartial(result.stdout.slice(0, cut), result.stderr);
    return { stdout: result.stdout, stderr: result.stderr, code: result.code };
  }

  /**
   * A session (transport-session.ts): the command starts at the first call
   * and stops wherever it waits for stdin; send and finish feed it. One
   * channel; dropAfterCommands counts over all its rounds, failCommand
   * applies in each, slowMs when it opens.
   */
  async openSession(commandLine: string, options: SessionOptions = {}): Promise<ExecSession> {
    const opened = Date.now();
    await this.openChannel(options.timeoutMs);
    const timeout = options.timeoutMs;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the link's getter runs with the link as `this`
    const transport = this;
    const session = new SimExecSession(
      {
        host: this.host,
        sim: this.sim,
        get hostFaults() {
          return transport.runFaults();
        },
        check: () => {
          if (this.closed) throw new UnreachableError(this.host, 'dropped', 'connection closed');
          // Nothing here takes time but the controller between the calls: the session's clock runs on.
          if (timeout !== undefined && Date.now() - opened > timeout) throw new UnreachableError(this.host, 'timeout', `no answer within ${timeout} ms`);
        },
        onHost: (run) => this.onHost(run),
        cutAt: (stdout) => this.cutAt(stdout),
        cutError: () => this.cutError(),
        cutInput: (input) => this.cutInput(input),
        inputCutError: () => this.inputCutError(),
        settled: (session) => {
          if (this.sessions.delete(session)) this.counted(session.commands);
        },
      },
      commandLine,
      timeout === undefined ? undefined : Math.max(0, timeout - (Date.now() - opened)),
    );
    this.sessions.add(session);
    return session;
  }

  /**
   * One exec driven as streams: the command runs once its stdin ended (what
   * was written to it is its whole stdin), then its stdout comes out of
   * `stdout`. The simulated host's files are JavaScript strings, so the
   * simulator holds the data whole; a real transport never does.
   */
  async openStreams(commandLine: string, options: SessionOptions = {}): Promise<ExecStreams> {
    if (this.closed) throw new UnreachableError(this.host, 'dropped', 'connection closed');
    const chunks: Buffer[] = [];
    const stdout = new PassThrough();
    let settle: { resolve: (v: { code: number; stderr: string }) => void; reject: (e: unknown) => void } | undefined;
    const done = new Promise<{ code: number; stderr: string }>((resolve, reject) => (settle = { resolve, reject }));
    done.catch(() => undefined);
    let started = false;
    const start = (): void => {
      if (started) return;
      started = true;
      this.exec(commandLine, { stdin: Buffer.concat(chunks), ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) }).then(
          (r) => {
            stdout.end(r.stdout);
            settle!.resolve({ code: r.code, stderr: r.stderr });
          },
          (err: unknown) => {
            // The failure is `done`'s to report, as a real channel's close is.
            stdout.destroy();
            settle!.reject(err);
          },
        );
    };
    const stdin = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
      final: (cb) => {
        cb();
        start();
      },
      // Closed before its end (the writer failed): the command reads what came, then end of input.
      destroy: (err, cb) => {
        cb(err);
        start();
      },
    });
    return { stdout, stdin, done };
  }

  /** The host faults of the next run: the per-exec ones, and what is left of the transport-wide budgets. */
  runFaults(): SimFaults {
    const all = this.options.faults ?? {};
    const f = hostFaultsOf(all);
    if (all.dropAfterTotalCommands !== undefined) f.dropAfterCommands = Math.min(f.dropAfterCommands ?? Number.POSITIVE_INFINITY, Math.max(0, all.dropAfterTotalCommands - this.commandsUsed));
    if (all.failTotalCommand !== undefined && all.failTotalCommand > this.commandsUsed) f.failAtCommand = all.failTotalCommand - this.commandsUsed;
    return f;
  }

  /** A run ended having run `n` commands; the transport-wide drop closes the connection for good. */
  private counted(n: number): void {
    this.commandsUsed += n;
    const total = this.options.faults?.dropAfterTotalCommands;
    if (total !== undefined && this.commandsUsed >= total) this.closed = true;
  }

  /** Connect (or fail to), count the channel, and wait out a slow host as exec and openSession do. */
  private async openChannel(timeout: number | undefined): Promise<void> {
    const faults = this.options.faults ?? {};
    if (this.closed) throw new UnreachableError(this.host, 'dropped', 'connection closed');
    if (faults.unreachable) throw new UnreachableError(this.host, 'connect', 'connect ECONNREFUSED (simulated)');
    // A powered-off host (power.ts) is unreachable too; a connection it had went down with it.
    if (isPoweredOff(this.sim.state)) {
      if (this.opened === 0) throw new UnreachableError(this.host, 'connect', 'connect EHOSTDOWN (simulated: the host is powered off)');
      this.closed = true;
      throw new UnreachableError(this.host, 'dropped', 'connection lost: the host powered off (simulated)');
    }
    this.opened++;
    if (faults.slowMs) {
      if (timeout !== undefined && timeout < faults.slowMs) {
        await delay(timeout);
        throw new UnreachableError(this.host, 'timeout', `no answer within ${timeout} ms`);
      }
      await delay(faults.slowMs);
    }
  }

  /** One run on the host: a simulated drop is the transport's UnreachableError; the state is persisted either way. */
  private onHost<T>(run: () => T): T {
    try {
      return run();
    } catch (e) {
      if (e instanceof SimConnectionDropped) {
        throw new UnreachableError(this.host, 'dropped', `connection lost after ${e.afterCommands} commands`);
      }
      throw e;
    } finally {
      this.options.onAfterExec?.(this.sim);
    }
  }

  /**
   * Stdout reaching the controller, against the dropAfterBytes budget (over
   * the transport's life): where it is cut when the budget runs out — the
   * connection is gone then — else undefined.
   */
  private cutAt(stdout: string): number | undefined {
    const cut = cutAfter(this.options.faults?.dropAfterBytes, this.bytesSent, stdout);
    this.bytesSent += stdout.length;
    if (cut !== undefined) this.closed = true;
    return cut;
  }

  /**
   * Stdin leaving the controller, against the dropAfterInputBytes budget
   * (over the transport's life): the part that reaches the host when the
   * budget runs out — the connection is gone then — else undefined.
   */
  private cutInput(input: string): string | undefined {
    const cut = cutInputAfter(this.options.faults?.dropAfterInputBytes, this.inputBytesSent, input);
    this.inputBytesSent = cut.sent;
    if (cut.through !== undefined) this.closed = true;
    return cut.through;
  }

  private inputCutError(): UnreachableError {
    return new UnreachableError(this.host, 'dropped', `connection lost after ${this.options.faults?.dropAfterInputBytes} bytes of input`);
  }

  private cutError(): UnreachableError {
    return new UnreachableError(this.host, 'dropped', `connection lost after ${this.options.faults?.dropAfterBytes} bytes`);
  }

  channels(): number {
    return this.opened;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const session of [...this.sessions]) session.end();
    for (const driver of [...this.running]) driver.abandon(new UnreachableError(this.host, 'dropped', 'connection closed'));
    this.options.onClose?.();
  }
}

/** The faults the host itself applies (per exec); the rest are the transport's. */
export function hostFaultsOf(faults: SimTransportFaults): SimFaults {
  const hostFaults: SimFaults = {};
  if (faults.dropAfterCommands !== undefined) hostFaults.dropAfterCommands = faults.dropAfterCommands;
  if (faults.failCommand) hostFaults.failCommand = faults.failCommand;
  return hostFaults;
}

/** Where in this exec's stdout a byte budget runs out (undefined: it does not). */
export function cutAfter(budget: number | undefined, alreadySent: number, stdout: string): number | undefined {
  if (budget === undefined) return undefined;
  const left = budget - alreadySent;
  return left < stdout.length ? Math.max(0, left) : undefined;
}

/**
 * Stdin leaving the controller against an input byte budget (UTF-8 bytes,
 * `alreadySent` of them before): the part that gets through when the
 * budget runs out (else undefined: all of it did), and the bytes sent after.
 */
export function cutInputAfter(budget: number | undefined, alreadySent: number, input: string): { through: string | undefined; sent: number } {
  if (budget === undefined || input === '') return { through: undefined, sent: alreadySent };
  const end = utf8Offset(input, 0, Math.max(0, budget - alreadySent));
  if (end.at >= input.length) return { through: undefined, sent: alreadySent + Buffer.byteLength(input) };
  return { through: input.slice(0, end.at), sent: budget };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
