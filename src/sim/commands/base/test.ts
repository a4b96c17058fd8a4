/**
 * test(1) and [: POSIX operators plus FreeBSD's `==` (bin/test/test.c lists
 * it in ops2 as STREQ; not POSIX, and dash rejects it), FreeBSD's messages
 * (exit 2 on a syntax error).
 */
import type { SimCommand, SimCommandContext, SimNode } from '../../types.js';
import { lstatOf, statOf } from './util.js';

class TestError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-L', '-h', '-s', '-r', '-w', '-x', '-n', '-z', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-t', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '<', '>']);

function int(s: string): number {
  const t = s.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) throw new TestError(`${s}: bad number`);
  return Number(t);
}

function fileTest(ctx: SimCommandContext, op: string, path: string): boolean {
  if (op === '-L' || op === '-h') return lstatOf(ctx, path)?.kind === 'link';
  if (op === '-t') return false;
  const node: SimNode | undefined = path === '' ? undefined : statOf(ctx, path);
  if (!node) return false;
  switch (op) {
    case '-e':
    case '-r':
    case '-w':
      return true;
    case '-f':
      return node.kind === 'file';
    case '-d':
      return node.kind === 'dir';
    case '-s':
      return node.kind === 'dir' || (node.kind === 'file' && node.content.length > 0);
    case '-x':
      return node.kind === 'dir' || (node.mode & 0o111) !== 0;
    case '-u':
      return (node.mode & 0o4000) !== 0;
    case '-g':
      return (node.mode & 0o2000) !== 0;
    case '-k':
      return (node.mode & 0o1000) !== 0;
    case '-O':
      return node.uid === 0;
    case '-G':
      return node.gid === 0;
    default:
      return false;
  }
}

function unary(ctx: SimCommandContext, op: string, arg: string): boolean {
  if (op === '-n') return arg.length > 0;
  if (op === '-z') return arg.length === 0;
  return fileTest(ctx, op, arg);
}

function binary(ctx: SimCommandContext, a: string, op: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return int(a) === int(b);
    case '-ne':
      return int(a) !== int(b);
    case '-lt':
      return int(a) < int(b);
    case '-le':
      return int(a) <= int(b);
    case '-gt':
      return int(a) > int(b);
    case '-ge':
      return int(a) >= int(b);
    case '-nt':
    case '-ot': {
      const x = statOf(ctx, a);
      const y = statOf(ctx, b);
      if (!x || !y) return op === '-nt' ? !!x && !y : !x && !!y;
      return op === '-nt' ? x.mtime > y.mtime : x.mtime < y.mtime;
    }
    case '-ef': {
      // bin/test/test.c equalf(): both stat(2) and have the same st_dev and st_ino: one node (fs.ts link).
      const x = statOf(ctx, a);
      return x !== undefined && x === statOf(ctx, b);
    }
  }
  return false;
}

/** Recursive descent: oexpr := aexpr [-o oexpr]; aexpr := nexpr [-a aexpr]; nexpr := ! nexpr | primary. */
function evaluate(ctx: SimCommandContext, args: string[]): boolean {
  let i = 0;
  const peek = (k = 0): string | undefined => args[i + k];

  const primary = (): boolean => {
    const t = peek();
    if (t === undefined) throw new TestError('argument expected');
    if (t === '(' && !(peek(1) !== undefined && BINARY.has(peek(1)!) && peek(2) !== undefined && args.length - i === 3)) {
      i++;
      const v = oexpr();
      if (peek() !== ')') throw new TestError('closing paren expected');
      i++;
      return v;
    }
    const next = peek(1);
    if (next !== undefined && BINARY.has(next) && peek(2) !== undefined) {
      i += 3;
      return binary(ctx, t, next, args[i - 1]!);
    }
    if (UNARY.has(t) && next !== undefined) {
      i += 2;
      return unary(ctx, t, next);
    }
    if (UNARY.has(t) && next === undefined && args.length > 1) throw new TestError('argument expected');
    i++;
    return t.length > 0;
  };
  const nexpr = (): boolean => {
    if (peek() === '!' && peek(1) !== undefined) {
      i++;
      return !nexpr();
    }
    return primary();
  };
  const aexpr = (): boolean => {
    const v = nexpr();
    if (peek() === '-a') {
      i++;
      return aexpr() && v;
    }
    return v;
  };
  const oexpr = (): boolean => {
    const v = aexpr();
    if (peek() === '-o') {
      i++;
      return oexpr() || v;
    }
    return v;
  };

  if (args.length === 0) return false;
  const v = oexpr();
  if (i < args.length) throw new TestError(`${args[i]}: unexpected operator`);
  return v;
}

export const test: SimCommand = (ctx) => {
  const name = ctx.argv[0]!.endsWith('[') ? '[' : 'test';
  let args = ctx.argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') return { stdout: '', stderr: '[: missing ]\n', code: 2 };
    args = args.slice(0, -1);
  }
  try {
    return { stdout: '', stderr: '', code: evaluate(ctx, args) ? 0 : 1 };
  } catch (err) {
    if (err instanceof TestError) return { stdout: '', stderr: `${name}: ${err.message}\n`, code: 2 };
    throw err;
  }
};
