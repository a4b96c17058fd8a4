/**
 * A small, independent reader of rc.conf(5)-style files: the sh assignment
 * subset (`name="v"`, `name='v'`, `name=v`, `a=1; b=2`, comments), applied in
 * order so the last assignment wins. `$name` / `${name}` expand against the
 * variables set so far, as sourcing the file would; anything fancier (command
 * substitution, `${x:-y}`) is kept literally. Function bodies are skipped: they
 * are not executed when a file is sourced.
 *
 * Every sysrc, service and rc.d run sources /etc/defaults/rc.conf and
 * /etc/rc.conf, so a text is compiled once into its list of assignments (the
 * only thing that depends on the variables is `$name` expansion, kept as a
 * reference) and the compiled form is cached by the exact text.
 */
import { ContentLru } from '../../content-lru.js';

/** rc.conf variables as sourcing left them; shared between callers, so read-only. */
export type RcVars = ReadonlyMap<string, string>;

/** A `$name` / `${name}` reference, expanded when the assignment is applied. */
interface RcRef {
  ref: string;
}

/** One `name=value`: `value` when the word has no expansion, else its parts in order. */
interface RcAssignment {
  name: string;
  value?: string;
  parts?: Array<string | RcRef>;
}

const FUNCTION_HEADER = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*\(\s*\)\s*(\{)?\s*$/;
const DOLLAR_NAME = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/y;

/** Hosts carry the same few versions of each rc file; 512 covers a busy fleet's working set. */
const compiled = new ContentLru<readonly RcAssignment[]>(512);

/** What sourcing writes to: a map, or a layer over one (rc-vars-layer.ts). */
export interface RcVarsTarget extends RcVars {
  set(name: string, value: string): unknown;
}

/** Source `text` into `vars` (mutated), returning the names it assigned. */
export function sourceRcText(text: string, vars: RcVarsTarget): string[] {
  const program = compiled.get(text, compileRcText);
  const assigned: string[] = new Array<string>(program.length);
  for (let i = 0; i < program.length; i++) {
    const a = program[i]!;
    vars.set(a.name, a.parts ? expand(a.parts, vars) : a.value!);
    assigned[i] = a.name;
  }
  return assigned;
}

function expand(parts: ReadonlyArray<string | RcRef>, vars: RcVars): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : (vars.get(part.ref) ?? '');
  return out;
}

/** The assignments `text` makes when sourced, in order. */
function compileRcText(text: string): RcAssignment[] {
  const program: RcAssignment[] = [];
  const p = new Parser(text);
  let functionDepth = -1; // -1: not inside a function body
  while (!p.done()) {
    const lineStart = p.pos;
    const line = p.peekLine();
    if (functionDepth >= 0) {
      functionDepth += braceDelta(line);
      p.skipLine();
      if (functionDepth <= 0 && /}/.test(line)) functionDepth = -1;
      continue;
    }
    const header = FUNCTION_HEADER.exec(line);
    if (header) {
      functionDepth = header[1] ? 1 : 0;
      p.skipLine();
      continue;
    }
    p.pos = lineStart;
    p.statements(program);
  }
  return program;
}

/** Net `{`/`}` count of a function-body line, ignoring `${`. */
function braceDelta(line: string): number {
  const stripped = line.replace(/\$\{[^}]*\}/g, '');
  return (stripped.match(/\{/g) ?? []).length - (stripped.match(/\}/g) ?? []).length;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** Collects one word's parts: literal text runs and `$name` references. */
class WordBuilder {
  private literal = '';
  private parts: Array<string | RcRef> | undefined;

  add(text: string): void {
    this.literal += text;
  }

  ref(name: string): void {
    this.parts ??= [];
    if (this.literal) this.parts.push(this.literal);
    this.literal = '';
    this.parts.push({ ref: name });
  }

  assignment(name: string): RcAssignment {
    if (!this.parts) return { name, value: this.literal };
    if (this.literal) this.parts.push(this.literal);
    return { name, parts: this.parts };
  }
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  peekLine(): string {
    const end = this.text.indexOf('\n', this.pos);
    return this.text.slice(this.pos, end < 0 ? undefined : end);
  }

  skipLine(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end + 1;
  }

  /** Parse `;`-separated statements up to the end of the line. */
  statements(program: RcAssignment[]): void {
    for (;;) {
      this.skipBlanks();
      const name = this.assignmentName();
      if (name === undefined) {
        this.skipLine();
        return;
      }
      const word = new WordBuilder();
      this.word(word);
      program.push(word.assignment(name));
      this.skipBlanks();
      const c = this.text[this.pos];
      if (c === ';') {
        this.pos++;
        continue;
      }
      // Anything else (a comment, a command word after the assignment): rest of line.
      this.skipLine();
      return;
    }
  }

  private skipBlanks(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  /** `name=` at the cursor: consumes it and returns name; else leaves the cursor. */
  private assignmentName(): string | undefined {
    const start = this.pos;
    if (!isNameStart(this.text.charCodeAt(start))) return undefined;
    let i = start + 1;
    while (isNameChar(this.text.charCodeAt(i))) i++;
    if (this.text[i] !== '=') return undefined;
    this.pos = i + 1;
    return this.text.slice(start, i);
  }

  /** One shell word: quoted and unquoted parts up to a blank, `;`, or newline. */
  private word(out: WordBuilder): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === ' ' || c === '\t' || c === '\n' || c === ';') return;
      if (c === "'") {
        const end = this.text.indexOf("'", this.pos + 1);
        const stop = end < 0 ? this.text.length : end;
        out.add(this.text.slice(this.pos + 1, stop));
        this.pos = stop + 1;
      } else if (c === '"') {
        this.pos++;
        this.doubleQuoted(out);
      } else if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next !== '\n' && next !== undefined) out.add(next);
        this.pos += 2;
      } else if (c === '$') {
        this.dollar(out);
      } else {
        out.add(c);
        this.pos++;
      }
    }
  }

  private doubleQuoted(out: WordBuilder): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return;
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next !== undefined && '$`"\\'.includes(next)) out.add(next);
        else if (next !== '\n') out.add(c + (next ?? ''));
        this.pos += 2;
        continue;
      }
      if (c === '$') {
        this.dollar(out);
        continue;
      }
      out.add(c);
      this.pos++;
    }
  }

  /** `$name` or `${name}` become a reference; other `$` forms are kept as written. */
  private dollar(out: WordBuilder): void {
    DOLLAR_NAME.lastIndex = this.pos;
    const m = DOLLAR_NAME.exec(this.text);
    if (!m) {
      this.pos++;
      out.add('$');
      return;
    }
    this.pos += m[0].length;
    out.ref((m[1] ?? m[2])!);
  }
}
