/**
 * POSIX sh grammar: recursive descent over tokens read on demand, so the
 * word scanner can hand `$(...)` back to a parser and here-documents are read
 * when their line ends. Bash-isms fail here the way FreeBSD sh fails on them.
 */
import type { AndOr, CaseItem, Command, List, Pipeline, Program, Redir, RedirOp, SimpleCommand, Word, WordPart } from './ast.js';
import { ShellSyntaxError } from './errors.js';
import { cachedLineAt, rememberLine } from './line-cache.js';
import { scanHeredocText, scanParts, type Cursor, type ParseHooks } from './word-scanner.js';

type Token =
  | { k: 'word'; w: Word; raw: string }
  | { k: 'op'; v: string }
  | { k: 'io'; fd: number }
  | { k: 'nl' }
  | { k: 'eof' };

const OPS = ['&&', '||', ';;', ';&', '<<-', '<<', '<&', '<>', '>>', '>&', '>|', ';', '&', '|', '(', ')', '<', '>'];
/** OPS grouped by first character, longest first, so a token start is tested against a few at most. */
const OPS_BY_FIRST = new Map<string, string[]>();
for (const op of OPS) OPS_BY_FIRST.set(op[0]!, [...(OPS_BY_FIRST.get(op[0]!) ?? []), op]);

/** The operator starting at `pos` (as the first match in OPS order), if any. */
function operatorAt(src: string, pos: number): string | undefined {
  const candidates = OPS_BY_FIRST.get(src[pos]!);
  if (!candidates) return undefined;
  for (const op of candidates) if (src.startsWith(op, pos)) return op;
  return undefined;
}
const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '<<', '<<-']);
export const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** A word that could match files: `*`, `?`, or a bracket expression with its `]`. */
const GLOB_CHARS = /[*?]|\[.*\]/;

interface PendingHeredoc {
  redir: Redir;
  delim: string;
  strip: boolean;
  literal: boolean;
}

const hooks: ParseHooks = {
  substitution(src, pos) {
    const p = new Parser(src, pos);
    const program = p.parseUntilParen();
    return { program, end: p.pos };
  },
  nested(text) {
    const p = new Parser(text, 0);
    const program = p.parseProgram();
    if (program.error !== undefined) throw new ShellSyntaxError(program.error);
    return program;
  },
};

function tokname(t: Token): string {
  switch (t.k) {
    case 'eof':
      return 'end of file';
    case 'nl':
      return 'newline';
    case 'op':
      return `"${t.v}"`;
    case 'io':
      return 'word';
    case 'word':
      return RESERVED.has(t.raw) ? `"${t.raw}"` : 'word';
  }
}

export class Parser implements Cursor {
  readonly hooks = hooks;
  private peeked: Token | undefined;
  private heredocs: PendingHeredoc[] = [];

  constructor(
    readonly src: string,
    public pos: number,
  ) {}

  /** A whole script: runs line by line, so keep what parsed before a syntax error. */
  parseProgram(): Program {
    const lines: List[] = [];
    try {
      for (;;) {
        // Here the parser holds nothing but its position: see line-cache.ts.
        this.skipEmptyLines();
        const cached = cachedLineAt(this.src, this.pos);
        if (cached) {
          this.pos += cached.text.length;
          lines.push(cached.list);
          continue;
        }
        const start = this.pos;
        this.skipNewlines();
        if (this.peek().k === 'eof') return { lines };
        const list = this.parseList(true);
        const t = this.peek();
        if (t.k === 'nl') {
          this.next();
          rememberLine(this.src.slice(start, this.pos), list);
        } else if (t.k !== 'eof') this.unexpected(t);
        lines.push(list);
      }
    } catch (err) {
      if (err instanceof ShellSyntaxError) return { lines, error: err.message };
      throw err;
    }
  }

