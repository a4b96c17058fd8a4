/**
 * One host's exec session, round by round (DESIGN.md §4): round 0 takes the
 * host lock and prints the play's facts; each later round sends the pending
 * steps and the facts to read again after them, and reads their framed
 * output up to that round's marker. A round costs one network round trip,
 * never another exec. The only module here that talks to the transport for
 * the session strategy; planning and reporting live elsewhere.
 */
import type { ExecResult, ExecSession, SessionPrefix, Transport } from '../transport/transport.js';
import { buildRoundScript, endInput, parseFramedOutput, readyMarker, roundInput, type ParsedRun, type ScriptPart } from '../shell/script.js';
import type { LockSettings } from './host-lock.js';
import { sessionCommand } from './session-command.js';
import { UnreachableError } from '../errors.js';

/** What one round printed: the steps' and reads' results, and whether the script ended in it. */
export interface RoundOutput {
  parsed: ParsedRun;
  /** The script's exit status when it ended in this round (a failed step stops it), else 0. */
  code: number;
  stderr: string;
  ended: boolean;
}

/** The session never reached its first marker: the lock was busy, or no lock tool. */
export interface SessionRefused {
  refused: ExecResult;
}

export class SessionDriver {
  /** Rounds sent after the facts' round: the number of the next ready marker to wait for. */
  private sentRounds = 0;
  private consumed = { stdout: 0, stderr: 0 };
  private closed = false;

  private constructor(
    private readonly channel: ExecSession,
    private readonly nonce: string,
  ) {}

  /** Start the session: take the lock, print `facts`; their results, or why the script ended first. */
  static async open(
    transport: Transport,
    facts: ScriptPart[],
    nonce: string,
    lock: LockSettings,
    timeoutMs: number | undefined,
  ): Promise<{ driver: SessionDriver; facts: ParsedRun } | SessionRefused> {
    const command = sessionCommand(facts, nonce, lock);
    const channel = await transport.openSession(command, { timeoutMs });
    const got = await channel.readUntil(readyMarker(nonce, 0));
    if ('ended' in got) return { refused: got.ended };
    const driver = new SessionDriver(channel, nonce);
    driver.advance(got);
    return { driver, facts: parseFramedOutput(got.stdout, got.stderr, facts.length, nonce) };
  }

  /**
   * Run `steps` (stopping at the first failure) and then `reads` on the
   * host. A lost connection rejects with UnreachableError whose `partial`
   * holds this round's output so far; the host runs the round to its end
   * anyway (script.ts buildSessionScript).
   */
  async round(steps: ScriptPart[], reads: ScriptPart[]): Promise<RoundOutput> {
    const input = roundInput(buildRoundScript(steps, reads, this.nonce), this.nonce);
    const count = steps.length + reads.length;
    this.sentRounds += 1;
    try {
      await this.channel.send(input);
      const got = await this.channel.readUntil(readyMarker(this.nonce, this.sentRounds));
      if ('ended' in got) {
        this.closed = true;
        return this.ended(got.ended, count);
      }
      this.advance(got);
      return { parsed: parseFramedOutput(got.stdout, got.stderr, count, this.nonce), code: 0, stderr: got.stderr, ended: false };
    } catch (err) {
      this.closed = true;
      throw err instanceof UnreachableError && err.partial ? err.withPartial(...this.sinceLastRound(err.partial)) : err;
    }
  }

  /** End the session: the controller has every round's output (the host empties its log and exits 0). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.channel.finish(endInput(this.nonce));
  }

  private advance(got: SessionPrefix): void {
    this.consumed.stdout += got.stdout.length;
    this.consumed.stderr += got.stderr.length;
  }

  private sinceLastRound(out: { stdout: string; stderr: string }): [string, string] {
    return [out.stdout.slice(this.consumed.stdout), out.stderr.slice(this.consumed.stderr)];
  }

  private ended(result: ExecResult, count: number): RoundOutput {
    const [stdout, stderr] = this.sinceLastRound(result);
    return { parsed: parseFramedOutput(stdout, stderr, count, this.nonce), code: result.code, stderr, ended: true };
  }
}
