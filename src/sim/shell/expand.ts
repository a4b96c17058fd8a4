/**
 * Word expansion: parameters, command substitution, arithmetic, then field
 * splitting on IFS and pathname expansion for what was not quoted.
 */
import type { Program, Word, WordPart } from './ast.js';
import { evalArith } from './arith.js';
import { ExpansionError } from './errors.js';
import { escapePattern, trimPattern } from './pattern.js';
import type { ShellState } from './state.js';

export interface ExpandContext {
  sh: ShellState;
  /** Run a command substitution in a subshell and return its raw stdout. */
  substitute(body: Program): string;
  /** Pathname expansion; [] when nothing matches. */
  glob(pattern: string): string[];
  /** An expansion assigned a variable ($((n+=1)), ${v=x}): the command is not safe to run again (unit.ts). */
  assigned?(): void;
}

type Kind = 'q' | 'lit' | 'exp';

interface Emitter {
  text(s: string, kind: Kind): void;
  /** Between the words of "$@" (or the parameters of unquoted $@ / $*). */
  split(hard: boolean): void;
}

const DEFAULT_IFS = ' \t\n';
/** `[` alone (the test command) is no pattern: it needs its `]`. */
const GLOB_CHARS = /[*?]|\[.*\]/;

function ifsOf(sh: ShellState): string {
  const v = sh.get('IFS');
  return v === undefined ? DEFAULT_IFS : v;
}

class FieldBuilder implements Emitter {
  readonly fields: Array<{ segs: Array<{ s: string; q: boolean }>; glob: boolean }> = [];
  private segs: Array<{ s: string; q: boolean }> = [];
  private glob = false;
  private has = false;
  private brk = false;
  private readonly ws: string;
  private readonly nonWs: string;

  constructor(private readonly ifs: string) {
    // The default IFS is all whitespace: nothing to sort (one of these is made per expanded word).
    if (ifs === DEFAULT_IFS) {
      this.ws = ifs;
      this.nonWs = '';
      return;
    }
    let ws = '';
    let nonWs = '';
    for (const c of ifs) {
      if (c === ' ' || c === '\t' || c === '\n') ws += c;
      else nonWs += c;
    }
    this.ws = ws;
    this.nonWs = nonWs;
  }

  private push(): void {
    this.fields.push({ segs: this.segs, glob: this.glob });
    this.segs = [];
    this.glob = false;
    this.has = false;
  }

  private pending(): void {
    if (!this.brk) return;
    this.brk = false;
    if (this.has) this.push();
  }

  private add(s: string, q: boolean): void {
    this.pending();
    if (q) this.has = true;
    if (s === '') return;
    this.has = true;
    this.segs.push({ s, q });
    if (!q && /[*?[]/.test(s)) this.glob = true;
  }

  text(s: string, kind: Kind): void {
    if (kind !== 'exp' || this.ifs === '') {
      this.add(s, kind === 'q');
      return;
    }
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      const isWs = this.ws.includes(c);
      if (!isWs && !this.nonWs.includes(c)) continue;
      if (i > start) this.add(s.slice(start, i), false);
      start = i + 1;
      if (isWs) {
        this.brk = true;
      } else {
        this.brk = false;
        this.push();
      }
    }
    if (start < s.length) this.add(start === 0 ? s : s.slice(start), false);
  }

  split(hard: boolean): void {
    if (hard) {
      this.brk = false;
      this.push();
    } else {
      this.brk = true;
    }
  }

  finish(): void {
    this.brk = false;
    if (this.has) this.push();
  }
}

class StringBuilder implements Emitter {
  out = '';
  constructor(private readonly pattern: boolean) {}
  text(s: string, kind: Kind): void {
    this.out += this.pattern && kind === 'q' ? escapePattern(s) : s;
  }
  split(): void {
    this.out += ' ';
  }
}

