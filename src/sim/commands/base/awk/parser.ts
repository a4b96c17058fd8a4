/**
 * Recursive-descent parser for the awk grammar of
 * contrib/one-true-awk/awkgram.y: rules, BEGIN/END, functions, statements,
 * and expressions by POSIX precedence. In print/printf arguments, as in the
 * grammar's `ppattern`, an unparenthesized `>` is a redirection, not a
 * comparison.
 */
import type { AwkFunction, Expr, LValue, Program, Redirect, Rule, Stmt } from './ast.js';
import { tokenize, type Token } from './lexer.js';

/** A syntax error at a token; `inAction`: yacc recovers it as an "illegal statement" rather than "bailing out". */
export class AwkSyntaxError extends Error {
  constructor(
    readonly tok: Token,
    readonly inAction: boolean,
  ) {
    super('syntax error');
  }
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=']);
const REL_OPS = new Set(['<', '<=', '>', '>=', '==', '!=']);

function isLValue(e: Expr): e is LValue {
  return e.k === 'var' || e.k === 'field' || e.k === 'index';
}

class Parser {
  private i = 0;
  private depth = 0;
  /** Inside print/printf arguments: `>` redirects and `|` pipes. */
  private noRel = false;
  private readonly funcs = new Map<string, AwkFunction>();

  constructor(
    private readonly toks: Token[],
    private readonly src: string,
  ) {}

  private get tok(): Token {
    return this.toks[this.i]!;
  }

