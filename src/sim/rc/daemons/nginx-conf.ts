/**
 * nginx.conf read the way nginx reads it (nginx src/core/ngx_conf_file.c
 * ngx_conf_read_token / ngx_conf_parse / ngx_conf_include): a directive is
 * words ended by ";", a block directive's words are followed by "{ ... }",
 * "#" starts a comment where a word may start, '...' and "..." quote with
 * backslash escapes, and `include` reads a file (relative to the
 * configuration prefix, /usr/local/etc/nginx) or a glob, which may match
 * nothing (ngx_conf_include sets gl.test). Only the tree is built: which
 * directives are allowed where is not checked.
 */
import { dirname, type SimFs } from '../../fs.js';
import { globFs, hasMagic } from '../../jail-conf/glob.js';

export interface NginxDirective {
  name: string;
  args: string[];
  file: string;
  line: number;
  block?: NginxDirective[];
}

/** An [emerg] message as nginx words it (without the "nginx: [emerg] " prefix). */
export class NginxConfError extends Error {}

interface Where {
  fs: SimFs;
  /** Host path that "/" means (a jail's root). */
  root: string;
  /** Directory relative `include` paths start from (the -c file's). */
  prefix: string;
}

type Token = { word: string } | { end: ';' | '{' | '}' };

class Reader {
  private pos = 0;
  line = 1;
  constructor(
    private readonly text: string,
    readonly file: string,
  ) {}

  private fail(msg: string): never {
    throw new NginxConfError(`${msg} in ${this.file}:${this.line}`);
  }

  /** The next word or terminator; undefined at end of file. */
  next(): Token | undefined {
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length) return undefined;
      const c = t[this.pos]!;
      if (c === '\n') this.line++;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        this.pos++;
        continue;
      }
      if (c === '#') {
        while (this.pos < t.length && t[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === ';' || c === '{' || c === '}') {
        this.pos++;
        return { end: c };
      }
      return { word: c === '"' || c === "'" ? this.quoted(c) : this.bare() };
    }
  }

  private bare(): string {
    const t = this.text;
    let word = '';
    while (this.pos < t.length && !/[\s;{}]/.test(t[this.pos]!)) {
      if (t[this.pos] === '\\' && this.pos + 1 < t.length) word += t[++this.pos];
      else word += t[this.pos];
      this.pos++;
    }
    return word;
  }

  private quoted(q: string): string {
    const t = this.text;
    let word = '';
    this.pos++;
    for (;;) {
      if (this.pos >= t.length) this.fail(`unexpected end of file, expecting ";" or "}"`);
      const c = t[this.pos++]!;
      if (c === q) break;
      if (c === '\n') this.line++;
      if (c === '\\' && this.pos < t.length) {
        const e = t[this.pos++]!;
        word += e === 't' ? '\t' : e === 'r' ? '\r' : e === 'n' ? '\n' : e === q || e === '\\' ? e : `\\${e}`;
        continue;
      }
      word += c;
    }
    // ngx_conf_read_token: a quoted word must be followed by a space or terminator.
    const after = t[this.pos];
    if (after !== undefined && !/[\s;{})]/.test(after)) this.fail(`unexpected "${after}"`);
    return word;
  }

  /** Directives up to the end of the file (top level) or the closing "}" of a block. */
  directives(where: Where, inBlock: boolean, depth: number): NginxDirective[] {
    const out: NginxDirective[] = [];
    let words: string[] = [];
    let startLine = this.line;
    for (;;) {
      const tok = this.next();
      if (!tok) {
        if (words.length) this.fail('unexpected end of file, expecting ";" or "}"');
        if (inBlock) this.fail('unexpected end of file, expecting "}"');
        return out;
      }
      if ('word' in tok) {
        if (!words.length) startLine = this.line;
        words.push(tok.word);
        continue;
      }
      if (tok.end === '}') {
        if (words.length || !inBlock) this.fail('unexpected "}"');
        return out;
      }
      if (!words.length) this.fail(`unexpected "${tok.end}"`);
      const [name, ...args] = words as [string, ...string[]];
      words = [];
      const d: NginxDirective = { name, args, file: this.file, line: startLine };
      if (tok.end === '{') {
        d.block = this.directives(where, true, depth);
        out.push(d);
      } else if (name === 'include') {
        out.push(...include(where, d, depth));
      } else {
        out.push(d);
      }
    }
  }
}

/** ngx_conf_include: each file the path or glob names, parsed in place of the directive. */
function include(where: Where, d: NginxDirective, depth: number): NginxDirective[] {
  const arg = d.args[0] ?? '';
  const at = `in ${d.file}:${d.line}`;
  if (d.args.length !== 1) throw new NginxConfError(`invalid number of arguments in "include" directive ${at}`);
  if (depth > 16) throw new NginxConfError(`include depth exceeded ${at}`); // INFERRED: a loop guard, not nginx's wording
  const path = arg.startsWith('/') ? arg : `${where.prefix}/${arg}`;
  const files = hasMagic(path) ? globFs(where.fs, where.root, path) : [path];
  const out: NginxDirective[] = [];
  for (const file of files) {
    const node = where.fs.stat(where.fs.resolve(where.root, '/', file));
    if (node?.kind !== 'file') {
      const why = node ? '21: Is a directory' : '2: No such file or directory';
      throw new NginxConfError(`open() "${file}" failed (${why}) ${at}`);
    }
    out.push(...new Reader(node.content, file).directives(where, false, depth + 1));
  }
  return out;
}

/** Parse the configuration file `file` (as the process sees it) under `root`. */
export function parseNginxConf(fs: SimFs, root: string, file: string): NginxDirective[] {
  const node = fs.stat(fs.resolve(root, '/', file));
  if (node?.kind !== 'file') {
    // ngx_conf_parse: ngx_open_file failed, logged without a file:line.
    throw new NginxConfError(`open() "${file}" failed (${node ? '21: Is a directory' : '2: No such file or directory'})`);
  }
  return new Reader(node.content, file).directives({ fs, root, prefix: dirname(file) }, false, 0);
}