function special(ctx: ExpandContext, name: string): string | undefined {
  const sh = ctx.sh;
  switch (name) {
    case '?':
      return String(sh.status);
    case '#':
      return String(sh.positional.length);
    case '$':
      return String(sh.pid);
    case '!':
      return sh.lastBgPid === undefined ? '' : String(sh.lastBgPid);
    case '0':
      return sh.arg0;
    case '-': {
      const o = sh.options;
      return `${o.errexit ? 'e' : ''}${o.noglob ? 'f' : ''}${o.nounset ? 'u' : ''}${o.xtrace ? 'x' : ''}`;
    }
    case '@':
    case '*':
      return sh.positional.join(' ');
  }
  const c = name.charCodeAt(0);
  if (c >= 48 && c <= 57) return sh.positional[Number(name) - 1];
  return sh.get(name);
}

function notSet(name: string, msg?: string): never {
  throw new ExpansionError(`${name}: ${msg ?? 'parameter not set'}`);
}

function emitParams(ctx: ExpandContext, out: Emitter, name: '@' | '*', q: boolean): void {
  const params = ctx.sh.positional;
  if (q && name === '*') {
    const sep = ifsOf(ctx.sh).slice(0, 1);
    out.text(params.join(sep), 'q');
    return;
  }
  params.forEach((p, i) => {
    if (i > 0) out.split(q);
    out.text(p, q ? 'q' : 'exp');
  });
}

function emitPart(ctx: ExpandContext, part: WordPart, out: Emitter): void {
  switch (part.t) {
    case 'lit':
      out.text(part.v, part.q ? 'q' : 'lit');
      return;
    case 'tilde': {
      const home = part.user === '' ? (ctx.sh.get('HOME') ?? '/root') : part.user === 'root' ? '/root' : undefined;
      out.text(home ?? `~${part.user}`, 'q');
      return;
    }
    case 'len': {
      const v = special(ctx, part.name);
      if (v === undefined && ctx.sh.options.nounset) notSet(part.name);
      out.text(String((v ?? '').length), part.q ? 'q' : 'exp');
      return;
    }
    case 'cmd': {
      const s = ctx.substitute(part.body);
      let end = s.length;
      while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
      out.text(end === s.length ? s : s.slice(0, end), part.q ? 'q' : 'exp');
      return;
    }
    case 'arith': {
      const expr = expandString(ctx, part.expr);
      const sh = ctx.sh;
      const v = evalArith(expr, {
        get: (n) => sh.get(n),
        set: (n, val) => {
          ctx.assigned?.();
          if (!sh.set(n, val)) throw new ExpansionError(`${n}: is read only`);
        },
      });
      out.text(String(v), part.q ? 'q' : 'exp');
      return;
    }
    case 'param':
      emitParam(ctx, part, out);
  }
}

function emitParam(ctx: ExpandContext, part: WordPart & { t: 'param' }, out: Emitter): void {
  const { name, op, colon, arg, q } = part;
  const kind: Kind = q ? 'q' : 'exp';
  const isList = name === '@' || name === '*';
  // "$@" as is: its words, never the joined string (a script passed on as an argument can be long).
  if (op === '' && isList) {
    emitParams(ctx, out, name, q);
    return;
  }
  const value = isList && ctx.sh.positional.length === 0 ? undefined : special(ctx, name);
  const unset = value === undefined || (colon && value === '');
  // A double-quoted ${x:-word} / ${x+word} is one field even when word is
  // empty or not used (POSIX XCU 2.6.5; FreeBSD bin/sh/expand.c marks the
  // field at its opening quote, WORD_QUOTEMARK): note the quote before the
  // word, which may emit nothing.
  if (q && (op === '-' || op === '+')) out.text('', 'q');
  switch (op) {
    case '':
      if (isList) {
        emitParams(ctx, out, name, q);
        return;
      }
      if (value === undefined && ctx.sh.options.nounset) notSet(name);
      out.text(value ?? '', kind);
      return;
    case '-':
      if (unset) emitWord(ctx, arg, out, true);
      else if (isList) emitParams(ctx, out, name, q);
      else out.text(value, kind);
      return;
    case '+':
      if (!unset) emitWord(ctx, arg, out, true);
      return;
    case '=': {
      if (!unset) {
        out.text(value, kind);
        return;
      }
      const v = arg ? expandString(ctx, arg) : '';
      if (!/^[A-Za-z_]/.test(name)) throw new ExpansionError(`${name}: bad substitution`);
      ctx.assigned?.();
      if (!ctx.sh.set(name, v)) throw new ExpansionError(`${name}: is read only`);
      out.text(v, kind);
      return;
    }
    case '?':
      if (!unset) {
        out.text(value, kind);
        return;
      }
      notSet(name, arg && arg.parts.length ? expandString(ctx, arg) : colon ? 'parameter null or not set' : 'parameter not set');
      return;
    default: {
      if (value === undefined && ctx.sh.options.nounset) notSet(name);
      const pattern = arg ? expandPatternText(ctx, arg) : '';
      out.text(trimPattern(value ?? '', pattern, op), kind);
    }
  }
}

