/**
 * expr(1) as FreeBSD's bin/expr/expr.y has it: each argument one token
 * (an operator only when the whole argument is one: `| & = > < >= <= != +
 * - * / % : ( )`), yacc's precedence from loosest to tightest `|`, `&`,
 * comparisons, `+ -`, `* / %`, `:`, all left-associative, each operation
 * done as the parser reduces it. Integers are intmax_t (64 bits, checked:
 * "overflow", "division by zero"); a value that is not a decimal integer
 * is a string, and comparisons of strings use strcoll (bytes, C locale).
 * `STRING : REGEX` is a basic regular expression anchored at the start:
 * the first subexpression's match, else the match's length. The result is
 * printed; exit 0 when it is neither null nor zero, 1 when it is, 2 for
 * an error (`expr: syntax error`, ...). -e (or EXPR_COMPAT) takes the
 * non-POSIX integers: leading blanks and `+`, and "" as 0.
 */
import type { SimCommand, SimResult } from '../../types.js';
import { getopts } from '../freebsd/getopts.js';
import { compile } from './regex.js';
import { optionError } from './util.js';

const ERR_EXIT = 2;
const INTMAX_MAX = 2n ** 63n - 1n;
const INTMAX_MIN = -(2n ** 63n);

/** A value: an integer (a result of arithmetic or a comparison) or a string (`numeric` when it reads as an integer). */
type Val = { int: bigint } | { str: string; numeric: boolean };

class ExprError extends Error {}

const OPERATORS = new Set(['|', '&', '=', '>', '<', '>=', '<=', '!=', '+', '-', '*', '/', '%', ':', '(', ')']);
/** yacc's %left lines, loosest first: an operator's binding power. */
const PRECEDENCE = new Map(Object.entries({ '|': 1, '&': 2, '=': 3, '>': 3, '<': 3, '>=': 3, '<=': 3, '!=': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, ':': 6 }));

class Expr {
  private pos = 0;
  constructor(
    private readonly tokens: string[],
    private readonly nonposix: boolean,
  ) {}

  /** yylex: an argument that is exactly an operator is that operator (also as an operand, where it is a syntax error). */
  private isOperator(i: number): boolean {
    return i < this.tokens.length && OPERATORS.has(this.tokens[i]!);
  }

  parse(): Val {
    if (this.tokens.length === 0) throw new ExprError('syntax error');
    const v = this.expression(1);
    if (this.pos !== this.tokens.length) throw new ExprError('syntax error');
    return v;
  }

  private primary(): Val {
    const t = this.tokens[this.pos];
    if (t === undefined) throw new ExprError('syntax error');
    if (t === '(') {
      this.pos++;
      const v = this.expression(1);
      if (this.tokens[this.pos] !== ')') throw new ExprError('syntax error');
      this.pos++;
      return v;
    }
    if (this.isOperator(this.pos)) throw new ExprError('syntax error');
    this.pos++;
    return this.str(t);
  }

  /** Precedence climbing: operands bind as yacc's %left declarations make them, each operation done as it is reduced. */
  private expression(min: number): Val {
    let left = this.primary();
    for (;;) {
      const op = this.tokens[this.pos];
      const prec = op === undefined ? undefined : PRECEDENCE.get(op);
      if (prec === undefined || prec < min) return left;
      this.pos++;
      const right = this.expression(prec + 1);
      left = this.apply(op!, left, right);
    }
  }

  /** make_str: is_integer decides whether a string is numeric. */
  private str(s: string): Val {
    return { str: s, numeric: this.isInteger(s) };
  }

  private isInteger(s: string): boolean {
    let t = s;
    if (this.nonposix) {
      if (t === '') return true;
      t = t.replace(/^[ \t\n\v\f\r]+/, '');
    }
    if (t.startsWith('-') || (this.nonposix && t.startsWith('+'))) t = t.slice(1);
    return /^[0-9]+$/.test(t);
  }

