/**
 * SshTransport's ExecSession: one exec channel (ssh-channel.ts) whose stdin
 * stays open until finish(). What the caller sees passes through an
 * OutputFilter, which under become turns a refused escalation into an auth
 * error and redacts the password (ssh.ts builds it; exec() uses it too).
 */
import { UnreachableError } from '../errors.js';
import type { ByteSink, ExecChannel } from './ssh-channel.js';
import type { ExecResult, ExecSession, SessionPrefix } from './transport.js';

export interface OutputFilter {
  /** The caller's result for a command that ended; throws UnreachableError 'auth' when escalation failed. */
  ended(result: ExecResult): ExecResult;
  /** Output text as the caller may see it. */
  text(output: string): string;
  /**
   * A stderr line meaning escalation rejected the password line and waits
   * for another (sudo's "Sorry, try again."): the session then closes stdin,
   * so escalation fails and the command ends instead of waiting for its
   * timeout, and the apply script never reaches sudo as a password attempt.
   */
  retryLine?: string;
}

export const PLAIN_OUTPUT: OutputFilter = { ended: (result) => result, text: (output) => output };

/** `err` with its partial output filtered as the rest of the output is. */
export function filterError(err: unknown, output: OutputFilter): unknown {
  if (output === PLAIN_OUTPUT || !(err instanceof UnreachableError) || err.partial === undefined) return err;
  return err.withPartial(output.text(err.partial.stdout), output.text(err.partial.stderr));
}

/** Finds the first `needle` at or after byte `from` of a stream's bytes as they grow, never rescanning what it has scanned. */
class NeedleScan {
  private endsAt: number | undefined;

  constructor(
    private readonly sink: ByteSink,
    private readonly needle: Buffer,
    private from = 0,
  ) {}

  /** How many bytes run up to the end of the first needle, once it has arrived. */
  end(): number | undefined {
    if (this.endsAt !== undefined) return this.endsAt;
    const at = this.sink.indexOf(this.needle, this.from);
    if (at >= 0) this.endsAt = at + this.needle.length;
    else this.from = Math.max(0, this.sink.length - this.needle.length + 1);
    return this.endsAt;
  }
}

export class SshSession implements ExecSession {
  private stdinOpen = true;
  /** Where the previous readUntil's marker lines ended, in bytes of stdout and stderr: the next round starts there. */
  private outFrom = 0;
  private errFrom = 0;
  private finished: Promise<ExecResult> | undefined;
  private stopGuard: () => void = () => undefined;

  constructor(
    private readonly run: ExecChannel,
    private readonly output: OutputFilter,
  ) {
    if (output.retryLine !== undefined) this.guardRetry(output.retryLine);
  }

  readUntil(marker: string): Promise<SessionPrefix | { ended: ExecResult }> {
    const needle = Buffer.from(`${marker}\n`, 'utf8');
    const stdout = new NeedleScan(this.run.stdout, needle, this.outFrom);
    const stderr = new NeedleScan(this.run.stderr, needle, this.errFrom);
    return new Promise((resolve, reject) => {
      let answered = false;
      // The needle ends in a newline, a byte no multi-byte character holds: each prefix decodes whole.
      const found = (): void => {
        const outEnd = stdout.end();
        const errEnd = stderr.end();
        if (answered || outEnd === undefined || errEnd === undefined) return;
        answered = true;
        stop();
        // The command runs and printed: escalation is past asking for passwords.
        this.stopGuard();
        const round = { stdout: this.run.stdout.text(outEnd, this.outFrom), stderr: this.run.stderr.text(errEnd, this.errFrom) };
        this.outFrom = outEnd;
        this.errFrom = errEnd;
        resolve({ stdout: this.output.text(round.stdout), stderr: this.output.text(round.stderr) });
      };
      const stop = this.run.watch(found);
      found();
      this.run.done.then(
        (result) => {
          found();
          if (answered) return;
          answered = true;
          try {
            resolve({ ended: this.output.ended(result) });
          } catch (err) {
            reject(err as Error);
          }
        },
        (err: unknown) => {
          stop();
          reject(filterError(err, this.output) as Error);
        },
      );
    });
  }

  send(input: string): Promise<void> {
    if (this.finished !== undefined || !this.stdinOpen) return Promise.reject(new Error('session input already closed'));
    this.run.write(input);
    return Promise.resolve();
  }

  finish(input: string): Promise<ExecResult> {
    if (this.finished === undefined) {
      this.stopGuard();
      this.closeStdin(input);
      this.finished = this.run.done.then(
        (result) => this.output.ended(result),
        (err: unknown) => {
          throw filterError(err, this.output);
        },
      );
    }
    return this.finished;
  }

  private closeStdin(input?: string): void {
    if (!this.stdinOpen) return;
    this.stdinOpen = false;
    this.run.end(input);
  }

  private guardRetry(line: string): void {
    const scan = new NeedleScan(this.run.stderr, Buffer.from(`${line}\n`, 'utf8'));
    const check = (): void => {
      if (scan.end() === undefined) return;
      this.stopGuard();
      this.closeStdin();
    };
    this.stopGuard = this.run.watch(check);
    check();
  }
}
