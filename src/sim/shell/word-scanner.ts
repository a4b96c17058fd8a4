/**
 * Reads one word of sh source into parts (quotes, escapes, $-expansions).
 * Runs of ordinary characters are sliced in one go so MB-sized quoted
 * content stays linear.
 */
import type { ParamOp, Program, Word, WordPart } from './ast.js';
import { ShellSyntaxError } from './errors.js';

export interface ParseHooks {
  /** Parse commands from `pos` (just after `$(`) up to and including the closing `)`. */
  substitution(src: string, pos: number): { program: Program; end: number };
  /** Parse a complete script held in a string (backquoted commands). */
  nested(text: string): Program;
}

export interface Cursor {
  src: string;
  pos: number;
  hooks: ParseHooks;
}

/** Where a word ends: at a shell metacharacter, a `"`, a `}`, or the end of the text. */
export type WordMode = 'word' | 'dq' | 'heredoc' | 'brace' | 'brace-dq';

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

function syntax(msg: string): never {
  throw new ShellSyntaxError(msg);
}

function pushLit(parts: WordPart[], v: string, q: boolean): void {
  if (v === '' && !q) return;
  const last = parts[parts.length - 1];
  if (last?.t === 'lit' && last.q === q) last.v += v;
  else parts.push({ t: 'lit', v, q });
}

/** Characters that stop a run of ordinary text in each mode. */
const STOP_CHARS: Record<WordMode, string> = {
  word: ' \t\n;&|()<>\'"\\$`',
  dq: '"\\$`',
  heredoc: '\\$`',
  brace: '}\'"\\$`',
  'brace-dq': '}"\\$`',
};

/**
 * STOP_CHARS as per-mode tables indexed by char code: the scanner tests every
 * character of every script it reads, and the engine's scripts differ per host
 * (nonces, file contents), so they are parsed afresh for each host.
 */
const STOP_TABLES = Object.fromEntries(
  Object.entries(STOP_CHARS).map(([mode, chars]) => {
    const table = new Uint8Array(128);
    for (const c of chars) table[c.charCodeAt(0)] = 1;
    return [mode, table];
  }),
) as Record<WordMode, Uint8Array>;

/**
 * Scan parts in `mode` from cur.pos. For 'word' it stops before a
 * metacharacter; for 'dq' after the closing quote; for 'brace*' after `}`.
 */
export function scanParts(cur: Cursor, mode: WordMode): WordPart[] {
  const parts: WordPart[] = [];
  const src = cur.src;
  const quoted = mode === 'dq' || mode === 'heredoc' || mode === 'brace-dq';
  const stops = STOP_TABLES[mode];
  const length = src.length;
  for (;;) {
    const start = cur.pos;
    let i = start;
    for (; i < length; i++) {
      const code = src.charCodeAt(i);
      if (code < 128 && stops[code] === 1) break;
    }
    cur.pos = i;
    if (cur.pos > start) pushLit(parts, src.slice(start, cur.pos), quoted);
    if (cur.pos >= src.length) {
      if (mode === 'dq') syntax('unterminated quoted string');
      if (mode === 'brace' || mode === 'brace-dq') syntax('Missing \'}\'');
      return parts;
    }
    const c = src[cur.pos]!;
    if (mode === 'word' && META.has(c)) return parts;
    if (c === '}' && (mode === 'brace' || mode === 'brace-dq')) {
      cur.pos++;
      return parts;
    }
    if (c === '"') {
      if (mode === 'dq' || mode === 'brace-dq') {
        if (mode === 'dq') {
          cur.pos++;
          return parts;
        }
        // "${x:-"a"}": inner quotes only group, they add no quoting of their own.
        cur.pos++;
        continue;
      }
      cur.pos++;
      const inner = scanParts(cur, 'dq');
      if (inner.length === 0) pushLit(parts, '', true);
      for (const p of inner) {
        if (p.t === 'lit') pushLit(parts, p.v, true);
        else parts.push(p);
      }
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", cur.pos + 1);
      if (end < 0) syntax('unterminated quoted string');
      pushLit(parts, src.slice(cur.pos + 1, end), true);
      cur.pos = end + 1;
      continue;
    }
    if (c === '\\') {
      scanBackslash(cur, parts, mode);
      continue;
    }
    if (c === '`') {
      parts.push({ t: 'cmd', body: scanBackquote(cur), q: quoted });
      continue;
    }
    // c === '$'
    scanDollar(cur, parts, quoted, mode);
  }
}

function scanBackslash(cur: Cursor, parts: WordPart[], mode: WordMode): void {
  const src = cur.src;
  const next = src[cur.pos + 1];
  if (next === undefined) {
    pushLit(parts, '\\', mode !== 'word');
    cur.pos++;
    return;
  }
  cur.pos += 2;
  if (next === '\n') return; // line continuation
  if (mode === 'word' || mode === 'brace') {
    pushLit(parts, next, true);
    return;
  }
  const escapable = next === '$' || next === '`' || next === '\\' || (next === '"' && mode !== 'heredoc') || (next === '}' && mode === 'brace-dq');
  pushLit(parts, escapable ? next : `\\${next}`, true);
}

