/**
 * Recursive-descent parser with Jinja's precedence, loosest first:
 * or < and < not < comparisons (== != < > <= >= in, not in) < filters and
 * tests (| f(a, k=v), is t(a), is t a) < lookups (.a, [i]) < literals,
 * names, ( ), [ ], { k: v }. Filter and test calls are checked against
 * their signatures here, so a wrong one is reported when the playbook is read.
 */
import type { CompareOp, Expr, KeywordArg } from './expr-ast.js';
import { tokenize, type Token } from './expr-lexer.js';
import { callCheck } from './filters.js';
import { TemplateError } from './template-error.js';

const COMPARE = ['==', '!=', '<', '>', '<=', '>='];
/** Words that end a test (`x is defined and y`) rather than give it an argument. */
const NOT_AN_ARGUMENT = ['and', 'or', 'not', 'in', 'is', 'if', 'else'];
const LITERALS: Record<string, unknown> = {
  true: true, True: true, false: false, False: false, none: null, None: null, null: null,
};

export function parseExpression(src: string): Expr {
  const p = new Parser(src);
  if (p.peek().kind === 'end') throw new TemplateError('empty expression');
  const e = p.or();
  p.expectEnd();
  return e;
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(private readonly src: string) {
    this.tokens = tokenize(src);
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    this.i++;
    return t;
  }

  private isOp(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.value === value;
  }

  private isWord(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'name' && t.value === value;
  }

  private fail(what: string): never {
    const t = this.peek();
    const found = t.kind === 'end' ? 'end of expression' : `"${this.src.slice(t.at).split(/\s/)[0] ?? ''}"`;
    throw new TemplateError(`expected ${what} but found ${found} in "${this.src.trim()}"`);
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) this.fail(`"${value}"`);
    this.i++;
  }

  private name(what: string): string {
    const t = this.peek();
    if (t.kind !== 'name') this.fail(what);
    this.i++;
    return t.value;
  }

  expectEnd(): void {
    if (this.peek().kind !== 'end') this.fail('an operator');
  }

  or(): Expr {
    let a = this.and();
    while (this.isWord('or')) {
      this.i++;
      a = { k: 'logic', op: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.not();
    while (this.isWord('and')) {
      this.i++;
      a = { k: 'logic', op: 'and', a, b: this.not() };
    }
    return a;
  }

  private not(): Expr {
    if (this.isWord('not')) {
      this.i++;
      return { k: 'not', e: this.not() };
    }
    return this.compare();
  }

  private compare(): Expr {
    const a = this.filtered();
    const t = this.peek();
    let op: CompareOp | undefined;
    if (t.kind === 'op' && COMPARE.includes(t.value)) op = t.value as CompareOp;
    else if (this.isWord('in')) op = 'in';
    else if (this.isWord('not') && this.isWord('in', 1)) op = 'not in';
    if (!op) {
      // "=" only names keyword arguments; elsewhere it is the typo for "==" it was before keywords existed.
      if (this.isOp('=')) throw new TemplateError(`unexpected character "=" in expression "${this.src.trim()}"`);
      return a;
    }
    this.i += op === 'not in' ? 2 : 1;
    return { k: 'cmp', op, a, b: this.filtered() };
  }

  private filtered(): Expr {
    let value = this.postfix();
    for (;;) {
      if (this.isOp('|')) {
        this.i++;
        const name = this.name('a filter name');
        const { args, kwargs } = this.isOp('(') ? this.args() : { args: [], kwargs: [] };
        this.check('filter', name, args, kwargs);
        value = { k: 'filter', value, name, args, kwargs };
      } else if (this.isWord('is')) {
        this.i++;
        const negated = this.isWord('not');
        if (negated) this.i++;
        const name = this.name('a test name');
        const { args, kwargs } = this.isOp('(') ? this.args() : this.startsArgument() ? { args: [this.postfix()], kwargs: [] } : { args: [], kwargs: [] };
        this.check('test', name, args, kwargs);
        value = { k: 'test', value, name, negated, args, kwargs };
      } else return value;
    }
  }

  /** Jinja's one-argument form without parentheses: `x is divisibleby 3`, `x is sameas false`. */
  private startsArgument(): boolean {
    const t = this.peek();
    if (t.kind === 'string' || t.kind === 'number') return true;
    if (t.kind === 'name') return !NOT_AN_ARGUMENT.includes(t.value);
    return t.kind === 'op' && (t.value === '[' || t.value === '{');
  }

  private check(kind: 'filter' | 'test', name: string, args: Expr[], kwargs: KeywordArg[]): void {
    const literals = args.map((a) => (a.k === 'lit' ? a.value : undefined));
    const problem = callCheck(kind, name, literals, kwargs.map((k) => k.name));
    if (problem) throw new TemplateError(problem);
  }

  /** `(a, b, key=value)`: keyword arguments after the positional ones, as in Python. */
  private args(): { args: Expr[]; kwargs: KeywordArg[] } {
    this.expectOp('(');
    const args: Expr[] = [];
    const kwargs: KeywordArg[] = [];
    while (!this.isOp(')')) {
      if (this.peek().kind === 'name' && this.isOp('=', 1)) {
        const name = this.name('an argument name');
        this.i++;
        kwargs.push({ name, value: this.or() });
      } else {
        if (kwargs.length) throw new TemplateError(`a positional argument after keyword arguments in "${this.src.trim()}"`);
        args.push(this.or());
      }
      if (!this.isOp(')')) this.expectOp(',');
    }
    this.i++;
    return { args, kwargs };
  }

  private postfix(): Expr {
    let obj = this.primary();
    for (;;) {
      if (this.isOp('.')) {
        this.i++;
        const t = this.next();
        if (t.kind === 'name') obj = { k: 'get', obj, key: { k: 'lit', value: t.value }, label: `.${t.value}` };
        else if (t.kind === 'number' && Number.isInteger(t.value)) {
          obj = { k: 'get', obj, key: { k: 'lit', value: t.value }, label: `.${t.value}` };
        } else {
          this.i--;
          this.fail('an attribute name');
        }
      } else if (this.isOp('[')) {
        const start = this.peek().at;
        this.i++;
        const key = this.or();
        this.expectOp(']');
        obj = { k: 'get', obj, key, label: this.src.slice(start, this.peek(-1).at + 1) };
      } else return obj;
    }
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'string' || t.kind === 'number') return { k: 'lit', value: t.value };
    if (t.kind === 'name') {
      if (Object.hasOwn(LITERALS, t.value)) return { k: 'lit', value: LITERALS[t.value] };
      return { k: 'var', name: t.value };
    }
    if (t.kind === 'op' && t.value === '-' && this.peek().kind === 'number') {
      const n = this.next() as { value: number };
      return { k: 'lit', value: -n.value };
    }
    if (t.kind === 'op' && t.value === '(') {
      const e = this.or();
      this.expectOp(')');
      return e;
    }
    if (t.kind === 'op' && t.value === '{') {
      const entries: Array<{ key: Expr; value: Expr }> = [];
      while (!this.isOp('}')) {
        const key = this.or();
        this.expectOp(':');
        entries.push({ key, value: this.or() });
        if (!this.isOp('}')) this.expectOp(',');
      }
      this.i++;
      return { k: 'dict', entries };
    }
    if (t.kind === 'op' && t.value === '[') {
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        items.push(this.or());
        if (!this.isOp(']')) this.expectOp(',');
      }
      this.i++;
      return { k: 'list', items };
    }
    this.i--;
    return this.fail('a value');
  }
}
