/**
 * jail.conf(5) statements, as usr.sbin/jail/jailparse.y groups the tokens:
 * `name { param; ... }` jail definitions (nested ones name `parent.child`),
 * parameters outside any definition, and `.include "glob";`. A parameter
 * is `name;`, `name = v, v;`, `name += v;` or `name v;`; `$name = v;`
 * defines a variable.
 */
import { ConfSyntaxError, lex, type Part, type Token } from './conf-lex.js';

export interface Param {
  name: string;
  /** `$name = ...`: only for substitution. */
  variable: boolean;
  /** `+=`: appended to the values already set. */
  append: boolean;
  values: Part[][];
  line: number;
}

export type Statement = { kind: 'jail'; name: string; params: Param[]; line: number } | { kind: 'param'; param: Param } | { kind: 'include'; pattern: string; line: number };

const text = (parts: Part[]): string | undefined => (parts.every((p) => 'text' in p) ? parts.map((p) => (p as { text: string }).text).join('') : undefined);

export function parseConf(source: string): Statement[] {
  const tokens = lex(source);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const fail = (t: Token | undefined, expected: string): never => {
    const found = !t ? 'end of file' : t.kind === 'punct' ? `"${t.value}"` : 'a string';
    throw new ConfSyntaxError(t?.line ?? tokens.at(-1)?.line ?? 1, `expected ${expected}, found ${found}`);
  };
  const isPunct = (t: Token | undefined, v: string) => t?.kind === 'punct' && t.value === v;

  function value(): Part[][] {
    const values: Part[][] = [];
    for (;;) {
      const t = peek();
      if (t?.kind !== 'word') return fail(t, 'a value');
      values.push(t.parts);
      i += 1;
      if (!isPunct(peek(), ',')) return values;
      i += 1;
    }
  }

  /** A parameter whose name token was just read; ends at its `;`. */
  function param(name: Extract<Token, { kind: 'word' }>): Param {
    const only = name.parts.length === 1 ? name.parts[0]! : undefined;
    const variable = only !== undefined && 'variable' in only;
    const plain = text(name.parts);
    if (!variable && plain === undefined) throw new ConfSyntaxError(name.line, 'a parameter name cannot hold a variable');
    const p: Param = { name: variable ? (only as { variable: string }).variable : plain!, variable, append: false, values: [], line: name.line };
    const t = peek();
    if (isPunct(t, '=') || isPunct(t, '+=')) {
      p.append = isPunct(t, '+=');
      i += 1;
      p.values = value();
    } else if (t?.kind === 'word') p.values = value();
    if (!isPunct(peek(), ';')) fail(peek(), '";"');
    i += 1;
    return p;
  }

  /** Statements up to `}` (inside a jail) or the end of the file. */
  function statements(prefix: string | undefined, opened = 0): Statement[] {
    const out: Statement[] = [];
    const params: Param[] = [];
    for (;;) {
      const t = peek();
      if (!t) {
        if (prefix !== undefined) fail(t, '"}"');
        return out;
      }
      if (isPunct(t, '}') && prefix !== undefined) {
        i += 1;
        return [{ kind: 'jail', name: prefix, params, line: opened }, ...out];
      }
      if (isPunct(t, ';')) {
        i += 1;
        continue;
      }
      if (t.kind !== 'word') return fail(t, 'a jail name or a parameter');
      i += 1;
      if (isPunct(peek(), '{')) {
        const name = text(t.parts);
        if (name === undefined) throw new ConfSyntaxError(t.line, 'a jail name cannot hold a variable');
        i += 1;
        out.push(...statements(prefix === undefined ? name : `${prefix}.${name}`, t.line));
        continue;
      }
      const p = param(t);
      if (p.name === '.include' && !p.variable) out.push(include(p));
      else if (prefix === undefined) out.push({ kind: 'param', param: p });
      else params.push(p);
    }
  }

  return statements(undefined);
}

function include(p: Param): Statement {
  const pattern = p.values.length === 1 ? text(p.values[0]!) : undefined;
  if (pattern === undefined) throw new ConfSyntaxError(p.line, '.include takes one file name, without variables');
  return { kind: 'include', pattern, line: p.line };
}
