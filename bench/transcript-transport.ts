/**
 * Record a host's exec requests and responses once, replay them for the
 * same host later: the engine runs exactly as against the simulator, minus
 * the simulator's cost. The engine's scripts carry a random nonce in their
 * markers (`@@jf:<nonce>:...`); it is normalised in the recorded command and
 * output, and the current run's nonce is put back into the replayed output.
 * The run id in the apply's lock token is normalised in the command as well.
 */
import { createHash } from 'node:crypto';
import type { ExecOptions, ExecResult, ExecSession, SessionOptions, SessionPrefix, Transport } from '../src/transport/transport.js';

const MARKER = /@@jf:([0-9a-f]+):/;
const PLACEHOLDER = '\u0000nonce\u0000';
/** The run id (and the per-apply token built on it) differs per run too; the output never echoes it. */
const RUN_ID = /\d{8}T\d{6}-[0-9a-f]{4}(?:-[0-9a-f]+)?/g;

type Entry = [key: string, stdout: string, stderr: string, code: number];

/**
 * A session is recorded as two answers: what it printed up to the marker
 * (code PREFIX; or, when it ended first, its result) under the command, and
 * what it printed after that prefix, with its exit code, under the command
 * plus the input it was given (the prefix is not stored twice).
 */
const PREFIX = -1;

/** What an answer is filed under: the hash of the normalised exchange, and the nonce its output carries. */
interface ExchangeKey {
  key: string;
  nonce?: string;
}

/**
 * A session's two keys, from its command line normalised once (the gather
 * script is kilobytes; 10,000 hosts' worth of copies would show up as the
 * engine's memory): the prefix, and the result for a given input.
 */
function sessionKeys(commandLine: string): { prefix: ExchangeKey; input: (input: string) => ExchangeKey } {
  const command = normalise(commandLine);
  return {
    prefix: { ...command, key: `${command.key}:session` },
    input: (input) => ({ ...command, key: `${command.key}:${normalise(input).key}` }),
  };
}

/**
 * Host -> (hash of the normalised command -> its normalised results in the
 * order they were recorded). The same command can answer differently later
 * (the gather of a converging run, then of the no-change run): replay hands
 * out the recorded answers in order, the last one again once they run out.
 */
export class TranscriptBook {
  private readonly hosts = new Map<string, Map<string, ExecResult[]>>();
  private readonly served = new Map<string, number>();

  record(host: string, exchange: string | ExchangeKey, result: ExecResult): void {
    const { key, nonce } = typeof exchange === 'string' ? normalise(exchange) : exchange;
    const strip = (s: string): string => (nonce ? s.replaceAll(nonce, PLACEHOLDER) : s);
    this.recordNormalised(host, key, { stdout: strip(result.stdout), stderr: strip(result.stderr), code: result.code });
  }

  replay(host: string, exchange: string | ExchangeKey): ExecResult | undefined {
    const { key, nonce } = typeof exchange === 'string' ? normalise(exchange) : exchange;
    const answers = this.hosts.get(host)?.get(key);
    if (!answers) return undefined;
    const slot = `${host}\u0000${key}`;
    const n = this.served.get(slot) ?? 0;
    this.served.set(slot, n + 1);
    const hit = answers[Math.min(n, answers.length - 1)]!;
    const put = (s: string): string => (nonce ? s.replaceAll(PLACEHOLDER, nonce) : s);
    return { stdout: put(hit.stdout), stderr: put(hit.stderr), code: hit.code };
  }

  private recordNormalised(host: string, key: string, answer: ExecResult): void {
    let book = this.hosts.get(host);
    if (!book) this.hosts.set(host, (book = new Map()));
    const answers = book.get(key);
    if (answers) answers.push(answer);
    else book.set(key, [answer]);
  }

  get hostCount(): number {
    return this.hosts.size;
  }

  toJSON(): Record<string, Entry[]> {
    const out: Record<string, Entry[]> = {};
    for (const [host, book] of this.hosts) out[host] = [...book].flatMap(([k, rs]) => rs.map((r): Entry => [k, r.stdout, r.stderr, r.code]));
    return out;
  }

  static fromJSON(data: Record<string, Entry[]>): TranscriptBook {
    const book = new TranscriptBook();
    for (const [host, entries] of Object.entries(data)) {
      for (const [key, stdout, stderr, code] of entries) book.recordNormalised(host, key, { stdout, stderr, code });
    }
    return book;
  }
}

/** A hash keeps 10,000 hosts' command texts (kilobytes each) out of memory. */
function normalise(commandLine: string): { key: string; nonce?: string } {
  const nonce = MARKER.exec(commandLine)?.[1];
  const text = (nonce ? commandLine.replaceAll(nonce, PLACEHOLDER) : commandLine).replace(RUN_ID, '\u0000run\u0000');
  return { key: createHash('sha1').update(text).digest('base64'), nonce };
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

  async openSession(commandLine: string, options?: SessionOptions): Promise<ExecSession> {
    const session = await this.inner.openSession(commandLine, options);
    const keys = sessionKeys(commandLine);
    let prefix: SessionPrefix | undefined;
    return {
      readUntil: async (marker) => {
        const got = await session.readUntil(marker);
        if (!('ended' in got)) prefix = got;
        this.book.record(this.host, keys.prefix, 'ended' in got ? got.ended : { ...got, code: PREFIX });
        return got;
      },
      finish: async (input) => {
        const result = await session.finish(input);
        this.book.record(this.host, keys.input(input), prefix ? withoutPrefix(result, prefix) : result);
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

function withoutPrefix(result: ExecResult, prefix: SessionPrefix): ExecResult {
  const cut = (text: string, head: string): string => {
    if (!text.startsWith(head)) throw new Error('a session result that does not start with its prefix');
    return text.slice(head.length);
  };
  return { stdout: cut(result.stdout, prefix.stdout), stderr: cut(result.stderr, prefix.stderr), code: result.code };
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

  async openSession(commandLine: string): Promise<ExecSession> {
    this.opened++;
    const keys = sessionKeys(commandLine);
    const answer = (key: ExchangeKey): ExecResult => {
      const result = this.book.replay(this.host, key);
      if (!result) throw new Error(`no recorded answer for this session on ${this.host}`);
      return result;
    };
    let prefix: SessionPrefix | undefined;
    return {
      readUntil: async () => {
        const got = answer(keys.prefix);
        if (got.code !== PREFIX) return { ended: got };
        prefix = { stdout: got.stdout, stderr: got.stderr };
        return prefix;
      },
      finish: async (input) => {
        const rest = answer(keys.input(input));
        return prefix ? { stdout: prefix.stdout + rest.stdout, stderr: prefix.stderr + rest.stderr, code: rest.code } : rest;
      },
    };
  }

  channels(): number {
    return this.opened;
  }

  async close(): Promise<void> {}
}
