/**
 * One exec channel of SshTransport, from request to close: the output as it
 * arrives, the timer, and the one outcome (an ExecResult, or why there is
 * none). ssh.ts opens the channel with the ssh2 client and hands it here;
 * besides ssh.ts this is the only file that touches ssh2's API (the
 * ClientChannel it drives). exec() and sessions (ssh-session.ts) both run
 * on it.
 */
import { constants as osConstants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { UnreachableError } from '../errors.js';
import type { ExecResult } from './transport.js';

/**
 * Bytes as they arrive, kept in one buffer that doubles when full: searching
 * it as it grows never re-concatenates, and decoding the whole once never
 * splits a multi-byte character across chunks.
 */
export class ByteSink {
  private buffer = Buffer.alloc(0);
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(chunk: Buffer): void {
    const needed = this.size + chunk.length;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2, 4096));
      this.buffer.copy(grown, 0, 0, this.size);
      this.buffer = grown;
    }
    chunk.copy(this.buffer, this.size);
    this.size = needed;
  }

  /** Where `needle` first starts at or after byte `from`; -1 while it has not arrived. */
  indexOf(needle: Buffer, from: number): number {
    return this.buffer.subarray(0, this.size).indexOf(needle, from);
  }

  /** Bytes `start` to `end` (default: all) decoded as UTF-8. */
  text(end = this.size, start = 0): string {
    return this.buffer.toString('utf8', start, end);
  }
}

export interface ExecChannelOptions {
  /** Inventory name, for errors. */
  host: string;
  /** Fail with 'timeout' and close the channel after this long. */
  timeoutMs: number | undefined;
  /** The connection's 'dropped' error once it is lost, else undefined. */
  lost(): UnreachableError | undefined;
  /** Called once, when the outcome is settled (the channel needs no more watching). */
  onSettled(): void;
  /** Stdout is read through streams() and not kept (a relay); the result's stdout is ''. */
  streamStdout?: boolean;
}

export class ExecChannel {
  readonly stdout = new ByteSink();
  readonly stderr = new ByteSink();
  /**
   * Settles once: the result when the channel closes with an exit status;
   * otherwise an UnreachableError (with `partial` output on a drop).
   */
  readonly done: Promise<ExecResult>;
  /** Resolves when the channel is open; rejects as `done` does when it never opened. */
  readonly opened: Promise<void>;
  private channel: ClientChannel | undefined;
  private settled = false;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly watchers = new Set<() => void>();
  private resolveDone: (result: ExecResult) => void = () => undefined;
  private rejectDone: (err: UnreachableError) => void = () => undefined;
  private resolveOpened: () => void = () => undefined;
  private rejectOpened: (err: UnreachableError) => void = () => undefined;

  constructor(private readonly options: ExecChannelOptions) {
    this.done = new Promise<ExecResult>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.opened = new Promise<void>((resolve, reject) => {
      this.resolveOpened = resolve;
      this.rejectOpened = reject;
    });
    // Callers await what they need; an outcome nobody asked for is no crash.
    this.done.catch(() => undefined);
    this.opened.catch(() => undefined);
    const { timeoutMs } = options;
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(() => {
        this.fail(new UnreachableError(options.host, 'timeout', `command timed out after ${timeoutMs} ms`));
        // Closing the channel leaves the connection usable for the next exec.
        this.channel?.close();
      }, timeoutMs);
    }
  }

  /** The channel ssh2 opened for this exec. */
  attach(ch: ClientChannel): void {
    if (this.settled) {
      ch.close();
      return;
    }
    this.channel = ch;
    let code: number | undefined;
    if (!this.options.streamStdout) ch.on('data', (chunk: Buffer) => this.received(this.stdout, chunk));
    ch.stderr.on('data', (chunk: Buffer) => this.received(this.stderr, chunk));
    // A write racing the remote's close; 'close' below settles the outcome.
    ch.on('error', () => undefined);
    ch.on('exit', (exitCode: number | null, signal?: string) => {
      code = exitCode ?? signalExitCode(signal);
    });
    ch.on('close', () => {
      if (code === undefined) {
        this.fail(this.options.lost() ?? new UnreachableError(this.options.host, 'dropped', 'exec channel closed without an exit status'));
        return;
      }
      this.settle({ ok: { stdout: this.stdout.text(), stderr: this.stderr.text(), code } });
    });
    this.resolveOpened();
  }

  /** The open channel as streams: stdout to read (streamStdout), stdin to write. */
  streams(): { stdout: Readable; stdin: Writable } {
    const ch = this.channel;
    if (!ch) throw new Error('the exec channel is not open');
    return { stdout: ch, stdin: ch };
  }

  /** Settle with this error (connection lost, channel refused, timeout) unless already settled. */
  fail(err: UnreachableError): void {
    this.settle({ err });
  }

  /** Write to the command's stdin and keep it open. */
  write(data: string | Buffer): void {
    if (!this.settled) this.channel?.write(data);
  }

  /** Close the command's stdin, after writing `data` when given. */
  end(data?: string | Buffer): void {
    if (this.settled) return;
    if (data === undefined) this.channel?.end();
    else this.channel?.end(data);
  }

  /** Call `listener` after each chunk of output until the returned function is called or the outcome settles. */
  watch(listener: () => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  private received(sink: ByteSink, chunk: Buffer): void {
    sink.push(chunk);
    for (const listener of [...this.watchers]) listener();
  }

  private settle(outcome: { ok: ExecResult } | { err: UnreachableError }): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.watchers.clear();
    this.options.onSettled();
    if ('ok' in outcome) {
      this.resolveDone(outcome.ok);
      return;
    }
    let { err } = outcome;
    // What arrived before the drop tells the engine which step it reached.
    if (err.reason === 'dropped' && this.stdout.length + this.stderr.length > 0) err = err.withPartial(this.stdout.text(), this.stderr.text());
    this.rejectOpened(err);
    this.rejectDone(err);
  }
}

/** 128+N, as a shell reports a command killed by signal N. */
function signalExitCode(signal: string | undefined): number {
  const number = signal ? osConstants.signals[`SIG${signal}` as keyof typeof osConstants.signals] : undefined;
  return 128 + (number ?? 0);
}
