/**
 * find(1)'s expression (usr.bin/find: option.c, operator.c, function.c):
 * primaries -name, -path, -type, -perm, -user, -group, -print, -maxdepth,
 * -mindepth; operators `( )`, `!`/-not, -a/-and (or two expressions side by
 * side), -o/-or, by that precedence. Without -print the whole expression
 * is `( expression ) -print` (find.c: "if no action, add -print").
 */
import { matchPattern } from '../../shell/pattern.js';
import type { SimCommandContext, SimNode } from '../../types.js';
import { groupId, userId } from './ids.js';

export interface Entry {
  shown: string;
  base: string;
  node: SimNode;
}

type Expr =
  | { op: 'and' | 'or'; l: Expr; r: Expr }
  | { op: 'not'; e: Expr }
  | { op: 'test'; test: (e: Entry) => boolean }
  | { op: 'print' };

export interface FindExpr {
  expr: Expr | undefined;
  maxdepth: number;
  mindepth: number;
}

const TRUE: Expr = { op: 'test', test: () => true };

function kindLetter(node: SimNode): string {
  return node.kind === 'dir' ? 'd' : node.kind === 'link' ? 'l' : 'f';
}

/**
 * -perm MODE: the permission bits (07777) exactly; -MODE: at least those
 * bits; +MODE: any of them (find(1), function.c f_perm). Octal modes only.
 */
function permTest(arg: string): ((e: Entry) => boolean) | undefined {
  const m = /^([-+]?)([0-7]{1,4})$/.exec(arg);
  if (!m) return undefined;
  const want = parseInt(m[2]!, 8);
  if (m[1] === '-') return (e) => (e.node.mode & want) === want;
  if (m[1] === '+') return (e) => (e.node.mode & want) !== 0;
  return (e) => (e.node.mode & 0o7777) === want;
}

/** Parse the expression tokens; a string is find's error message. */
export function parseFindExpr(ctx: SimCommandContext, tokens: string[]): FindExpr | string {
  const out: FindExpr = { expr: undefined, maxdepth: Infinity, mindepth: 0 };
  let i = 0;
  let printed = false;
  const need = (p: string): string => {
    const v = tokens[i++];
    if (v === undefined) throw new Error(`find: ${p}: requires additional arguments\n`);
    return v;
  };

  const primary = (): Expr => {
    const t = tokens[i++]!;
    switch (t) {
      case '(': {
        const e = orExpr();
        if (tokens[i++] !== ')') throw new Error('find: (: missing closing \')\'\n');
        return e;
      }
      case '!':
      case '-not':
        return { op: 'not', e: primary() };
      case '-name': {
        const pat = need(t);
        return { op: 'test', test: (e) => matchPattern(pat, e.base) };
      }
      case '-path': {
        const pat = need(t);
        return { op: 'test', test: (e) => matchPattern(pat, e.shown) };
      }
      case '-type': {
        const k = need(t);
        return { op: 'test', test: (e) => kindLetter(e.node) === k };
      }
      case '-perm': {
        const arg = need(t);
        const test = permTest(arg);
        if (!test) throw new Error(`find: -perm: ${arg}: illegal mode string\n`);
        return { op: 'test', test };
      }
      case '-user': {
        const name = need(t);
        const uid = userId(ctx, name);
        if (uid === undefined) throw new Error(`find: -user: ${name}: no such user\n`);
        return { op: 'test', test: (e) => e.node.uid === uid };
      }
      case '-group': {
        const name = need(t);
        const gid = groupId(ctx, name);
        if (gid === undefined) throw new Error(`find: -group: ${name}: no such group\n`);
        return { op: 'test', test: (e) => e.node.gid === gid };
      }
      case '-maxdepth':
        out.maxdepth = Number(need(t));
        return TRUE;
      case '-mindepth':
        out.mindepth = Number(need(t));
        return TRUE;
      case '-print':
        printed = true;
        return { op: 'print' };
      default:
        throw new Error(`find: ${t}: unknown primary or operator\n`);
    }
  };
  const andExpr = (): Expr => {
    let e = primary();
    while (i < tokens.length && tokens[i] !== ')' && tokens[i] !== '-o' && tokens[i] !== '-or') {
      if (tokens[i] === '-a' || tokens[i] === '-and') i++;
      e = { op: 'and', l: e, r: primary() };
    }
    return e;
  };
  const orExpr = (): Expr => {
    let e = andExpr();
    while (tokens[i] === '-o' || tokens[i] === '-or') {
      i++;
      e = { op: 'or', l: e, r: andExpr() };
    }
    return e;
  };

  try {
    if (tokens.length === 0) return { ...out, expr: { op: 'print' } };
    const e = orExpr();
    if (i < tokens.length) throw new Error(`find: ${tokens[i]!}: unknown primary or operator\n`);
    out.expr = printed ? e : { op: 'and', l: e, r: { op: 'print' } };
    return out;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Evaluate for one entry, printing into `out` where -print is reached. */
export function evalFindExpr(e: Expr, entry: Entry, out: string[]): boolean {
  switch (e.op) {
    case 'and':
      return evalFindExpr(e.l, entry, out) && evalFindExpr(e.r, entry, out);
    case 'or':
      return evalFindExpr(e.l, entry, out) || evalFindExpr(e.r, entry, out);
    case 'not':
      return !evalFindExpr(e.e, entry, out);
    case 'test':
      return e.test(entry);
    case 'print':
      out.push(entry.shown);
      return true;
  }
}
