/**
 * $((...)) evaluation: C integer arithmetic on the already-expanded text,
 * with variable names read (and assigned) through the callbacks.
 */
import { ExpansionError } from './errors.js';

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { k: 'num'; v: number } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = ['<<=', '>>=', '&&', '||', '==', '!=', '<=', '>=', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '?', ':', '(', ')'];

function fail(expr: string, msg = 'syntax error'): never {
  throw new ExpansionError(`arithmetic expression: ${msg}: "${expr}"`);
}

function tokenize(expr: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(expr.slice(i));
    if (num) {
      const s = num[0];
      const v = /^0[xX]/.test(s) ? parseInt(s, 16) : s.length > 1 && s.startsWith('0') ? parseInt(s, 8) : parseInt(s, 10);
      if (Number.isNaN(v)) fail(expr);
      toks.push({ k: 'num', v });
      i += s.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    if (name) {
      toks.push({ k: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (!op) fail(expr);
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  return toks;
}

const BINARY: Array<string[]> = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

export function evalArith(expr: string, vars: ArithVars): number {
  const toks = tokenize(expr);
  let i = 0;
  const peek = (): Tok | undefined => toks[i];
  const isOp = (v: string): boolean => {
    const t = toks[i];
    return t?.k === 'op' && t.v === v;
  };

  const toInt = (s: string | undefined): number => {
    if (s === undefined || s.trim() === '') return 0;
    const t = s.trim();
    if (/^-?[0-9]+$/.test(t)) return parseInt(t, 10);
    if (/^-?0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
    return evalArith(t, vars);
  };

  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/':
      case '%':
        if (b === 0) fail(expr, 'division by zero');
        return op === '/' ? Math.trunc(a / b) : a % b;
      case '<<': return a << b;
      case '>>': return a >> b;
      case '<': return a < b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '&&': return a && b ? 1 : 0;
      case '||': return a || b ? 1 : 0;
    }
    return fail(expr);
  };

  const primary = (): number => {
    const t = peek();
    if (!t) fail(expr);
    i++;
    if (t.k === 'num') return t.v;
    if (t.k === 'name') {
      const n = peek();
      if (n?.k === 'op' && (n.v === '=' || (n.v.length >= 2 && n.v.endsWith('=') && !['==', '!=', '<=', '>='].includes(n.v)))) {
        i++;
        const rhs = assignment();
        const value = n.v === '=' ? rhs : apply(n.v.slice(0, -1), toInt(vars.get(t.v)), rhs);
        vars.set(t.v, String(value));
        return value;
      }
      return toInt(vars.get(t.v));
    }
    switch (t.v) {
      case '(': {
        const v = assignment();
        if (!isOp(')')) fail(expr);
        i++;
        return v;
      }
      case '-': return -primary();
      case '+': return primary();
      case '!': return primary() ? 0 : 1;
      case '~': return ~primary();
    }
    return fail(expr);
  };

  const binary = (level: number): number => {
    if (level >= BINARY.length) return primary();
    let left = binary(level + 1);
    for (;;) {
      const t = peek();
      if (t?.k !== 'op' || !BINARY[level]!.includes(t.v)) return left;
      i++;
      left = apply(t.v, left, binary(level + 1));
    }
  };

  const ternary = (): number => {
    const cond = binary(0);
    if (!isOp('?')) return cond;
    i++;
    const a = assignment();
    if (!isOp(':')) fail(expr);
    i++;
    const b = assignment();
    return cond ? a : b;
  };

  const assignment = (): number => ternary();

  if (toks.length === 0) return 0;
  const v = assignment();
  if (i < toks.length) fail(expr);
  return v;
}
