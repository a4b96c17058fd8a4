/**
 * Ansible lineinfile's text semantics (lineinfile.py present() and
 * absent(), ansible-core 2.11+), on a list of lines (see text-lines):
 * - present: the LAST line matching regexp (or containing search_string)
 *   is replaced (the FIRST with firstmatch); with backrefs, by `line`
 *   expanded as Python's match.expand() does, and with no match nothing
 *   changes at all;
 * - else, when a line equal to `line` exists, nothing is inserted;
 * - else insert: after the last line matching insertafter / before the
 *   last line matching insertbefore (the first with firstmatch), BOF, or
 *   (default, EOF, or anchor not found) at the end;
 * - a replaced or inserted line always ends in "\n";
 * - absent: remove every line matching regexp / containing search_string /
 *   equal to `line`, in that order of precedence.
 */
import { expandTemplate, pyRegex } from '../../playbook/py-regex.js';
import { appendLine, bare } from '../text-lines.js';

export interface LineEditSpec {
  line?: string;
  regexp?: string;
  search_string?: string;
  insertafter?: string;
  insertbefore?: string;
  firstmatch?: boolean;
  backrefs?: boolean;
}

export interface LineEditResult {
  lines: string[];
  /** Ansible's wording: "line added", "line replaced", "2 line(s) removed"; undefined = unchanged. */
  note?: string;
  /** Why nothing changed, where it is not that the line is there. */
  why?: string;
}

/** Ansible compares `line` with each line's "\r\n" stripped. */
const stripEol = (l: string): string => l.replace(/[\r\n]+$/, '');

/** A match of regexp or search_string: its line and, for a regexp, the match for backrefs. */
interface Found {
  at: number;
  match?: RegExpExecArray;
}

function findMatch(lines: string[], spec: LineEditSpec): Found | undefined {
  const re = spec.regexp !== undefined ? pyRegex('regexp', spec.regexp) : undefined;
  const needle = spec.search_string;
  if (!re && needle === undefined) return undefined;
  let found: Found | undefined;
  for (const [at, l] of lines.entries()) {
    const match = re?.exec(bare(l)) ?? undefined;
    if (!(match || (needle !== undefined && l.includes(needle)))) continue;
    found = { at, match };
    if (spec.firstmatch) break;
  }
  return found;
}

function anchorOf(spec: LineEditSpec): RegExp | undefined {
  const { insertafter: after, insertbefore: before } = spec;
  if (after !== undefined && after !== 'EOF' && after !== 'BOF') return pyRegex('insertafter', after);
  if (after === undefined && before !== undefined && before !== 'BOF') return pyRegex('insertbefore', before);
  return undefined;
}

export function ensurePresent(lines: string[], spec: LineEditSpec & { line: string }): LineEditResult {
  const found = findMatch(lines, spec);
  let lineAt = found?.at ?? -1;
  let insertAt = -1;
  if (!found) {
    const anchor = anchorOf(spec);
    for (const [i, l] of lines.entries()) {
      if (stripEol(l) === spec.line) lineAt = i;
      else if (anchor?.test(bare(l))) {
        insertAt = spec.insertafter !== undefined ? i + 1 : i;
        if (spec.firstmatch) break;
      }
    }
  }
  if (lineAt >= 0) {
    const text = spec.backrefs && found?.match ? expandTemplate('backrefs', spec.line, found.match) : spec.line;
    const newLine = text.endsWith('\n') ? text : `${text}\n`;
    if (lines[lineAt] === newLine) return { lines };
    const out = [...lines];
    out[lineAt] = newLine;
    return { lines: out, note: 'line replaced' };
  }
  // Without a match the backrefs cannot be filled: Ansible leaves the file alone.
  if (spec.backrefs) return { lines, why: 'no line matches regexp (backrefs: left unchanged)' };
  const newLine = `${spec.line}\n`;
  if (spec.insertbefore === 'BOF' || spec.insertafter === 'BOF') return { lines: [newLine, ...lines], note: 'line added' };
  // Inserting after the last line is appending: end that line first.
  if (insertAt < 0 || insertAt === lines.length) {
    if (insertAt > 0 && stripEol(lines[insertAt - 1] ?? '') === spec.line) return { lines };
    return { lines: appendLine(lines, spec.line), note: 'line added' };
  }
  // With firstmatch a copy of the line after the anchor (insertafter) is not added again.
  if (spec.insertafter !== undefined && stripEol(lines[insertAt] ?? '') === spec.line) return { lines };
  const out = [...lines];
  out.splice(insertAt, 0, newLine);
  return { lines: out, note: 'line added' };
}

function absentMatcher(spec: LineEditSpec): (line: string) => boolean {
  if (spec.regexp !== undefined) {
    const re = pyRegex('regexp', spec.regexp);
    return (l) => re.test(bare(l));
  }
  const needle = spec.search_string;
  if (needle !== undefined) return (l) => l.includes(needle);
  const want = spec.line ?? '';
  return (l) => stripEol(l) === want;
}

export function ensureAbsent(lines: string[], spec: LineEditSpec): LineEditResult {
  const matches = absentMatcher(spec);
  const kept = lines.filter((l) => !matches(l));
  const removed = lines.length - kept.length;
  return removed === 0 ? { lines } : { lines: kept, note: `${removed} line(s) removed` };
}
