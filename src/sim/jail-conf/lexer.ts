/**
 * jail.conf(5) tokenizer, modelled on usr.sbin/jail/jaillex.l: adjacent
 * string pieces with no whitespace between them form one string (the lexer's
 * `instr` flag), double-quoted text is split at `$var` references, and a
 * comment may start wherever a token may.
 */

export interface VarRef {
  name: string;
  /** Offset in the string's text where the variable's value goes. */
  pos: number;
}

export type Token =
  | { kind: 'str'; text: string; vars: VarRef[]; cont: boolean; raw: string; line: number }
  | { kind: 'var'; name: string; cont: boolean; raw: string; line: number }
  | { kind: 'punct'; text: '{' | '}' | ';' | '=' | ',' | '+='; raw: string; line: number };

export interface LexResult {
  tokens: Token[];
  /** First lexical error, already worded as jail(8) prints it (without "jail: "). */
  error?: string;
}

const BARE = /[A-Za-z0-9_!%&()\-.:<>?@[\]^`|~]/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z_0-9]/;
const ESCAPE = /^\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|[\s\S])/;

/** text2lval's escape handling: C escapes, octal, hex, backslash-newline vanishes. */
export function unescape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    i++;
    const e = text[i];
    if (e === undefined) break;
    if (e >= '0' && e <= '7') {
      let v = Number(e);
      for (let k = 0; k < 2 && /[0-7]/.test(text[i + 1] ?? ''); k++) v = v * 8 + Number(text[++i]);
      out += String.fromCharCode(v & 0xff);
      continue;
    }
    if (e === 'x') {
      let hex = '';
      while (hex.length < 2 && /[0-9A-Fa-f]/.test(text[i + 1] ?? '')) hex += text[++i];
      out += String.fromCharCode(hex ? parseInt(hex, 16) : 0);
      continue;
    }
    const map: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };
    out += map[e] ?? e;
  }
  return out;
}

export function lex(src: string, cfname: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let instr = false;
  const fail = (what: string): LexResult => ({ tokens, error: `${cfname} line ${line}: ${what}` });
  const countLines = (s: string): void => {
    for (const ch of s) if (ch === '\n') line++;
  };
  const pushStr = (text: string, raw: string, vars: VarRef[] = []): void => {
    tokens.push({ kind: 'str', text, vars, cont: instr, raw, line });
    instr = true;
  };

  while (i < src.length) {
    const c = src[i]!;
    const rest = src.slice(i);
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (c === '\n') line++;
      i++;
      instr = false;
      continue;
    }
    if (c === '#' || rest.startsWith('//')) {
      const end = src.indexOf('\n', i);
      i = end < 0 ? src.length : end;
      instr = false;
      continue;
    }
    if (rest.startsWith('/*')) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) return fail('unterminated comment');
      countLines(src.slice(i, end + 2));
      i = end + 2;
      instr = false;
      continue;
    }
    if (rest.startsWith('+=')) {
      tokens.push({ kind: 'punct', text: '+=', raw: '+=', line });
      i += 2;
      instr = false;
      continue;
    }
    if (c === ',' || c === ';' || c === '=' || c === '{' || c === '}') {
      tokens.push({ kind: 'punct', text: c, raw: c, line });
      i++;
      instr = false;
      continue;
    }
    if (BARE.test(c)) {
      let j = i;
      while (j < src.length && BARE.test(src[j]!)) j++;
      pushStr(src.slice(i, j), src.slice(i, j));
      i = j;
      continue;
    }
    if (c === '$') {
      const v = readVar(src, i, false);
      if (v === 'unterminated') return fail('unterminated variable');
      if (v) {
        tokens.push({ kind: 'var', name: v.name, cont: instr, raw: src.slice(i, v.end), line });
        instr = true;
        countLines(src.slice(i, v.end));
        i = v.end;
        continue;
      }
      pushStr('$', '$');
      i++;
      continue;
    }
    if (c === '\\') {
      const m = ESCAPE.exec(rest);
      if (!m) {
        pushStr('\\', '\\');
        i++;
        continue;
      }
      pushStr(unescape(m[0]), m[0]);
      countLines(m[0]);
      i += m[0].length;
      continue;
    }
    if (c === '*' || c === '+' || c === '/') {
      pushStr(c, c);
      i++;
      continue;
    }
    if (c === "'") {
      const end = findClose(src, i + 1, "'");
      if (end < 0) return fail('unterminated string');
      const raw = src.slice(i, end + 1);
      pushStr(unescape(raw.slice(1, -1)), raw);
      countLines(raw);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const end = findClose(src, i + 1, '"');
      if (end < 0) return fail('unterminated string');
      const raw = src.slice(i, end + 1);
      const dq = splitDoubleQuoted(raw.slice(1, -1));
      if (dq === 'unterminated') return fail('unterminated variable');
      pushStr(dq.text, raw, dq.vars);
      countLines(raw);
      i = end + 1;
      continue;
    }
    // Any other character is its own (invalid) token, as in the lexer's "." rule.
    tokens.push({ kind: 'punct', text: c as ';', raw: c, line });
    i++;
    instr = false;
  }
  return { tokens };
}

/** Index of the closing quote, skipping backslash escapes; -1 if the string is unterminated. */
function findClose(src: string, from: number, quote: string): number {
  for (let j = from; j < src.length; j++) {
    const ch = src[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    if (ch === quote) return j;
  }
  return -1;
}

function readVar(src: string, i: number, inDq: boolean): { name: string; end: number } | 'unterminated' | undefined {
  const next = src[i + 1];
  if (next === '{') {
    let j = i + 2;
    let name = '';
    while (j < src.length) {
      const ch = src[j]!;
      if (ch === '}') return { name: unescape(name), end: j + 1 };
      if (ch === '\n' || ch === '{' || (inDq && ch === '"')) return 'unterminated';
      if (ch === '\\') {
        name += ch + (src[j + 1] ?? '');
        j += 2;
        continue;
      }
      name += ch;
      j++;
    }
    return 'unterminated';
  }
  if (next !== undefined && NAME_START.test(next)) {
    let j = i + 2;
    while (j < src.length && NAME_CHAR.test(src[j]!)) j++;
    return { name: src.slice(i + 1, j), end: j };
  }
  return undefined;
}

/** Text of a double-quoted string with its variable references cut out. */
function splitDoubleQuoted(body: string): { text: string; vars: VarRef[] } | 'unterminated' {
  let text = '';
  const vars: VarRef[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '\\') {
      const esc = ESCAPE.exec(body.slice(i))?.[0] ?? '\\';
      text += unescape(esc);
      i += esc.length;
      continue;
    }
    if (c === '$') {
      const v = readVar(body, i, true);
      if (v === 'unterminated') return 'unterminated';
      if (v) {
        vars.push({ name: v.name, pos: text.length });
        i = v.end;
        continue;
      }
    }
    text += c;
    i++;
  }
  return { text, vars };
}