/** Backquoted command: `\$ \` \\` lose their backslash, then the text is parsed as a script. */
function scanBackquote(cur: Cursor): Program {
  const src = cur.src;
  let text = '';
  let i = cur.pos + 1;
  for (;;) {
    const c = src[i];
    if (c === undefined) syntax('EOF in backquote substitution');
    if (c === '`') break;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === '$' || n === '`' || n === '\\') {
        text += n;
        i += 2;
        continue;
      }
    }
    text += c;
    i++;
  }
  cur.pos = i + 1;
  return cur.hooks.nested(text);
}

function scanName(src: string, pos: number): number {
  if (!NAME_START.test(src[pos] ?? '')) return pos;
  let i = pos + 1;
  while (i < src.length && NAME_CHAR.test(src[i]!)) i++;
  return i;
}

function scanDollar(cur: Cursor, parts: WordPart[], q: boolean, mode: WordMode): void {
  const src = cur.src;
  const next = src[cur.pos + 1];
  if (next === '(') {
    if (src[cur.pos + 2] === '(') {
      parts.push(scanArith(cur, q));
      return;
    }
    const { program, end } = cur.hooks.substitution(src, cur.pos + 2);
    cur.pos = end;
    parts.push({ t: 'cmd', body: program, q });
    return;
  }
  if (next === '{') {
    cur.pos += 2;
    parts.push(scanBraceParam(cur, q));
    return;
  }
  if (next === "'" && mode === 'word') syntax(`"$'" unexpected: $'...' is not POSIX sh`);
  if (next !== undefined && (SPECIAL_PARAMS.has(next) || /[1-9]/.test(next))) {
    cur.pos += 2;
    parts.push({ t: 'param', name: next, op: '', colon: false, arg: undefined, q });
    return;
  }
  const end = scanName(src, cur.pos + 1);
  if (end === cur.pos + 1) {
    pushLit(parts, '$', q);
    cur.pos++;
    return;
  }
  parts.push({ t: 'param', name: src.slice(cur.pos + 1, end), op: '', colon: false, arg: undefined, q });
  cur.pos = end;
}

function scanBraceParam(cur: Cursor, q: boolean): WordPart {
  const src = cur.src;
  let length = false;
  if (src[cur.pos] === '#' && src[cur.pos + 1] !== '}') {
    length = true;
    cur.pos++;
  }
  let name: string;
  const c = src[cur.pos] ?? '';
  if (NAME_START.test(c)) {
    const end = scanName(src, cur.pos);
    name = src.slice(cur.pos, end);
    cur.pos = end;
  } else if (/[0-9]/.test(c)) {
    let end = cur.pos;
    while (/[0-9]/.test(src[end] ?? '')) end++;
    name = String(Number(src.slice(cur.pos, end)));
    cur.pos = end;
  } else if (SPECIAL_PARAMS.has(c)) {
    name = c;
    cur.pos++;
  } else {
    syntax('Bad substitution');
  }
  if (length) {
    if (src[cur.pos] !== '}') syntax('Bad substitution');
    cur.pos++;
    return { t: 'len', name, q };
  }
  if (src[cur.pos] === '}') {
    cur.pos++;
    return { t: 'param', name, op: '', colon: false, arg: undefined, q };
  }
  let colon = false;
  if (src[cur.pos] === ':') {
    colon = true;
    cur.pos++;
  }
  const o = src[cur.pos] ?? '';
  let op: ParamOp;
  if (o === '-' || o === '=' || o === '+' || o === '?') {
    op = o;
    cur.pos++;
  } else if (!colon && (o === '%' || o === '#')) {
    const doubled = src[cur.pos + 1] === o;
    op = (doubled ? o + o : o) as ParamOp;
    cur.pos += doubled ? 2 : 1;
  } else {
    syntax('Bad substitution');
  }
  // POSIX XCU 2.6.2: enclosing the whole expansion in double quotes does not
  // quote the pattern of ${x%pat} ${x%%pat} ${x#pat} ${x##pat} ("${p%/*}" is
  // the dirname); only quotes inside the braces do.
  const pattern = op === '%' || op === '%%' || op === '#' || op === '##';
  const arg: Word = { parts: scanParts(cur, q && !pattern ? 'brace-dq' : 'brace') };
  return { t: 'param', name, op, colon, arg, q };
}

/** `$((expr))`: the expression is expanded like a here-document, then evaluated. */
function scanArith(cur: Cursor, q: boolean): WordPart {
  const src = cur.src;
  let depth = 0;
  let i = cur.pos + 3;
  const start = i;
  for (;; i++) {
    const c = src[i];
    if (c === undefined) syntax('end of file unexpected (expecting "))")');
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) {
        if (src[i + 1] !== ')') syntax('")" unexpected (expecting "))")');
        break;
      }
      depth--;
    }
  }
  const text = src.slice(start, i);
  cur.pos = i + 2;
  return { t: 'arith', expr: scanHeredocText(cur, text), q };
}

/** Expandable text that is not a word: here-document bodies and arithmetic. */
export function scanHeredocText(cur: Cursor, text: string): Word {
  return { parts: scanParts({ src: text, pos: 0, hooks: cur.hooks }, 'heredoc') };
}
