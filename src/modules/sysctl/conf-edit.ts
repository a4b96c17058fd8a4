/**
 * sysctl.conf as FreeBSD's rc.d/sysctl reads it: `while read var comments`,
 * so a setting is the first word of a line, NAME=VALUE, and everything after
 * it is ignored. A line setting NAME keeps its indentation and its trailing
 * text; the last such line is the one that wins at boot, so it is the one
 * that is changed.
 */
import { appendLine, bare, splitLines } from '../text-lines.js';

export interface ConfEdit {
  content: string;
  /** The value the file gave NAME before, if any. */
  before?: string;
}

export function setConfValue(content: string, name: string, value: string): ConfEdit {
  const lines = splitLines(content);
  let at = -1;
  let before: string | undefined;
  lines.forEach((l, i) => {
    const m = /^(\s*)(\S+)/.exec(bare(l));
    const word = m?.[2];
    if (word === undefined || !word.startsWith(`${name}=`)) return;
    at = i;
    before = word.slice(name.length + 1);
  });
  if (at < 0) return { content: appendLine(lines, `${name}=${value}`).join('') };
  const line = lines[at] ?? '';
  const replaced = line.replace(/^(\s*)\S+/, (_m, indent: string) => `${indent}${name}=${value}`);
  const out = [...lines];
  out[at] = replaced;
  return { content: out.join(''), before };
}
