/**
 * A small, independent reader of rc.conf(5)-style files: the sh assignment
 * subset (`name="v"`, `name='v'`, `name=v`, `a=1; b=2`, comments), applied in
 * order so the last assignment wins. `$name` / `${name}` expand against the
 * variables set so far, as sourcing the file would; anything fancier (command
 * substitution, `${x:-y}`) is kept literally. Function bodies are skipped: they
 * are not executed when a file is sourced.
 */
export type RcVars = Map<string, string>;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const FUNCTION_HEADER = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*\(\s*\)\s*(\{)?\s*$/;

/** Source `text` into `vars` (mutated), returning the names it assigned. */
export function sourceRcText(text: string, vars: RcVars): string[] {
  const assigned: string[] = [];
  const p = new Parser(text, vars);
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
    p.statements(assigned);
  }
  return assigned;
}

/** Net `{`/`}` count of a function-body line, ignoring `${`. */
function braceDelta(line: string): number {
  const stripped = line.replace(/\$\{[^}]*\}/g, '');
  return (stripped.match(/\{/g) ?? []).length - (stripped.match(/\}/g) ?? []).length;
}

class Parser {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly vars: RcVars,
  ) {}

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
  statements(assigned: string[]): void {
    for (;;) {
      this.skipBlanks();
      const name = this.assignmentName();
      if (name === undefined) {
        this.skipLine();
        return;
      }
      const value = this.word();
      this.vars.set(name, value);
      assigned.push(name);
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
    if (!NAME_START.test(this.text[start] ?? '')) return undefined;
    let i = start + 1;
    while (NAME_CHAR.test(this.text[i] ?? '')) i++;
    if (this.text[i] !== '=') return undefined;
    this.pos = i + 1;
    return this.text.slice(start, i);
  }

  /** One shell word: quoted and unquoted parts up to a blank, `;`, or newline. */
  private word(): string {
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === ' ' || c === '\t' || c === '\n' || c === ';') return out;
      if (c === "'") {
        const end = this.text.indexOf("'", this.pos + 1);
        const stop = end < 0 ? this.text.length : end;
        out += this.text.slice(this.pos + 1, stop);
        this.pos = stop + 1;
      } else if (c === '"') {
        this.pos++;
        out += this.doubleQuoted();
      } else if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next !== '\n' && next !== undefined) out += next;
        this.pos += 2;
      } else if (c === '$') {
        out += this.dollar();
      } else {
        out += c;
        this.pos++;
      }
    }
  }

  private doubleQuoted(): string {
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return out;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next !== undefined && '$`"\\'.includes(next)) out += next;
        else if (next === '\n') out += '';
        else out += c + (next ?? '');
        this.pos += 2;
        continue;
      }
      if (c === '$') {
        out += this.dollar();
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  /** `$name` or `${name}` expand; other `$` forms are kept as written. */
  private dollar(): string {
    const rest = this.text.slice(this.pos);
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
    const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    const m = braced ?? bare;
    if (!m) {
      this.pos++;
      return '$';
    }
    this.pos += m[0].length;
    return this.vars.get(m[1]!) ?? '';
  }
}
