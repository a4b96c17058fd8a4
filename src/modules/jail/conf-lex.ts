/**
 * jail.conf(5) tokens, as usr.sbin/jail/jaillex.l reads them: comments in
 * C, C++ and shell style; `+=` and `, ; = { }`; strings made of adjacent
 * pieces (bare tokens, '…' and "…" strings, $variables) with nothing
 * between them, so `"/usr/jails/"$name` is one string. Variables are kept
 * as parts: they are resolved per jail (conf-jails.ts).
 */
export type Part = { text: string } | { variable: string };

export type Token =
  | { kind: 'word'; parts: Part[]; line: number }
  | { kind: 'punct'; value: ',' | ';' | '=' | '{' | '}' | '+='; line: number };

export class ConfSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** jaillex.l's atomic (unquoted) characters. */
const BARE = /[A-Za-z0-9_!%&()\-.:<>?@[\]^`|~]/;
const SINGLE = /'((?:[^'\\]|\\[\s\S])*)'/y;
const DOUBLE = /"((?:[^"\\]|\\[\s\S])*)"/y;
const BRACED = /\$\{((?:[^\n{}\\]|\\[\s\S])*)\}/y;
const NAMED = /\$([A-Za-z_][A-Za-z_0-9]*)/y;
/** Inside "…": `${name}`, an unclosed `${`, `$name`, an escape, a lone `$`, other text. */
const IN_DOUBLE = /\$\{((?:[^\n{}\\]|\\[\s\S])*)\}|\$\{|\$([A-Za-z_][A-Za-z_0-9]*)|\\[\s\S]|\$|[^\\$]+/g;

/** One backslash escape at text[i] (the backslash), as text2lval() decodes it: [value, length]. */
function escape(text: string, i: number): [string, number] {
  const next = text[i + 1];
  if (next === undefined) return ['', 1];
  const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8) & 0xff), 1 + octal[0].length];
  if (next === 'x') {
    const hex = /^[0-9A-Fa-f]{1,2}/.exec(text.slice(i + 2, i + 4));
    return hex ? [String.fromCharCode(parseInt(hex[0], 16)), 2 + hex[0].length] : ['\0', 2];
  }
  if (next === '\n') return ['', 2];
  const named: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  return [named[next] ?? next, 2];
}

export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  /** The word being built while pieces touch, as jaillex.l's `instr`. */
  let word: Extract<Token, { kind: 'word' }> | undefined;
  const piece = (part: Part) => {
    if (!word) {
      word = { kind: 'word', parts: [], line };
      tokens.push(word);
    }
    const last = word.parts.at(-1);
    if (last && 'text' in last && 'text' in part) last.text += part.text;
    else word.parts.push(part);
  };
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (text[k] === '\n') line += 1;
    i = to;
  };
  const unterminated = (what: string): never => {
    throw new ConfSyntaxError(line, `unterminated ${what}`);
  };

  while (i < text.length) {
    const c = text[i]!;
    const two = text.slice(i, i + 2);
    if (/[ \t\r\n]/.test(c) || c === '#' || two === '//' || two === '/*') {
      word = undefined;
      if (c === '#' || two === '//') advance(text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i));
      else if (two === '/*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) unterminated('comment');
        advance(end + 2);
      } else advance(i + 1);
      continue;
    }
    if (two === '+=' || /[,;={}]/.test(c)) {
      word = undefined;
      tokens.push({ kind: 'punct', value: (two === '+=' ? '+=' : c) as ',' | ';' | '=' | '{' | '}' | '+=', line });
      advance(i + (two === '+=' ? 2 : 1));
      continue;
    }
    const at = (re: RegExp) => {
      re.lastIndex = i;
      return re.exec(text);
    };
    if (c === "'" || c === '"') {
      const m = at(c === "'" ? SINGLE : DOUBLE) ?? unterminated('string');
      if (c === "'") piece({ text: decode(m[1]!) });
      else doubleQuoted(m[1]!, piece, () => unterminated('variable'));
      advance(i + m[0].length);
      continue;
    }
    if (c === '$') {
      const m = at(BRACED) ?? at(NAMED);
      if (!m && text[i + 1] === '{') unterminated('variable');
      // A `$` before anything else is itself.
      piece(m ? { variable: m[0][1] === '{' ? decode(m[1]!) : m[1]! } : { text: '$' });
      advance(i + (m ? m[0].length : 1));
      continue;
    }
    if (c === '\\') {
      const [value, length] = escape(text, i);
      piece({ text: value });
      advance(i + length);
      continue;
    }
    if (BARE.test(c) || '*+/'.includes(c)) {
      let j = i + 1;
      if (BARE.test(c)) while (j < text.length && BARE.test(text[j]!)) j += 1;
      piece({ text: text.slice(i, j) });
      advance(j);
      continue;
    }
    throw new ConfSyntaxError(line, `unexpected character ${JSON.stringify(c)}`);
  }
  return tokens;
}

/** Escapes decoded, as text2lval() copies a token. */
function decode(raw: string): string {
  let out = '';
  for (let k = 0; k < raw.length; ) {
    if (raw[k] !== '\\') {
      out += raw[k];
      k += 1;
      continue;
    }
    const [value, length] = escape(raw, k);
    out += value;
    k += length;
  }
  return out;
}

/** The inside of a "…" string: its text, with `$name` and `${name}` as variables (a lone `$` is itself). */
function doubleQuoted(body: string, piece: (p: Part) => void, unterminated: () => never): void {
  for (const [m, braced, named] of body.matchAll(IN_DOUBLE)) {
    if (braced !== undefined) piece({ variable: decode(braced) });
    else if (named !== undefined) piece({ variable: named });
    else if (m === '${') unterminated();
    else piece({ text: decode(m) });
  }
  // An empty string is still a piece: `exec.start = '';` has a value.
  piece({ text: '' });
}
