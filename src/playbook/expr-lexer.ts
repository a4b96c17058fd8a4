/**
 * Tokens of the Jinja-like expression language used in `{{ }}` and `when:`.
 * Only data and a fixed set of filters and tests: there is no call syntax
 * outside filters, so nothing written in YAML can run code.
 */
import { TemplateError } from './template-error.js';

export type Token =
  | { kind: 'name'; value: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'op'; value: string; at: number }
  | { kind: 'end'; at: number };

/** Longest first: "==" before "=" (which only names a keyword argument, `sort(reverse=true)`). */
const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '(', ')', '[', ']', '{', '}', ':', ',', '.', '|', '-', '='];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const [value, next] = readString(src, i);
      tokens.push({ kind: 'string', value, at: i });
      i = next;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      tokens.push({ kind: 'number', value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      tokens.push({ kind: 'name', value: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new TemplateError(`unexpected character "${c}" in expression "${src.trim()}"`);
    tokens.push({ kind: 'op', value: op, at: i });
    i += op.length;
  }
  tokens.push({ kind: 'end', at: src.length });
  return tokens;
}

function readString(src: string, start: number): [string, number] {
  const quote = src.charAt(start);
  let out = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src.charAt(i);
    if (c === quote) return [out, i + 1];
    if (c === '\\' && i + 1 < src.length) {
      const e = src.charAt(++i);
      out += ESCAPES[e] ?? `\\${e}`;
      continue;
    }
    out += c;
  }
  throw new TemplateError(`unterminated string in expression "${src.trim()}"`);
}
