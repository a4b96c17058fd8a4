/**
 * Parsed top-level lines, shared between scripts. The engine's scripts differ
 * per host and per run (nonces, host addresses), so whole-script caching
 * (parse-cache.ts) misses on them, yet most of their lines (fact commands,
 * step bodies) are the same text for every host.
 *
 * A top-level line parses the same wherever it appears: at a line start the
 * parser holds no state but its position, and it reads nothing past the
 * newline that ends the line (plus any here-document bodies after it). So a
 * line is stored with its exact text, from its first character through that
 * newline, and reused only where the script continues with that very text.
 */
import { ContentLru } from '../../content-lru.js';
import { fnv1a } from '../fnv1a.js';
import type { List } from './ast.js';

interface CachedLine {
  text: string;
  list: List;
}

/** Different lines that share a first physical line (a multi-line `(` ... `)`). */
const MAX_PER_FIRST_LINE = 8;
/** Lines carrying big file contents are mostly one-offs. */
const MAX_LINE_LENGTH = 16 * 1024;

/** By first physical line (through its "\n"). Far more than the distinct lines one host-run sends, so the shared ones stay. */
const byFirstLine = new ContentLru<CachedLine[]>(2048);
/**
 * Lines seen once, by length and a hash of the first line. A line is kept
 * only when it comes a second time: a line with a host's address in it
 * never does, and keeping it would keep the whole script it was sliced from
 * (its text and the words of its parse are slices of that script) until the
 * cache turned over: tens of KB a host. Two different lines alike in both
 * are only kept early (they are still told apart by their whole text). Not
 * a hash of the whole text: a part's lines nest, and each level would hash
 * them all again.
 */
const seenOnce = new ContentLru<true>(4096);

/**
 * A copy of `text` that does not keep the string it was sliced from alive.
 * V8 makes a slice of 13 or more characters a view of its parent; slicing
 * a concatenation flattens the concatenation first, so the view's parent
 * is then a string of `text`'s own length.
 */
function detached(text: string): string {
  return (' ' + text).slice(1);
}

function firstLine(src: string, pos: number): string | undefined {
  const nl = src.indexOf('\n', pos);
  return nl < 0 ? undefined : src.slice(pos, nl + 1);
}

/** A parsed line whose text is exactly what `src` holds at `pos`, if one is cached. */
export function cachedLineAt(src: string, pos: number): CachedLine | undefined {
  const key = firstLine(src, pos);
  if (key === undefined) return undefined;
  const candidates = byFirstLine.peek(key);
  if (!candidates) return undefined;
  for (const c of candidates) if (src.startsWith(c.text, pos)) return c;
  return undefined;
}

/** Remember `list`, parsed from `text` (a whole top-level line ending in its newline). */
export function rememberLine(text: string, list: List): void {
  if (text.length > MAX_LINE_LENGTH) return;
  const key = firstLine(text, 0);
  if (key === undefined) return;
  const seen = `${text.length}:${fnv1a(key)}`;
  if (seenOnce.peek(seen) === undefined) {
    seenOnce.get(seen, () => true);
    return;
  }
  const candidates = byFirstLine.get(detached(key), () => []);
  if (candidates.length >= MAX_PER_FIRST_LINE) candidates.shift();
  candidates.push({ text, list });
}
