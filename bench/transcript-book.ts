/**
 * The store behind bench/transcript-transport.ts: per host, the answers a
 * host gave, filed under a hash of the normalised exchange that asked for
 * them. The engine's scripts carry a per-process nonce in their markers
 * (`@@jf:<nonce>:...`) and a run id in lock tokens; both are normalised out
 * of the keys and the nonce out of the stored output (the current run's is
 * put back on replay), so a later process replays what an earlier one
 * recorded.
 */
import { createHash } from 'node:crypto';
import type { ExecResult } from '../src/transport/transport.js';

const MARKER = /@@jf:([0-9a-f]+):/;
const PLACEHOLDER = '\u0000nonce\u0000';
/** The run id (and the per-apply token built on it) differs per run too; the output never echoes it. */
const RUN_ID = /\d{8}T\d{6}-[0-9a-f]{4}(?:-[0-9a-f]+)?/g;

export type Entry = [key: string, stdout: string, stderr: string, code: number];

/** What an answer is filed under: the hash of the normalised exchange, and the nonce its output carries. */
export interface ExchangeKey {
  key: string;
  nonce?: string;
}

/** The recorded answers to one key, in order, and how many replay handed out so far. */
interface Answers {
  list: ExecResult[];
  served: number;
}

/**
 * A round input's header (script.ts roundInput) carries the length and cksum
 * of its text, and the text holds the nonce and run id: both numbers change
 * from run to run with the same script, so the key keeps only the header's name.
 */
function withoutSizes(text: string, nonce: string): string {
  const head = `@@jf:${nonce}:chunk `;
  if (!text.startsWith(head)) return text;
  const eol = text.indexOf('\n');
  return head + (eol < 0 ? '' : text.slice(eol));
}

/** Command or input text with the nonce, the run id and a round header's sizes taken out. */
export function normaliseText(text: string, nonce: string | undefined): string {
  return (nonce ? withoutSizes(text, nonce).replaceAll(nonce, PLACEHOLDER) : text).replace(RUN_ID, '\u0000run\u0000');
}

/** A hash keeps 10,000 hosts' command texts (kilobytes each) out of memory. */
export function hashKey(...parts: string[]): string {
  const h = createHash('sha1');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('base64');
}

/** The key of a plain exec (or a session's command): its text, nonce found in its markers. */
export function normalise(commandLine: string): ExchangeKey {
  const nonce = MARKER.exec(commandLine)?.[1];
  return { key: hashKey(normaliseText(commandLine, nonce)), nonce };
}

/**
 * Host -> (key -> the answers recorded under it, in order). The same key can
 * answer differently later (the gather of a converging run, then of the
 * no-change run): replay hands out the recorded answers in order, the last
 * one again once they run out.
 */
export class TranscriptBook {
  private readonly hosts = new Map<string, Map<string, Answers>>();

  record(host: string, exchange: string | ExchangeKey, result: ExecResult): void {
    const { key, nonce } = typeof exchange === 'string' ? normalise(exchange) : exchange;
    const strip = (s: string): string => (nonce ? s.replaceAll(nonce, PLACEHOLDER) : s);
    this.recordNormalised(host, key, { stdout: strip(result.stdout), stderr: strip(result.stderr), code: result.code });
  }

  replay(host: string, exchange: string | ExchangeKey): ExecResult | undefined {
    const { key, nonce } = typeof exchange === 'string' ? normalise(exchange) : exchange;
    const answers = this.hosts.get(host)?.get(key);
    if (!answers) return undefined;
    const hit = answers.list[Math.min(answers.served++, answers.list.length - 1)]!;
    const put = (s: string): string => (nonce ? s.replaceAll(PLACEHOLDER, nonce) : s);
    return { stdout: put(hit.stdout), stderr: put(hit.stderr), code: hit.code };
  }

  private recordNormalised(host: string, key: string, answer: ExecResult): void {
    let book = this.hosts.get(host);
    if (!book) this.hosts.set(host, (book = new Map()));
    const answers = book.get(key);
    if (answers) answers.list.push(answer);
    else book.set(key, { list: [answer], served: 0 });
  }

  get hostCount(): number {
    return this.hosts.size;
  }

  toJSON(): Record<string, Entry[]> {
    const out: Record<string, Entry[]> = {};
    for (const [host, book] of this.hosts) out[host] = [...book].flatMap(([k, a]) => a.list.map((r): Entry => [k, r.stdout, r.stderr, r.code]));
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
