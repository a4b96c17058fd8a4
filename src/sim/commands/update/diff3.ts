/**
 * diff3(1) -m over lines, what etcupdate's merge_file() runs:
 * `diff3 -E -m MINE OLDER YOURS` (exit 0 when the changes of both sides
 * merge, 1 when they conflict) and, on a conflict, `diff3 -m -L yours -L
 * original -L new ...` for the file with markers. A region that both sides
 * changed, or changes that touch, conflicts unless both made the same change
 * (GNU and BSD diff3 both treat adjacent changes as one overlapping block).
 * Also diff(1)'s --changed-group-format for new_conflict().
 */
import { diffArrays } from 'diff';
import { splitLines } from '../base/util.js';

/** One change of a side against the original: lines [start, end) of it replaced by `lines`. */
interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

/** The text's lines, each with its newline (one added to a last line without), as diff compares them. */
function linesOf(text: string): string[] {
  return splitLines(text).map((l) => `${l}\n`);
}

function hunks(original: string[], side: string[]): Hunk[] {
  const out: Hunk[] = [];
  let at = 0;
  let open: Hunk | undefined;
  for (const part of diffArrays(original, side)) {
    if (!part.added && !part.removed) {
      if (open) out.push(open);
      open = undefined;
      at += part.value.length;
      continue;
    }
    open ??= { start: at, end: at, lines: [] };
    if (part.removed) {
      at += part.value.length;
      open.end = at;
    } else open.lines.push(...part.value);
  }
  if (open) out.push(open);
  return out;
}

/** The region [start, end) of the original with this side's hunks in it applied. */
function region(original: string[], side: Hunk[], start: number, end: number): string[] {
  const out: string[] = [];
  let at = start;
  for (const h of side) {
    out.push(...original.slice(at, h.start), ...h.lines);
    at = h.end;
  }
  out.push(...original.slice(at, end));
  return out;
}

export interface Merge3 {
  conflict: boolean;
  /** With conflict markers where the sides conflict. */
  text: string;
}

export function merge3(mine: string, older: string, yours: string, labels = ['yours', 'original', 'new']): Merge3 {
  const o = linesOf(older);
  const a = hunks(o, linesOf(mine)).map((h) => ({ ...h, side: 0 }));
  const b = hunks(o, linesOf(yours)).map((h) => ({ ...h, side: 1 }));
  const all = [...a, ...b].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: string[] = [];
  let conflict = false;
  let at = 0;
  for (let i = 0; i < all.length; ) {
    const first = all[i]!;
    let end = first.end;
    let j = i + 1;
    while (j < all.length && all[j]!.start <= end) end = Math.max(end, all[j++]!.end);
    const group = all.slice(i, j);
    const start = first.start;
    out.push(...o.slice(at, start));
    const mineHunks = group.filter((h) => h.side === 0);
    const yourHunks = group.filter((h) => h.side === 1);
    const mineText = region(o, mineHunks, start, end);
    const yourText = region(o, yourHunks, start, end);
    if (!yourHunks.length) out.push(...mineText);
    else if (!mineHunks.length || mineText.join('') === yourText.join('')) out.push(...yourText);
    else {
      conflict = true;
      out.push(`<<<<<<< ${labels[0]}\n`, ...mineText, `||||||| ${labels[1]}\n`, ...o.slice(start, end), '=======\n', ...yourText, `>>>>>>> ${labels[2]}\n`);
    }
    at = end;
    i = j;
  }
  out.push(...o.slice(at));
  return { conflict, text: out.join('') };
}

/** `diff --changed-group-format='<<<<<<< (local)\n%<=======\n%>>>>>>>> (stock)\n' LOCAL STOCK` (unchanged lines as they are). */
export function changedGroups(local: string, stock: string): string {
  const out: string[] = [];
  const parts = diffArrays(linesOf(local), linesOf(stock));
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!p.added && !p.removed) {
      out.push(...p.value);
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    for (; i < parts.length && (parts[i]!.added || parts[i]!.removed); i++) (parts[i]!.added ? added : removed).push(...parts[i]!.value);
    i--;
    out.push('<<<<<<< (local)\n', ...removed, '=======\n', ...added, '>>>>>>> (stock)\n');
  }
  return out.join('');
}