  private peek(n = 1): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)]!;
  }

  private is(v: string): boolean {
    const t = this.tok;
    return (t.t === 'op' || t.t === 'kw') && t.v === v;
  }

  private fail(): never {
    throw new AwkSyntaxError(this.tok, this.depth > 0);
  }

  private expect(v: string): void {
    if (!this.is(v)) this.fail();
    this.i++;
  }

  private optNl(): void {
    while (this.tok.t === 'nl') this.i++;
  }

  private skipTerminators(): void {
    while (this.tok.t === 'nl' || this.is(';')) this.i++;
  }

  private line(tok: Token = this.tok): number {
    let n = 1;
    for (let j = 0; j < tok.start; j++) if (this.src.charCodeAt(j) === 10) n++;
    return n;
  }

  program(): Program {
    const prog: Program = { begin: [], rules: [], end: [], funcs: this.funcs };
    this.skipTerminators();
    while (this.tok.t !== 'eof') {
      if (this.is('BEGIN') || this.is('END')) {
        const begin = this.is('BEGIN');
        this.i++;
        if (!this.is('{')) this.fail();
        (begin ? prog.begin : prog.end).push(...this.block());
      } else if (this.is('function') || this.is('func')) this.func();
      else prog.rules.push(this.rule());
      this.skipTerminators();
    }
    return prog;
  }

  private func(): void {
    this.i++;
    const name = this.tok;
    if (name.t !== 'name' && name.t !== 'funcname') this.fail();
    this.i++;
    this.expect('(');
    const params: string[] = [];
    while (!this.is(')')) {
      if (this.tok.t !== 'name') this.fail();
      params.push(this.tok.v);
      this.i++;
      if (this.is(',')) {
        this.i++;
        this.optNl();
      } else if (!this.is(')')) this.fail();
    }
    this.i++;
    this.optNl();
    if (!this.is('{')) this.fail();
    this.funcs.set(name.v, { params, body: [] });
    this.funcs.get(name.v)!.body = this.block();
  }

  private rule(): Rule {
    let pattern: Expr | undefined;
    let end: Expr | undefined;
    if (!this.is('{')) {
      pattern = this.expr();
      if (this.is(',')) {
        this.i++;
        this.optNl();
        end = this.expr();
      }
    }
    if (this.is('{')) return { pattern, end, body: this.block() };
    if (this.tok.t !== 'nl' && !this.is(';') && this.tok.t !== 'eof') this.fail();
    return { pattern, end, body: undefined };
  }

  /** `{ stmt ... }`, the current token being `{`. */
  private block(): Stmt[] {
    this.i++;
    this.depth++;
    const body: Stmt[] = [];
    for (;;) {
      this.skipTerminators();
      if (this.is('}')) break;
      if (this.tok.t === 'eof') this.fail();
      body.push(this.stmt());
    }
    this.i++;
    this.depth--;
    return body;
  }

  /** After a simple statement: `;` or newline (then newlines), or a `}` left for the block. */
  private endSimple(): void {
    if (this.is(';') || this.tok.t === 'nl') {
      this.i++;
      this.optNl();
      return;
    }
    if (!this.is('}')) this.fail();
  }

  private stmt(): Stmt {
    const line = this.line();
    const t = this.tok;
    if (this.is('{')) {
      const body = this.block();
      this.optNl();
      return { line, k: 'block', body };
    }
    if (this.is(';')) {
      this.i++;
      return { line, k: 'block', body: [] };
    }
    if (t.t === 'kw') {
      switch (t.v) {
        case 'if': {
          this.i++;
          const c = this.paren();
          const then = this.stmt();
          const save = this.i;
          this.skipTerminators();
          if (this.is('else')) {
            this.i++;
            this.optNl();
            return { line, k: 'if', c, then, else: this.stmt() };
          }
          this.i = save;
          return { line, k: 'if', c, then, else: undefined };
        }
        case 'while': {
          this.i++;
          const c = this.paren();
          if (this.is(';')) {
            this.i++;
            return { line, k: 'while', c, body: { line, k: 'block', body: [] } };
          }
          return { line, k: 'while', c, body: this.stmt() };
        }
        case 'do': {
          this.i++;
          this.optNl();
          const body = this.stmt();
          this.skipTerminators();
          this.expect('while');
          const c = this.paren(false);
          this.endSimple();
          return { line, k: 'do', body, c };
        }
        case 'for':
          return this.forStmt(line);
        default:
      }
    }
    const s = this.simple(line);
    this.endSimple();
    return s;
  }

  /** `( expr )` and the newlines after it. */
  private paren(skipNl = true): Expr {
    this.expect('(');
    const e = this.inner(() => this.expr());
    this.expect(')');
    if (skipNl) this.optNl();
    return e;
  }

  private forStmt(line: number): Stmt {
    this.i++;
    this.expect('(');
    if (this.tok.t === 'name' && this.peek().t === 'kw' && this.peek().v === 'in' && this.peek(2).t === 'name' && this.peek(3).v === ')') {
      const name = this.tok.v;
      const arr = this.peek(2).v;
      this.i += 4;
      this.optNl();
      return { line, k: 'forin', name, arr, body: this.stmt() };
    }
    const init = this.is(';') ? undefined : this.inner(() => this.expr());
    this.expect(';');
    this.optNl();
    const c = this.is(';') ? undefined : this.inner(() => this.expr());
    this.expect(';');
    this.optNl();
    const step = this.is(')') ? undefined : this.inner(() => this.expr());
    this.expect(')');
    this.optNl();
    if (this.is(';')) {
      this.i++;
      return { line, k: 'for', init, c, step, body: { line, k: 'block', body: [] } };
    }
    return { line, k: 'for', init, c, step, body: this.stmt() };
  }

  private terminates(): boolean {
    return this.is(';') || this.is('}') || this.tok.t === 'nl' || this.tok.t === 'eof';
  }

  private simple(line: number): Stmt {
    const t = this.tok;
    if (t.t === 'kw') {
      switch (t.v) {
        case 'print':
        case 'printf': {
          this.i++;
          const args = this.printArgs();
          if (t.v === 'printf' && args.length === 0) this.fail();
          return { line, k: t.v, args, redir: this.redirect() };
        }
        case 'delete': {
          this.i++;
          if (this.tok.t !== 'name') this.fail();
          const name = this.tok.v;
          this.i++;
          if (!this.is('[')) return { line, k: 'delete', name, subs: undefined };
          this.i++;
          const subs = this.inner(() => this.exprList(']'));
          return { line, k: 'delete', name, subs };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          this.i++;
          return { line, k: t.v };
        case 'exit':
        case 'return':
          this.i++;
          return { line, k: t.v, e: this.terminates() ? undefined : this.expr() };
        default:
      }
    }
    return { line, k: 'expr', e: this.expr() };
  }

  private printArgs(): Expr[] {
    if (this.terminates() || this.is('>') || this.is('>>') || this.is('|')) return [];
    if (this.is('(')) {
      // print (a, b) > "file": a parenthesized list is the whole argument list.
      const save = this.i;
      this.i++;
      const list = this.inner(() => this.exprList(')'));
      if (list.length > 1 && (this.terminates() || this.is('>') || this.is('>>') || this.is('|'))) return list;
      this.i = save;
    }
    const saved = this.noRel;
    this.noRel = true;
    try {
      const args = [this.expr()];
      while (this.is(',')) {
        this.i++;
        this.optNl();
        args.push(this.expr());
      }
      return args;
    } finally {
      this.noRel = saved;
    }
  }

  private redirect(): Redirect | undefined {
    if (!this.is('>') && !this.is('>>') && !this.is('|')) return undefined;
    const mode = this.tok.v as Redirect['mode'];
    this.i++;
    const saved = this.noRel;
    this.noRel = true;
    try {
      return { mode, e: this.concat() };
    } finally {
      this.noRel = saved;
    }
  }

  /** Parse with comparisons allowed again (inside parentheses, brackets, call arguments). */
  private inner<T>(f: () => T): T {
    const saved = this.noRel;
    this.noRel = false;
    try {
      return f();
    } finally {
      this.noRel = saved;
    }
  }

  /** Comma-separated expressions up to and including `close`. */
  private exprList(close: string): Expr[] {
    const list: Expr[] = [];
    this.optNl();
    if (this.is(close)) {
      this.i++;
      return list;
    }
    for (;;) {
      list.push(this.expr());
      this.optNl();
      if (this.is(close)) {
        this.i++;
        return list;
      }
      this.expect(',');
      this.optNl();
    }
  }

  expr(): Expr {
    const left = this.ternary();
    if (isLValue(left) && this.tok.t === 'op' && ASSIGN_OPS.has(this.tok.v)) {
      const op = this.tok.v;
      this.i++;
      this.optNl();
      return { k: 'assign', op, target: left, e: this.expr() };
    }
    return left;
  }

  private ternary(): Expr {
    const c = this.or();
    if (!this.is('?')) return c;
    this.i++;
    this.optNl();
    const a = this.expr();
    this.optNl();
    this.expect(':');
    this.optNl();
    return { k: 'cond', c, a, b: this.expr() };
  }

  private or(): Expr {
    let a = this.and();
    while (this.is('||')) {
      this.i++;
      this.optNl();
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inOp();
    while (this.is('&&')) {
      this.i++;
      this.optNl();
      a = { k: 'and', a, b: this.inOp() };
    }
    return a;
  }

  private inOp(): Expr {
    let a = this.matchOp();
    while (this.is('in')) {
      this.i++;
      if (this.tok.t !== 'name') this.fail();
      a = { k: 'in', subs: a.k === 'group' ? [a.e] : [a], name: this.tok.v };
      this.i++;
    }
    return a;
  }

  private matchOp(): Expr {
    let a = this.relational();
    while (this.is('~') || this.is('!~')) {
      const neg = this.tok.v === '!~';
      this.i++;
      a = { k: 'match', neg, a, re: this.relational() };
    }
    return a;
  }

  private relational(): Expr {
    let a = this.concat();
    for (;;) {
      if (this.noRel) return a;
      if (this.is('|') && this.peek().t === 'kw' && this.peek().v === 'getline') {
        this.i += 2;
        a = { k: 'getline', from: 'cmd', e: a, target: this.getlineTarget() };
        continue;
      }
      if (this.tok.t === 'op' && REL_OPS.has(this.tok.v)) {
        const op = this.tok.v;
        this.i++;
        a = { k: 'bin', op, a, b: this.concat() };
        continue;
      }
      return a;
    }
  }

  private startsOperand(): boolean {
    const t = this.tok;
    if (t.t === 'num' || t.t === 'str' || t.t === 'name' || t.t === 'funcname' || t.t === 'builtin') return true;
    if (t.t === 'kw') return t.v === 'getline' && !this.noRel;
    return t.t === 'op' && (t.v === '$' || t.v === '(' || t.v === '!');
  }

  private concat(): Expr {
    let a = this.additive();
    while (this.startsOperand()) a = { k: 'cat', a, b: this.additive() };
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.tok.v;
      this.i++;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.tok.v;
      this.i++;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.tok.v;
      this.i++;
      return { k: 'unary', op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (!this.is('^')) return a;
    this.i++;
    const b = this.is('-') || this.is('+') || this.is('!') ? this.unary() : this.power();
    return { k: 'bin', op: '^', a, b };
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.tok.v as '++' | '--';
      this.i++;
      const target = this.primary();
      if (!isLValue(target)) this.fail();
      return { k: 'incdec', op, prefix: true, target };
    }
    const p = this.primary();
    if (isLValue(p) && (this.is('++') || this.is('--'))) {
      const op = this.tok.v as '++' | '--';
      this.i++;
      return { k: 'incdec', op, prefix: false, target: p };
    }
    return p;
  }

  private getlineTarget(): LValue | undefined {
    if (this.tok.t !== 'name' && !this.is('$')) return undefined;
    const e = this.primary();
    return isLValue(e) ? e : this.fail();
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.t) {
      case 'num':
        this.i++;
        return { k: 'num', v: t.num };
      case 'str':
        this.i++;
        return { k: 'str', v: t.v };
      case 'ere':
        this.i++;
        return { k: 're', src: t.v };
      case 'name':
        this.i++;
        if (!this.is('[')) return { k: 'var', name: t.v };
        this.i++;
        return { k: 'index', name: t.v, subs: this.inner(() => this.exprList(']')) };
      case 'funcname':
        this.i += 2;
        return { k: 'ucall', name: t.v, args: this.inner(() => this.exprList(')')) };
      case 'builtin':
        this.i++;
        if (this.is('(')) {
          this.i++;
          return { k: 'call', name: t.v, args: this.inner(() => this.exprList(')')) };
        }
        if (t.v === 'length') return { k: 'call', name: t.v, args: [] };
        return this.fail();
      case 'kw':
        if (t.v !== 'getline') return this.fail();
        this.i++;
        return this.getline();
      case 'op':
        return this.primaryOp(t);
      default:
        return this.fail();
    }
  }

  private getline(): Expr {
    const target = this.getlineTarget();
    if (!this.is('<')) return { k: 'getline', from: 'main', target, e: undefined };
    this.i++;
    return { k: 'getline', from: 'file', target, e: this.additive() };
  }

  private primaryOp(t: Token): Expr {
    if (t.v === '$') {
      this.i++;
      if (this.is('++') || this.is('--')) return { k: 'field', e: this.postfix() };
      if (this.is('-') || this.is('+') || this.is('!')) {
        const op = this.tok.v;
        this.i++;
        return { k: 'field', e: { k: 'unary', op, e: this.primary() } };
      }
      return { k: 'field', e: this.primary() };
    }
    if (t.v === '(') {
      this.i++;
      const list = this.inner(() => this.exprList(')'));
      if (list.length === 1) return { k: 'group', e: list[0]! };
      if (list.length === 0 || !this.is('in')) return this.fail();
      this.i++;
      if (this.tok.t !== 'name') this.fail();
      const name = this.tok.v;
      this.i++;
      return { k: 'in', subs: list, name };
    }
    if (t.v === '-' || t.v === '+' || t.v === '!') return this.unary();
    return this.fail();
  }
}

export function parse(src: string): Program {
  return new Parser(tokenize(src), src).program();
}
