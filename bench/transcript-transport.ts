/**
 * Record a host's exec requests and responses once, replay them for the
 * same host later: the engine runs exactly as against the simulator, minus
 * the simulator's cost (bench:scale). Keys and normalisation: transcript-book.ts.
 *
 * A session (DESIGN.md §4) is recorded round by round: each readUntil's
 * answer under the session's command plus the chain of inputs sent before
 * it, and its end under that chain plus the last input. An answer holds only
 * what came after the previous round's marker, so no round's output is
 * stored twice; replay puts the whole exec's result back together.
 */
import type { ExecOptions, ExecResult, ExecSession, ExecStreams, SessionOptions, SessionPrefix, Transport } from '../src/transport/transport.js';
import { hashKey, normalise, normaliseText, type ExchangeKey, type TranscriptBook } from './transcript-book.js';

export { TranscriptBook } from './transcript-book.js';

/** The code of an answer that is one round's output up to its marker (the command had not ended). */
const ROUND = -1;

/**
 * The keys of one session's answers. Each depends on the command and on
 * every input sent so far, so a host replays the same exchange it recorded;
 * the chain is a hash, so a long session keeps one short string, not its inputs.
 */
class SessionChain {
  private chain: string;
  readonly nonce?: string;

  constructor(commandLine: string) {
    ({ key: this.chain, nonce: this.nonce } = normalise(commandLine));
  }

  /** What readUntil(marker) answered after the inputs so far. */
  read(marker: string): ExchangeKey {
    return { key: hashKey(this.chain, 'read', normaliseText(marker, this.nonce)), nonce: this.nonce };
  }

  /** send(input): every later answer depends on it. */
  sent(input: string): void {
    this.chain = hashKey(this.chain, 'send', normaliseText(input, this.nonce));
  }

  /** What finish(input) answered after the inputs so far. */
  finish(input: string): ExchangeKey {
    return { key: hashKey(this.chain, 'finish', normaliseText(input, this.nonce)), nonce: this.nonce };
  }
}

/** The session's output so far: what every readUntil returned, in order. */
interface Seen {
  stdout: string;
  stderr: string;
}

/** The part of a whole exec's result after the rounds already read. */
function rest(result: ExecResult, seen: Seen): ExecResult {
  const cut = (text: string, head: string): string => {
    if (!text.startsWith(head)) throw new Error('a session result that does not start with its rounds');
    return text.slice(head.length);
  };
  return { stdout: cut(result.stdout, seen.stdout), stderr: cut(result.stderr, seen.stderr), code: result.code };
}

function whole(seen: Seen, tail: ExecResult): ExecResult {
  return { stdout: seen.stdout + tail.stdout, stderr: seen.stderr + tail.stderr, code: tail.code };
}

function append(seen: Seen, round: SessionPrefix): void {
  seen.stdout += round.stdout;
  seen.stderr += round.stderr;
}

export class RecordingTransport implements Transport {
  constructor(
    private readonly inner: Transport,
    private readonly book: TranscriptBook,
  ) {}

  get host(): string {
    return this.inner.host;
  }

  async exec(commandLine: string, options?: ExecOptions): Promise<ExecResult> {
    const result = await this.inner.exec(commandLine, options);
    this.book.record(this.host, commandLine, result);
    return result;
  }

  /** Streams are not recorded (the workloads move no data between hosts). */
  openStreams(commandLine: string, options?: SessionOptions): Promise<ExecStreams> {
    return this.inner.openStreams(commandLine, options);
  }

  async openSession(commandLine: string, options?: SessionOptions): Promise<ExecSession> {
    const session = await this.inner.openSession(commandLine, options);
    const chain = new SessionChain(commandLine);
    const seen: Seen = { stdout: '', stderr: '' };
    let ended = false;
    return {
      readUntil: async (marker) => {
        const got = await session.readUntil(marker);
        if ('ended' in got) ended = true;
        this.book.record(this.host, chain.read(marker), 'ended' in got ? rest(got.ended, seen) : { ...got, code: ROUND });
        if (!('ended' in got)) append(seen, got);
        return got;
      },
      send: async (input) => {
        await session.send(input);
        chain.sent(input);
      },
      finish: async (input) => {
        const result = await session.finish(input);
        // After { ended } finish only repeats that result: nothing new to record.
        if (!ended) this.book.record(this.host, chain.finish(input), rest(result, seen));
        ended = true;
        return result;
      },
    };
  }

  channels(): number {
    return this.inner.channels();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export class ReplayTransport implements Transport {
  private opened = 0;

  constructor(
    readonly host: string,
    private readonly book: TranscriptBook,
  ) {}

  async exec(commandLine: string): Promise<ExecResult> {
    this.opened++;
    const result = this.book.replay(this.host, commandLine);
    if (!result) throw new Error(`no recorded answer for this command on ${this.host}`);
    return result;
  }

  async openStreams(): Promise<ExecStreams> {
    throw new Error(`no recorded streams on ${this.host}: the transcript holds execs and sessions only`);
  }

  async openSession(commandLine: string): Promise<ExecSession> {
    this.opened++;
    const chain = new SessionChain(commandLine);
    const answer = (key: ExchangeKey, what: string): ExecResult => {
      const result = this.book.replay(this.host, key);
      if (!result) throw new Error(`no recorded answer for this session's ${what} on ${this.host}`);
      return result;
    };
    const seen: Seen = { stdout: '', stderr: '' };
    let ended: ExecResult | undefined;
    return {
      readUntil: async (marker) => {
        const got = answer(chain.read(marker), marker.replace(/^.*:/, 'round '));
        if (got.code !== ROUND) return { ended: (ended = whole(seen, got)) };
        const round = { stdout: got.stdout, stderr: got.stderr };
        append(seen, round);
        return round;
      },
      send: async (input) => {
        chain.sent(input);
      },
      finish: async (input) => (ended ??= whole(seen, answer(chain.finish(input), 'end'))),
    };
  }

  channels(): number {
    return this.opened;
  }

  async close(): Promise<void> {}
}
