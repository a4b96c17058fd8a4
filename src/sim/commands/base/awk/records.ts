/** Records (RS) and fields (FS), and the regular expressions behind them, as in contrib/one-true-awk/lib.c. */
import { toJsRegex } from '../regex.js';

export class AwkRegexError extends Error {}

const cache = new Map<string, RegExp>();

/**
 * A POSIX ERE as a JavaScript RegExp (regex.ts does the translation); `.`
 * matches newlines too, as in awk. Shared and read-only: callers set
 * lastIndex before each use of a global one.
 */
export function awkRegex(src: string, global = false): RegExp {
  const key = (global ? 'g' : '-') + src;
  let re = cache.get(key);
  if (re) return re;
  try {
    re = new RegExp(toJsRegex(src, true), global ? 'gs' : 's');
  } catch {
    throw new AwkRegexError(`syntax error in regular expression ${src} at ${src}`);
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, re);
  return re;
}

/** Split by a regex, skipping empty matches (refldbld()'s nematch). */
function regexSplit(s: string, re: RegExp): string[] {
  const out: string[] = [];
  let pos = 0;
  let from = 0;
  while (from <= s.length) {
    re.lastIndex = from;
    const m = re.exec(s);
    if (!m) break;
    if (m[0] === '') {
      from = m.index + 1;
      continue;
    }
    out.push(s.slice(pos, m.index));
    pos = from = m.index + m[0].length;
  }
  out.push(s.slice(pos));
  return out;
}

/**
 * fldbld(): FS " " splits on runs of blanks, tabs and newlines; another
 * single character splits on itself (and on newlines in paragraph mode);
 * "" gives one field per character; anything longer is a regular expression.
 */
export function splitFields(s: string, fs: string, paragraphMode: boolean): string[] {
  if (s === '') return [];
  if (fs === ' ') return s.split(/[ \t\n]+/).filter((f) => f !== '');
  if (fs === '') return [...s];
  if (fs.length === 1) {
    return paragraphMode && fs !== '\n' ? s.split(/\n/).flatMap((part) => part.split(fs)) : s.split(fs);
  }
  return regexSplit(s, awkRegex(fs, true));
}

/** split()'s separators: as fldbld(), but a single character also splits at newlines (run.c split()). */
export function splitString(s: string, sep: string | RegExp): string[] {
  if (s === '') return [];
  if (sep instanceof RegExp) return regexSplit(s, sep);
  if (sep === ' ') return s.split(/[ \t\n]+/).filter((f) => f !== '');
  if (sep === '') return [...s];
  if (sep.length === 1) return s.split(sep === '\n' ? '\n' : new RegExp(`[${sep === ']' || sep === '\\' || sep === '^' ? `\\${sep}` : sep}\\n]`));
  return regexSplit(s, awkRegex(sep, true));
}

/**
 * readrec(): RS "\n" (or any single character) ends a record at each
 * occurrence, a final empty record is no record; RS "" reads paragraphs
 * (blank-line separated, leading newlines skipped); a longer RS is a regex.
 */
export function splitRecords(text: string, rs: string): string[] {
  if (text === '') return [];
  let recs: string[];
  if (rs === '') {
    const body = text.replace(/^\n+/, '');
    if (body === '') return [];
    recs = body.split(/\n\n+/);
    const last = recs.length - 1;
    recs[last] = recs[last]!.replace(/\n$/, '');
  } else if (rs.length === 1) recs = text.split(rs);
  else recs = regexSplit(text, awkRegex(rs, true));
  if (recs[recs.length - 1] === '') recs.pop();
  return recs;
}
