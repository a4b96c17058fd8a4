/**
 * Recursive-descent parser with Jinja's precedence, loosest first:
 * or < and < not < comparisons (== != < > <= >= in, not in) < filters and
 * tests (| f, is t) < lookups (.a, [i]) < literals, names, ( ), [ ].
 */
import type { CompareOp, Expr } from './expr-ast.js';
import { tokenize, type Token } from './expr-lexer.js';
import { FILTER_ARITY, TEST_NAMES } from './filters.js';
import { TemplateError } from './template-error.js';

const COMPARE = ['==', '!=', '<', '>', '<=', '>='];
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
    if (!op) return a;
    this.i += op === 'not in' ? 2 : 1;
    return { k: 'cmp', op, a, b: this.filtered() };
  }

  private filtered(): Expr {
    let value = this.postfix();
    for (;;) {
      if (this.isOp('|')) {
        this.i++;
        const name = this.name('a filter name');
        if (!Object.hasOwn(FILTER_ARITY, name)) {
          throw new TemplateError(`unknown filter "${name}" (known: ${Object.keys(FILTER_ARITY).join(', ')})`);
        }
        const args = this.isOp('(') ? this.args() : [];
        const [min, max] = FILTER_ARITY[name] ?? [0, 0];
        if (args.length < min || args.length > max) {
          const want = min === max ? `${min}` : `${min} to ${max}`;
          throw new TemplateError(`filter "${name}" takes ${want} argument${max === 1 ? '' : 's'}, got ${args.length}`);
        }
        value = { k: 'filter', value, name, args };
      } else if (this.isWord('is')) {
        this.i++;
        const negated = this.isWord('not');
        if (negated) this.i++;
        const name = this.name('a test name');
        if (!TEST_NAMES.includes(name)) {
          throw new TemplateError(`unknown test "${name}" (known: ${TEST_NAMES.join(', ')})`);
        }
        value = { k: 'test', value, name, negated };
      } else return value;
    }
  }

  private args(): Expr[] {
    this.expectOp('(');
    const out: Expr[] = [];
    while (!this.isOp(')')) {
      out.push(this.or());
      if (!this.isOp(')')) this.expectOp(',');
    }
    this.i++;
    return out;
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
