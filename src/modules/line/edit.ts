/**
 * Ansible lineinfile's text semantics, on a list of lines (see text-lines):
 * - present with regexp: replace the LAST matching line; else insert.
 * - present without regexp: nothing to do if an identical line exists.
 * - insert: after the last line matching insertafter / before the last line
 *   matching insertbefore, BOF, or (default, or anchor not found) EOF.
 * - a replaced or inserted line always ends in "\n".
 * - absent: remove every matching line.
 */
import { appendLine, bare } from '../text-lines.js';

export interface LineEditSpec {
  line?: string;
  regexp?: string;
  insertafter?: string;
  insertbefore?: string;
}

export interface LineEditResult {
  lines: string[];
  /** Ansible's wording: "line added", "line replaced", "2 line(s) removed"; undefined = unchanged. */
  note?: string;
}

function matcher(spec: LineEditSpec): (line: string) => boolean {
  if (spec.regexp !== undefined) {
    const re = new RegExp(spec.regexp);
    return (l) => re.test(bare(l));
  }
  const want = spec.line ?? '';
  // Ansible compares with the line's "\r\n" stripped.
  return (l) => l.replace(/[\r\n]+$/, '') === want;
}

export function ensurePresent(lines: string[], spec: LineEditSpec & { line: string }): LineEditResult {
  const matches = matcher(spec);
  const anchor = spec.insertafter ?? spec.insertbefore;
  const anchorRe = anchor !== undefined && anchor !== 'EOF' && anchor !== 'BOF' ? new RegExp(anchor) : undefined;
  let matchAt = -1;
  let insertAt = -1;
  lines.forEach((l, i) => {
    if (matches(l)) matchAt = i;
    else if (anchorRe?.test(bare(l))) insertAt = spec.insertafter !== undefined ? i + 1 : i;
  });
  const newLine = `${spec.line}\n`;
  if (matchAt >= 0) {
    if (lines[matchAt] === newLine) return { lines };
    const out = [...lines];
    out[matchAt] = newLine;
    return { lines: out, note: 'line replaced' };
  }
  if (anchor === 'BOF') return { lines: [newLine, ...lines], note: 'line added' };
  // Inserting after the last line is appending: end that line first.
  if (anchor === undefined || anchor === 'EOF' || insertAt < 0 || insertAt === lines.length) {
    return { lines: appendLine(lines, spec.line), note: 'line added' };
  }
  const out = [...lines];
  out.splice(insertAt, 0, newLine);
  return { lines: out, note: 'line added' };
}

export function ensureAbsent(lines: string[], spec: LineEditSpec): LineEditResult {
  const matches = matcher(spec);
  const kept = lines.filter((l) => !matches(l));
  const removed = lines.length - kept.length;
  return removed === 0 ? { lines } : { lines: kept, note: `${removed} line(s) removed` };
}
