/**
 * The simulator's send stream. Text, so it travels through shell pipes:
 * each substream is a "SIMZFS1 {begin}" line, one line per file entry, a
 * deletions line (incremental), and an end line. A stream cut anywhere is
 * detectable (no end line, or a broken last line) — zfs receive's
 * "incomplete stream".
 */
import type { ArchiveEntry } from '../../archive/index.js';

export const MAGIC = 'SIMZFS1';

export interface StreamBegin {
  /** Sender's full snapshot name ("pool/fs@b"). */
  toname: string;
  toguid: string;
  /** Incremental source, by guid (what receive matches) and short name (for -v). */
  fromguid?: string;
  fromname?: string;
  /** Path below the sent top dataset ("" for the top, "/child" ...), for -R packages. */
  relname: string;
  creation: number;
  props?: Record<string, string>;
  /** Entries already held by the receiver (zfs send -t). */
  resumeOffset?: number;
}

export interface Substream {
  begin: StreamBegin;
  entries: ArchiveEntry[];
  deleted: string[];
  complete: boolean;
}

export function encodeSubstream(s: Omit<Substream, 'complete'>): string {
  const lines = [`${MAGIC} ${JSON.stringify(s.begin)}`, ...s.entries.map((e) => JSON.stringify({ e }))];
  if (s.begin.fromguid !== undefined) lines.push(JSON.stringify({ deleted: s.deleted }));
  lines.push(JSON.stringify({ end: s.begin.toguid }));
  return lines.map((l) => `${l}\n`).join('');
}

export type Decoded = { error: 'empty' | 'magic' } | { substreams: Substream[] };

/** Parse what arrived; a substream without its end line is returned with complete: false. */
export function decodeStream(text: string): Decoded {
  if (!text) return { error: 'empty' };
  if (!text.startsWith(`${MAGIC} `)) return { error: 'magic' };
  const lines = text.split('\n');
  // The text after the last newline is a cut line (or "" when the stream ended cleanly).
  lines.pop();
  const out: Substream[] = [];
  let cur: Substream | undefined;
  for (const line of lines) {
    let rec: { e?: ArchiveEntry; deleted?: string[]; end?: string } & Partial<StreamBegin>;
    try {
      rec = JSON.parse(line.startsWith(`${MAGIC} `) ? line.slice(MAGIC.length + 1) : line) as typeof rec;
    } catch {
      break;
    }
    if (line.startsWith(`${MAGIC} `)) {
      cur = { begin: rec as StreamBegin, entries: [], deleted: [], complete: false };
      out.push(cur);
    } else if (!cur) break;
    else if (rec.e) cur.entries.push(rec.e);
    else if (rec.deleted) cur.deleted = rec.deleted;
    else if (rec.end !== undefined) cur.complete = true;
  }
  return { substreams: out };
}