  /** to_integer: a numeric string in range becomes its integer. */
  private toInteger(v: Val): bigint | undefined {
    if ('int' in v) return v.int;
    if (!v.numeric) return undefined;
    const digits = v.str.trim().replace(/^\+/, '');
    const n = digits === '' ? 0n : BigInt(digits);
    return n > INTMAX_MAX || n < INTMAX_MIN ? undefined : n;
  }

  private assertInteger(v: Val): bigint {
    if ('str' in v && !v.numeric) throw new ExprError(`not a decimal number: '${v.str}'`);
    const n = this.toInteger(v);
    if (n === undefined) throw new ExprError(`operand too large: '${(v as { str: string }).str}'`);
    return n;
  }

  isZeroOrNull(v: Val): boolean {
    if ('int' in v) return v.int === 0n;
    return v.str === '' || this.toInteger(v) === 0n;
  }

  private apply(op: string, a: Val, b: Val): Val {
    switch (op) {
      case '|':
        return !this.isZeroOrNull(a) ? a : !this.isZeroOrNull(b) ? b : { int: 0n };
      case '&':
        return this.isZeroOrNull(a) || this.isZeroOrNull(b) ? { int: 0n } : a;
      case ':':
        return this.colon(a, b);
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        return { int: arithmetic(op, this.assertInteger(a), this.assertInteger(b)) };
    }
    const c = this.compare(a, b);
    const truth = { '=': c === 0, '>': c > 0, '<': c < 0, '>=': c >= 0, '<=': c <= 0, '!=': c !== 0 }[op]!;
    return { int: truth ? 1n : 0n };
  }

  /** compare_vals: strings (strcoll) when either is not an integer, else numbers. */
  private compare(a: Val, b: Val): number {
    if (('str' in a && !a.numeric) || ('str' in b && !b.numeric)) {
      const [x, y] = [text(a), text(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const [x, y] = [this.assertInteger(a), this.assertInteger(b)];
    return x > y ? 1 : x < y ? -1 : 0;
  }

  /** op_colon: regcomp(3) without REG_EXTENDED; a match must start at the string's start. */
  private colon(a: Val, b: Val): Val {
    const re = compile(text(b), false);
    if (typeof re === 'string') throw new ExprError(re);
    const groups = new RegExp(`${re.source}|`).exec('')!.length - 1;
    const m = re.exec(text(a));
    if (m && m.index === 0) {
      if (groups > 0 && m[1] !== undefined) return this.str(m[1]);
      return { int: BigInt(m[0].length) };
    }
    return groups === 0 ? { int: 0n } : this.str('');
  }
}

function text(v: Val): string {
  return 'int' in v ? v.int.toString() : v.str;
}

/** The intmax_t operations with expr.y's checks (assert_plus, assert_minus, assert_times, assert_div). */
function arithmetic(op: string, a: bigint, b: bigint): bigint {
  if ((op === '/' || op === '%') && b === 0n) throw new ExprError('division by zero');
  if (op === '/' && a === INTMAX_MIN && b === -1n) throw new ExprError('overflow');
  const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  if (r > INTMAX_MAX || r < INTMAX_MIN) throw new ExprError('overflow');
  return r;
}

export const expr: SimCommand = (ctx): SimResult => {
  let args = ctx.argv.slice(1);
  let nonposix = ctx.env.EXPR_COMPAT !== undefined;
  if (!nonposix) {
    // getopt(argc, argv, "e"): a bad option is errx(ERR_EXIT, "usage: expr [-e] expression\n"), its own newline and errx's.
    const parsed = getopts(args, 'e');
    if (parsed.error) return { stdout: '', stderr: `${optionError('expr', parsed.error)}expr: usage: expr [-e] expression\n\n`, code: ERR_EXIT };
    nonposix = parsed.opts.length > 0;
    args = parsed.operands;
  }
  const e = new Expr(args, nonposix);
  try {
    const v = e.parse();
    return { stdout: `${text(v)}\n`, stderr: '', code: e.isZeroOrNull(v) ? 1 : 0 };
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    return { stdout: '', stderr: `expr: ${err.message}\n`, code: ERR_EXIT };
  }
};