  /** Body of `$(...)`: errors propagate, as the enclosing word cannot be parsed either. */
  parseUntilParen(): Program {
    this.skipNewlines();
    if (this.isOp(this.peek(), ')')) {
      this.next();
      return { lines: [] };
    }
    const list = this.parseCompoundList([]);
    this.expectOp(')');
    return { lines: [list] };
  }

  // ---- tokens ----

  private peek(): Token {
    if (!this.peeked) this.peeked = this.scan();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private isOp(t: Token, v: string): boolean {
    return t.k === 'op' && t.v === v;
  }

  private isWord(t: Token, raw: string): boolean {
    return t.k === 'word' && t.raw === raw;
  }

  private unexpected(t: Token, expecting?: string): never {
    const what = `${tokname(t)} unexpected`;
    throw new ShellSyntaxError(expecting ? `${what} (expecting "${expecting}")` : what);
  }

  private expectOp(v: string): void {
    const t = this.next();
    if (!this.isOp(t, v)) this.unexpected(t, v);
  }

  private expectWord(raw: string): void {
    const t = this.next();
    if (!this.isWord(t, raw)) this.unexpected(t, raw);
  }

  private scan(): Token {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === ' ' || c === '\t') {
        this.pos++;
        continue;
      }
      if (c === '\\' && src[this.pos + 1] === '\n') {
        this.pos += 2;
        continue;
      }
      if (c === '#') {
        const nl = src.indexOf('\n', this.pos);
        this.pos = nl < 0 ? src.length : nl;
        continue;
      }
      break;
    }
    if (this.pos >= src.length) return { k: 'eof' };
    const c = src[this.pos]!;
    if (c === '\n') {
      this.pos++;
      if (this.heredocs.length) this.readHeredocs();
      return { k: 'nl' };
    }
    if (c === '&' && src[this.pos + 1] === '>') throw new ShellSyntaxError('"&>" unexpected: use ">file 2>&1"');
    const op = operatorAt(src, this.pos);
    if (op !== undefined) {
      this.pos += op.length;
      return { k: 'op', v: op };
    }
    const start = this.pos;
    const parts = scanParts(this, 'word');
    const raw = src.slice(start, this.pos);
    const next = src[this.pos];
    if ((next === '<' || next === '>') && /^[0-9]$/.test(raw)) return { k: 'io', fd: Number(raw) };
    return { k: 'word', w: finishWord(parts), raw };
  }

  private readHeredocs(): void {
    const pending = this.heredocs;
    this.heredocs = [];
    for (const h of pending) {
      const lines: string[] = [];
      while (this.pos < this.src.length) {
        let nl = this.src.indexOf('\n', this.pos);
        if (nl < 0) nl = this.src.length;
        let line = this.src.slice(this.pos, nl);
        this.pos = Math.min(nl + 1, this.src.length);
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim) break;
        lines.push(line);
      }
      // A here-document cut short by the end of the script ends there, as in FreeBSD sh.
      const text = lines.length ? `${lines.join('\n')}\n` : '';
      h.redir.body = h.literal ? { parts: [{ t: 'lit', v: text, q: true }] } : scanHeredocText(this, text);
    }
  }

  /** Bare newlines at a line start (what skipNewlines would do for them, without a token). */
  private skipEmptyLines(): void {
    if (this.peeked || this.heredocs.length) return;
    while (this.src.charCodeAt(this.pos) === 10) this.pos++;
  }

  private skipNewlines(): void {
    while (this.peek().k === 'nl') this.next();
  }

  // ---- grammar ----

  /** and-or lists separated by `;`/`&`, up to a newline (top level) or a closing word. */
  private parseList(topLevel: boolean): List {
    const list: List = [];
    for (;;) {
      const ao = this.parseAndOr();
      list.push(ao);
      const t = this.peek();
      if (this.isOp(t, ';') || this.isOp(t, '&')) {
        this.next();
        ao.background = t.k === 'op' && t.v === '&';
        const n = this.peek();
        if (n.k === 'nl' || n.k === 'eof' || !this.startsCommand(n)) return list;
        continue;
      }
      if (!topLevel) return list;
      return list;
    }
  }

  private startsCommand(t: Token): boolean {
    if (t.k === 'word') return !['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}', 'in'].includes(t.raw);
    if (t.k === 'io') return true;
    return t.k === 'op' && (t.v === '(' || REDIR_OPS.has(t.v));
  }

  /**
   * Commands separated by `;`, `&` or newlines, ending before a word in `ends`
   * or a `)`/`;;`. A whole line here parses as it would at top level (the
   * words that end a compound list cannot start a top-level line, and after
   * `;` neither list goes on with one), so lines are shared with parseProgram
   * through line-cache.ts: a function body sent once per host is mostly
   * lines every host sends.
   */
  private parseCompoundList(ends: string[]): List {
    const list: List = [];
    let atStart = this.toLineStart();
    /** Where the current line began, when it is being read whole from there (else -1), and its first and-or in `list`. */
    let from = atStart ? this.pos : -1;
    let firstOfLine = 0;
    for (;;) {
      if (atStart) {
        atStart = false;
        const cached = cachedLineAt(this.src, from);
        if (cached) {
          this.pos += cached.text.length;
          for (const ao of cached.list) list.push(ao);
          atStart = this.toLineStart(true);
          from = atStart ? this.pos : -1;
          continue;
        }
        firstOfLine = list.length;
        this.skipNewlines();
      }
      const t = this.peek();
      if (t.k === 'eof') break;
      if (t.k === 'word' && ends.includes(t.raw)) break;
      if (t.k === 'op' && (t.v === ')' || t.v === ';;' || t.v === ';&')) break;
      const ao = this.parseAndOr();
      list.push(ao);
      const s = this.peek();
      if (this.isOp(s, ';') || this.isOp(s, '&')) {
        this.next();
        ao.background = s.k === 'op' && s.v === '&';
      } else if (s.k !== 'nl') {
        break;
      }
      if (this.peek().k === 'nl') {
        this.next();
        if (from >= 0) rememberLine(this.src.slice(from, this.pos), list.slice(firstOfLine));
        atStart = this.toLineStart(true);
        from = atStart ? this.pos : -1;
      }
    }
    if (list.length === 0) this.unexpected(this.peek());
    return list;
  }

  /**
   * Newlines skipped as skipNewlines does, stopping at the start of a line
   * with nothing read from it yet (true), where a cached line may be used;
   * false when a token on the current line is already peeked.
   */
  private toLineStart(crossed = false): boolean {
    for (;;) {
      if (!this.peeked) {
        if (crossed && !this.heredocs.length) {
          this.skipEmptyLines();
          return true;
        }
        this.peeked = this.scan();
      }
      if (this.peeked.k !== 'nl') return false;
      this.peeked = undefined;
      crossed = true;
    }
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const ao: AndOr = { first, rest: [], background: false };
    for (;;) {
      const t = this.peek();
      if (!(this.isOp(t, '&&') || this.isOp(t, '||'))) return ao;
      this.next();
      this.skipNewlines();
      ao.rest.push({ op: (t as { v: '&&' | '||' }).v, p: this.parsePipeline() });
    }
  }

  private parsePipeline(): Pipeline {
    let bang = false;
    if (this.isWord(this.peek(), '!')) {
      this.next();
      bang = true;
    }
    const cmds = [this.parseCommand()];
    while (this.isOp(this.peek(), '|')) {
      this.next();
      this.skipNewlines();
      cmds.push(this.parseCommand());
    }
    return { bang, cmds };
  }

  private parseCommand(): Command {
    const t = this.peek();
    if (t.k === 'op' && t.v === '(') {
      this.next();
      const body = this.parseCompoundList([]);
      this.expectOp(')');
      return { type: 'subshell', body, redirs: this.parseRedirs() };
    }
    if (t.k === 'word') {
      switch (t.raw) {
        case '{': {
          this.next();
          const body = this.parseCompoundList(['}']);
          this.expectWord('}');
          return { type: 'group', body, redirs: this.parseRedirs() };
        }
        case 'if':
          return this.parseIf();
        case 'while':
        case 'until':
          return this.parseLoop(t.raw === 'until');
        case 'for':
          return this.parseFor();
        case 'case':
          return this.parseCase();
        case 'then':
        case 'else':
        case 'elif':
        case 'fi':
        case 'do':
        case 'done':
        case 'esac':
        case '}':
        case 'in':
          this.unexpected(t);
      }
    }
    if (t.k === 'nl' || t.k === 'eof' || (t.k === 'op' && !REDIR_OPS.has(t.v))) this.unexpected(t);
    return this.parseSimple();
  }

  private parseIf(): Command {
    this.next();
    const clauses = [];
    let elseBody: List | undefined;
    for (;;) {
      const cond = this.parseCompoundList(['then']);
      this.expectWord('then');
      const body = this.parseCompoundList(['elif', 'else', 'fi']);
      clauses.push({ cond, body });
      const t = this.next();
      if (this.isWord(t, 'elif')) continue;
      if (this.isWord(t, 'else')) {
        elseBody = this.parseCompoundList(['fi']);
        this.expectWord('fi');
      } else if (!this.isWord(t, 'fi')) {
        this.unexpected(t, 'fi');
      }
      break;
    }
    return { type: 'if', clauses, elseBody, redirs: this.parseRedirs() };
  }

  private parseDoGroup(): List {
    this.expectWord('do');
    const body = this.parseCompoundList(['done']);
    this.expectWord('done');
    return body;
  }

  private parseLoop(until: boolean): Command {
    this.next();
    const cond = this.parseCompoundList(['do']);
    const body = this.parseDoGroup();
    return { type: 'loop', until, cond, body, redirs: this.parseRedirs() };
  }

  private parseFor(): Command {
    this.next();
    const nameTok = this.next();
    if (nameTok.k !== 'word' || !NAME.test(nameTok.raw)) this.unexpected(nameTok);
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.isWord(this.peek(), 'in')) {
      this.next();
      items = [];
      for (;;) {
        const t = this.peek();
        if (t.k !== 'word') break;
        this.next();
        items.push(t.w);
      }
      const t = this.next();
      if (!(this.isOp(t, ';') || t.k === 'nl')) this.unexpected(t, 'do');
      this.skipNewlines();
    } else if (this.isOp(this.peek(), ';')) {
      this.next();
      this.skipNewlines();
    }
    const body = this.parseDoGroup();
    return { type: 'for', name: nameTok.raw, items, body, redirs: this.parseRedirs() };
  }

  private parseCase(): Command {
    this.next();
    const wt = this.next();
    if (wt.k !== 'word') this.unexpected(wt);
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (this.isWord(t, 'esac')) {
        this.next();
        break;
      }
      if (this.isOp(t, '(')) this.next();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.next();
        if (p.k !== 'word') this.unexpected(p);
        patterns.push(p.w);
        const s = this.next();
        if (this.isOp(s, ')')) break;
        if (!this.isOp(s, '|')) this.unexpected(s, ')');
      }
      this.skipNewlines();
      const n = this.peek();
      let body: List = [];
      if (!(this.isOp(n, ';;') || this.isOp(n, ';&') || this.isWord(n, 'esac'))) body = this.parseCompoundList(['esac']);
      const end = this.next();
      if (this.isWord(end, 'esac')) {
        items.push({ patterns, body, fallthrough: false });
        break;
      }
      if (!(this.isOp(end, ';;') || this.isOp(end, ';&'))) this.unexpected(end, ';;');
      items.push({ patterns, body, fallthrough: this.isOp(end, ';&') });
    }
    return { type: 'case', word: wt.w, items, redirs: this.parseRedirs() };
  }

  private parseRedirs(): Redir[] {
    const redirs: Redir[] = [];
    for (;;) {
      const r = this.tryRedir();
      if (!r) return redirs;
      redirs.push(r);
    }
  }

  private tryRedir(): Redir | undefined {
    let t = this.peek();
    let fd: number | undefined;
    if (t.k === 'io') {
      this.next();
      fd = t.fd;
      t = this.peek();
    }
    if (!(t.k === 'op' && REDIR_OPS.has(t.v))) {
      if (fd !== undefined) this.unexpected(t);
      return undefined;
    }
    this.next();
    const op = t.v as RedirOp;
    const target = this.next();
    if (target.k !== 'word') this.unexpected(target);
    const redir: Redir = { fd: fd ?? (op.startsWith('<') && op !== '<>' ? 0 : op === '<>' ? 0 : 1), op, target: target.w };
    if (op === '<<' || op === '<<-') {
      const literal = /['"\\]/.test(target.raw);
      this.heredocs.push({ redir, delim: target.raw.replace(/['"\\]/g, ''), strip: op === '<<-', literal });
    }
    return redir;
  }

  private parseSimple(): Command {
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirs: [] };
    for (;;) {
      const r = this.tryRedir();
      if (r) {
        cmd.redirs.push(r);
        continue;
      }
      const t = this.peek();
      if (t.k !== 'word') break;
      if (cmd.words.length === 0 && ASSIGN.test(t.raw)) {
        this.next();
        cmd.assigns.push(splitAssignment(t.w));
        continue;
      }
      this.next();
      cmd.words.push(t.w);
      if (cmd.words.length === 1 && cmd.assigns.length === 0 && this.isOp(this.peek(), '(')) return this.parseFunction(t);
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirs.length === 0) this.unexpected(this.peek());
    return cmd;
  }

  private parseFunction(nameTok: Token & { k: 'word' }): Command {
    this.next();
    if (!NAME.test(nameTok.raw)) throw new ShellSyntaxError(`"(" unexpected`);
    this.expectOp(')');
    this.skipNewlines();
    const body = this.parseCommand();
    if (body.type === 'simple' || body.type === 'func') this.unexpected({ k: 'word', w: { parts: [] }, raw: '' });
    return { type: 'func', name: nameTok.raw, body };
  }
}

/** `NAME=value`: the name comes from the first (unquoted) literal part. */
function splitAssignment(w: Word): { name: string; value: Word } {
  const first = w.parts[0] as WordPart & { t: 'lit' };
  const eq = first.v.indexOf('=');
  const name = first.v.slice(0, eq);
  const rest = first.v.slice(eq + 1);
  const parts: WordPart[] = rest === '' ? [] : [{ t: 'lit', v: rest, q: false }];
  parts.push(...w.parts.slice(1));
  return { name, value: finishWord(parts, true) };
}

/** Tilde prefix and the plain-text fast path. */
function finishWord(parts: WordPart[], assignment = false): Word {
  const first = parts[0];
  if (first?.t === 'lit' && !first.q && first.v.startsWith('~')) {
    const slash = first.v.indexOf('/');
    const user = slash < 0 ? first.v.slice(1) : first.v.slice(1, slash);
    if (slash >= 0 || parts.length === 1) {
      const rest = slash < 0 ? '' : first.v.slice(slash);
      parts = [{ t: 'tilde', user }, ...(rest ? [{ t: 'lit' as const, v: rest, q: false }] : []), ...parts.slice(1)];
    }
  }
  const word: Word = { parts };
  if (parts.length === 1 && first?.t === 'lit' && !first.q && (assignment || !GLOB_CHARS.test(first.v)) && parts[0] === first) word.plain = first.v;
  if (parts.length === 0 && assignment) word.plain = '';
  return word;
}

export function parse(src: string): Program {
  return new Parser(src, 0).parseProgram();
}
