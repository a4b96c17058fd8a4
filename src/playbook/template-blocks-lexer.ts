/**
 * Splits a template file into text, `{{ }}`, `{% %}` and `{# #}` pieces,
 * applying Jinja2's whitespace control as Ansible's template module
 * configures it: `{%-`/`-%}` (and the same on `{{ }}` and `{# #}`) strip
 * the whitespace before/after the tag, `trim_blocks: true` removes the
 * first newline after a block or comment tag (never after `{{ }}`),
 * `{%+`/`+%}` turn that off for one tag, `lstrip_blocks: false`.
 */
import type { SourcePos } from '../errors.js';
import { TemplateError } from './template-error.js';

export type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; source: string; pos: SourcePos }
  | { kind: 'stmt'; source: string; pos: SourcePos };

const CLOSERS = { '{{': '}}', '{%': '%}', '{#': '#}' } as const;
type Opener = keyof typeof CLOSERS;

export function lexTemplate(src: string, file: string): Piece[] {
  const pieces: Piece[] = [];
  const lines = lineStarts(src);
  let i = 0;
  let stripNext = false;
  let trimNewline = false;
  while (i <= src.length) {
    const open = nextOpen(src, i);
    let text = src.slice(i, open === -1 ? src.length : open);
    if (trimNewline) text = text.replace(/^\r?\n/, '');
    if (stripNext) text = text.replace(/^\s+/, '');
    if (open === -1) {
      pushText(pieces, text);
      break;
    }
    const opener = src.slice(open, open + 2) as Opener;
    const pos = posOf(file, lines, open);
    let bodyStart = open + 2;
    const marker = src.charAt(bodyStart);
    if (marker === '-') text = text.replace(/\s+$/, '');
    if (marker === '-' || marker === '+') bodyStart += 1;
    pushText(pieces, text);
    const close = findClose(src, bodyStart, CLOSERS[opener]);
    if (close === -1) throw new TemplateError(`unclosed "${opener}": no "${CLOSERS[opener]}" after it`, pos);
    let bodyEnd = close;
    const endMarker = src.charAt(close - 1);
    if ((endMarker === '-' || endMarker === '+') && close - 1 >= bodyStart) bodyEnd -= 1;
    const source = src.slice(bodyStart, bodyEnd);
    if (opener === '{{') pieces.push({ kind: 'expr', source, pos });
    if (opener === '{%') pieces.push({ kind: 'stmt', source, pos });
    stripNext = bodyEnd !== close && endMarker === '-';
    trimNewline = opener !== '{{' && !(bodyEnd !== close && endMarker === '+');
    i = close + 2;
  }
  return pieces;
}

function pushText(pieces: Piece[], text: string): void {
  if (text) pieces.push({ kind: 'text', text });
}

function nextOpen(src: string, from: number): number {
  const found = ['{{', '{%', '{#'].map((o) => src.indexOf(o, from)).filter((n) => n !== -1);
  return found.length ? Math.min(...found) : -1;
}

/** The closer's index; quotes are skipped in expressions and statements (a `}}` in a string does not close). */
function findClose(src: string, from: number, closer: string): number {
  if (closer === '#}') return src.indexOf(closer, from);
  let quote: string | undefined;
  let braces = 0;
  for (let i = from; i < src.length; i++) {
    const c = src.charAt(i);
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (src.startsWith(closer, i) && braces === 0) return i;
    // A map literal's `}` ({{ {'a': {'b': 1}} }}) closes its own brace, not the tag.
    else if (c === '{') braces++;
    else if (c === '}' && braces > 0) braces--;
  }
  return -1;
}

function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src.charAt(i) === '\n') starts.push(i + 1);
  return starts;
}

function posOf(file: string, starts: number[], offset: number): SourcePos {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, col: offset - starts[lo]! + 1 };
}