/** `inBrace`: unquoted text inside ${x:-a b} is split like an expansion result. */
function emitWord(ctx: ExpandContext, word: Word | undefined, out: Emitter, inBrace = false): void {
  if (!word) return;
  for (const p of word.parts) {
    if (inBrace && p.t === 'lit' && !p.q) out.text(p.v, 'exp');
    else emitPart(ctx, p, out);
  }
}

/** One string, no field splitting or globbing: assignments, here-documents, redirection targets. */
export function expandString(ctx: ExpandContext, word: Word): string {
  if (word.plain !== undefined) return word.plain;
  const b = new StringBuilder(false);
  emitWord(ctx, word, b);
  return b.out;
}

/** A pattern (case, ${x%pat}): quoted characters match literally. */
export function expandPatternText(ctx: ExpandContext, word: Word): string {
  if (word.plain !== undefined) return word.plain;
  const b = new StringBuilder(true);
  emitWord(ctx, word, b);
  return b.out;
}

/**
 * A word that is one quoted part, `'text'` or `"$name"`: always exactly one
 * field, neither split nor globbed, so no FieldBuilder is needed (most words
 * of generated scripts that are not plain). Undefined for any other word.
 */
function oneQuotedField(ctx: ExpandContext, w: Word): string | undefined {
  if (w.parts.length !== 1) return undefined;
  const part = w.parts[0]!;
  if (part.t === 'lit') return part.q ? part.v : undefined;
  if (part.t !== 'param' || !part.q || part.op !== '' || part.name === '@' || part.name === '*') return undefined;
  const value = special(ctx, part.name);
  if (value === undefined && ctx.sh.options.nounset) notSet(part.name);
  return value ?? '';
}

/** Whether a word always expands to exactly one field: plain text, or one quoted part (oneQuotedField). */
function oneField(w: Word): boolean {
  if (w.plain !== undefined) return true;
  if (w.parts.length !== 1) return false;
  const part = w.parts[0]!;
  if (part.t === 'lit') return part.q;
  return part.t === 'param' && part.q && part.op === '' && part.name !== '@' && part.name !== '*';
}

/** Command arguments: full expansion into fields. */
export function expandWords(ctx: ExpandContext, words: Word[]): string[] {
  // Most commands: a word a field, so an array of just that size (no growing it push by push).
  const n = words.length;
  let simple = 0;
  while (simple < n && oneField(words[simple]!)) simple++;
  if (simple === n) {
    const fields = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const w = words[i]!;
      fields[i] = w.plain ?? oneQuotedField(ctx, w)!;
    }
    return fields;
  }
  const argv: string[] = [];
  for (const w of words) {
    if (w.plain !== undefined) {
      argv.push(w.plain);
      continue;
    }
    const one = oneQuotedField(ctx, w);
    if (one !== undefined) {
      argv.push(one);
      continue;
    }
    const b = new FieldBuilder(ifsOf(ctx.sh));
    emitWord(ctx, w, b);
    b.finish();
    for (const f of b.fields) {
      const text = f.segs.length === 1 ? f.segs[0]!.s : f.segs.map((s) => s.s).join('');
      if (f.glob && !ctx.sh.options.noglob && GLOB_CHARS.test(text)) {
        const pattern = f.segs.map((s) => (s.q ? escapePattern(s.s) : s.s)).join('');
        const matches = ctx.glob(pattern);
        if (matches.length) {
          argv.push(...matches);
          continue;
        }
      }
      argv.push(text);
    }
  }
  return argv;
}
