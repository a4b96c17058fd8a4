/**
 * awk(1), FreeBSD's one-true-awk (contrib/one-true-awk): `awk [-F fs]
 * [-v var=value] ['prog' | -f progfile] [file ...]`. Syntax errors exit 2
 * with the lexer's context; run-time errors (a missing input file) exit 2
 * after what was printed so far.
 */
import type { SimCommand, SimCommandContext, SimResult } from '../../../types.js';
import { readInput } from '../util.js';
import { Interpreter } from './interpreter.js';
import { LexError } from './lexer.js';
import { AwkSyntaxError, parse } from './parser.js';
import { syntaxErrorText } from './syntax-error.js';

const USAGE = "usage: awk [-F fs][-v var=value][-safe][-V] [-f progfile | 'prog'] [file ...]\n";
const CLVAR = /^[A-Za-z_][A-Za-z0-9_]*=/;

interface Options {
  fs: string | undefined;
  assigns: string[];
  progFiles: string[];
  rest: string[];
  warnings: string;
}

/** main.c's option loop: options end at the first operand, `--`, or `-`. */
function options(argv: string[]): Options | SimResult {
  const o: Options = { fs: undefined, assigns: [], progFiles: [], rest: [], warnings: '' };
  let i = 1;
  const value = (a: string): string | undefined => (a.length > 2 ? a.slice(2) : argv[++i]);
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const flag = a[1];
    if (flag === 'F') {
      const fs = value(a);
      // The "t" wart: -Ft means a tab.
      o.fs = fs === 't' ? '\t' : fs;
      if (!o.fs) o.warnings += 'awk: field separator FS is empty\n';
    } else if (flag === 'v') {
      const v = value(a);
      if (v === undefined || !CLVAR.test(v)) return { stdout: '', stderr: `awk: invalid -v option argument: ${v ?? ''}\n`, code: 2 };
      o.assigns.push(v);
    } else if (flag === 'f') {
      const f = value(a);
      if (f === undefined) return { stdout: '', stderr: 'awk: no program filename\n', code: 2 };
      o.progFiles.push(f);
    } else if (a === '-version' || a === '--version' || a === '-V') {
      return { stdout: 'awk version 20240728\n', stderr: '', code: 0 };
    } else o.warnings += `awk: unknown option ${a} ignored\n`;
  }
  o.rest = argv.slice(i);
  return o;
}

function linesOf(src: string): number {
  let n = 1;
  for (let j = 0; j < src.length; j++) if (src.charCodeAt(j) === 10) n++;
  return n;
}

function program(ctx: SimCommandContext, o: Options): { src: string } | SimResult {
  if (o.progFiles.length === 0) {
    const src = o.rest.shift();
    if (src === undefined) return { stdout: '', stderr: `${o.warnings}awk: no program given\n`, code: 2 };
    return { src };
  }
  let src = '';
  for (const f of o.progFiles) {
    const r = readInput(ctx, 'awk', f);
    if ('error' in r) return { stdout: '', stderr: `${o.warnings}awk: can't open file ${f}\n source line number 1\n`, code: 2 };
    src += r.text;
  }
  return { src };
}

export const awk: SimCommand = (ctx) => {
  if (ctx.argv.length === 1) return { stdout: '', stderr: USAGE, code: 1 };
  const o = options(ctx.argv);
  if ('code' in o) return o;
  const p = program(ctx, o);
  if ('code' in p) return p;
  let prog;
  try {
    prog = parse(p.src);
  } catch (err) {
    if (err instanceof AwkSyntaxError) return { stdout: '', stderr: o.warnings + syntaxErrorText(p.src, err.tok, err.inAction), code: 2 };
    if (err instanceof LexError) {
      const tok = { t: 'op' as const, v: '', num: 0, start: err.at, end: err.at, peeked: false };
      return { stdout: '', stderr: o.warnings + syntaxErrorText(p.src, tok, true, err.message), code: 2 };
    }
    throw err;
  }
  const interp = new Interpreter(ctx, { prog, operands: o.rest, assigns: o.assigns, fs: o.fs, lastLine: linesOf(p.src) });
  const code = interp.execute();
  return { stdout: interp.out, stderr: o.warnings + interp.err, code };
};
