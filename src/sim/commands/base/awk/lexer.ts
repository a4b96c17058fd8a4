/**
 * awk tokens, after contrib/one-true-awk/lex.c: keywords and builtins by
 * name, `name(` is a function call only with no space before the paren, and
 * `/` starts a regular expression wherever an operand may begin.
 */

export type TokType = 'num' | 'str' | 'ere' | 'name' | 'funcname' | 'builtin' | 'kw' | 'nl' | 'eof' | 'op';

export interface Token {
  t: TokType;
  /** The keyword, name, operator, or decoded string / regex source. */
  v: string;
  num: number;
  start: number;
  end: number;
  /**
   * lex.c read the character after this token and pushed it back (names,
   * numbers, operators that look for a second character): what eprint()
   * shows after the `<<<` marker of a syntax error (lib.c).
   */
  peeked: boolean;
}

export const KEYWORDS = new Set([
  'BEGIN', 'END', 'break', 'continue', 'delete', 'do', 'else', 'exit', 'for', 'func', 'function', 'getline', 'if', 'in',
  'next', 'nextfile', 'print', 'printf', 'return', 'while',
]);

export const BUILTINS = new Set([
  'atan2', 'close', 'cos', 'exp', 'fflush', 'gsub', 'index', 'int', 'length', 'log', 'match', 'rand', 'sin', 'split',
  'sprintf', 'sqrt', 'srand', 'sub', 'substr', 'system', 'tolower', 'toupper',
]);

/** Operators lex.c reads one character past (peek) when no longer operator follows. */
const PEEKING = new Set(['+', '-', '*', '%', '^', '<', '>', '=', '!', '&', '|']);
const TWO = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~'];
const NUMBER = /(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '/': '/', n: '\n', t: '\t', f: '\f', r: '\r', b: '\b', v: '\v', a: '\x07', '\\': '\\' };

export class LexError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** String escapes of lex.c string(): C escapes, octal, hex; unknown ones keep their backslash. */
export function unescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    if (ESCAPES[n] !== undefined) out += ESCAPES[n];
    else if (/[0-7]/.test(n)) {
      let digits = n;
      while (digits.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) digits += s[++i];
      out += String.fromCharCode(parseInt(digits, 8));
    } else if (n === 'x' && /[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
      let digits = '';
      while (digits.length < 2 && /[0-9a-fA-F]/.test(s[i + 1] ?? '')) digits += s[++i];
      out += String.fromCharCode(parseInt(digits, 16));
    } else out += `\\${n}`;
  }
  return out;
}

/** Whether a `/` after this token divides (it ends an operand) rather than opening a regex. */
function endsOperand(prev: Token | undefined): boolean {
  if (!prev) return false;
  if (prev.t === 'num' || prev.t === 'str' || prev.t === 'name' || prev.t === 'ere') return true;
  if (prev.t === 'builtin') return prev.v === 'length';
  return prev.t === 'op' && (prev.v === ')' || prev.v === ']' || prev.v === '$' || prev.v === '++' || prev.v === '--');
}

export function tokenize(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  const push = (t: TokType, v: string, start: number, peeked: boolean, num = 0): void => {
    toks.push({ t, v, num, start, end: i, peeked });
  };
  while (i < src.length) {
    const c = src[i]!;
    const start = i;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      i++;
      push('nl', '\n', start, false);
      continue;
    }
    if (c === '"') {
      i++;
      let raw = '';
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\n') throw new LexError(`non-terminated string ${raw.slice(0, 10)}...`, i);
        if (src[i] === '\\' && i + 1 < src.length) raw += src[i++];
        raw += src[i++];
      }
      if (i >= src.length) throw new LexError(`non-terminated string ${raw.slice(0, 10)}...`, i);
      i++;
      push('str', unescape(raw), start, false);
      continue;
    }
    if (c === '/' && !endsOperand(toks[toks.length - 1])) {
      i++;
      let raw = '';
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\n') throw new LexError(`newline in regular expression ${raw.slice(0, 10)}...`, i);
        if (src[i] === '\\' && i + 1 < src.length) raw += src[i++];
        raw += src[i++];
      }
      if (i >= src.length) throw new LexError(`non-terminated regular expression ${raw.slice(0, 10)}...`, i);
      i++;
      push('ere', raw, start, false);
      continue;
    }
    NUMBER.lastIndex = i;
    const num = /[0-9.]/.test(c) ? NUMBER.exec(src) : null;
    if (num) {
      i += num[0].length;
      push('num', num[0], start, i < src.length, Number(num[0]));
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(src);
    if (name) {
      i += name[0].length;
      const w = name[0];
      const t: TokType = KEYWORDS.has(w) ? 'kw' : BUILTINS.has(w) ? 'builtin' : src[i] === '(' ? 'funcname' : 'name';
      push(t, w, start, i < src.length);
      continue;
    }
    if (src.startsWith('**=', i)) {
      i += 3;
      push('op', '^=', start, false);
      continue;
    }
    if (src.startsWith('**', i)) {
      i += 2;
      push('op', '^', start, i < src.length);
      continue;
    }
    const two = src.slice(i, i + 2);
    if (TWO.includes(two) && !(two === '/=' && !endsOperand(toks[toks.length - 1]))) {
      i += 2;
      push('op', two, start, false);
      continue;
    }
    i++;
    push('op', c, start, PEEKING.has(c) && i < src.length);
  }
  toks.push({ t: 'eof', v: '', num: 0, start: src.length, end: src.length, peeked: false });
  return toks;
}
