/**
 * jail.conf(5) grammar (usr.sbin/jail/jailparse.y): a series of jail blocks
 * and top-level parameters; top-level parameters belong to a "*" pseudo-jail
 * so they act as defaults. `.include "glob";` splices other files in place.
 */
import { lex, type Token, type VarRef } from './lexer.js';

export interface ConfString {
  text: string;
  vars: VarRef[];
}

export interface RawParam {
  name: string;
  isVar: boolean;
  values: ConfString[];
  append: boolean;
}

export interface RawBlock {
  name: string;
  params: RawParam[];
}

/** Expands an include pattern to the files' texts, or returns an error message. */
export type Includer = (pattern: string, cfname: string) => Array<{ path: string; text: string }> | { error: string };

export type ParseResult = { blocks: RawBlock[] } | { error: string };

const MAX_INCLUDE_DEPTH = 16;

export function parseConf(src: string, cfname: string, includer: Includer, blocks: RawBlock[] = [], depth = 0): ParseResult {
  const lexed = lex(src, cfname);
  if (lexed.error) return { error: lexed.error };
  const toks = lexed.tokens;
  let i = 0;
  const syntaxError = (): { error: string } => {
    const t = toks[i];
    // jailparse.y's yyerror: the offending token's text, or "unexpected EOF".
    return t ? { error: `${cfname} line ${t.line}: ${t.raw}: syntax error` } : { error: `${cfname}: unexpected EOF` };
  };
  const isPunct = (t: Token | undefined, p: string): boolean => t?.kind === 'punct' && t.text === p;
  const isStrStart = (t: Token | undefined): boolean => t !== undefined && t.kind !== 'punct';

  /** One string: a first piece plus every directly adjacent piece. */
  const readString = (): ConfString | undefined => {
    const first = toks[i];
    if (!isStrStart(first)) return undefined;
    const out: ConfString = { text: '', vars: [] };
    do {
      const t = toks[i]!;
      if (t.kind === 'var') out.vars.push({ name: t.name, pos: out.text.length });
      else if (t.kind === 'str') {
        for (const v of t.vars) out.vars.push({ name: v.name, pos: out.text.length + v.pos });
        out.text += t.text;
      }
      i++;
    } while (isStrStart(toks[i]) && (toks[i] as { cont: boolean }).cont);
    return out;
  };

  /** param: name [= value | += value | value] ; the caller eats the ';'. */
  const readParam = (): RawParam | { error: string } => {
    const first = toks[i];
    const name = readString();
    if (!name || !first) return syntaxError();
    const isVar = first.kind === 'var' && name.vars.length === 1 && name.text === '';
    if (!isVar && name.vars.length) return syntaxError();
    const param: RawParam = { name: isVar ? name.vars[0]!.name : name.text, isVar, values: [], append: false };
    if (isPunct(toks[i], '=') || isPunct(toks[i], '+=')) {
      param.append = isPunct(toks[i], '+=');
      i++;
      if (!isStrStart(toks[i])) return syntaxError();
    }
    if (!isStrStart(toks[i])) return param;
    for (;;) {
      const v = readString();
      if (!v) return syntaxError();
      param.values.push(v);
      if (!isPunct(toks[i], ',')) break;
      i++;
    }
    return param;
  };

  const addTopLevel = (p: RawParam): void => {
    const last = blocks[blocks.length - 1];
    if (last && last.name === '*') last.params.push(p);
    else blocks.push({ name: '*', params: [p] });
  };

  while (i < toks.length) {
    if (isPunct(toks[i], ';')) {
      i++;
      continue;
    }
    if (!isStrStart(toks[i])) return syntaxError();
    const save = i;
    const head = readString()!;
    if (isPunct(toks[i], '{')) {
      if (head.vars.length) {
        i = save;
        return syntaxError();
      }
      i++;
      const block: RawBlock = { name: head.text, params: [] };
      while (!isPunct(toks[i], '}')) {
        if (i >= toks.length) return syntaxError();
        if (isPunct(toks[i], ';')) {
          i++;
          continue;
        }
        const p = readParam();
        if ('error' in p) return p;
        if (!isPunct(toks[i], ';')) return syntaxError();
        i++;
        block.params.push(p);
      }
      i++;
      blocks.push(block);
      continue;
    }
    i = save;
    const p = readParam();
    if ('error' in p) return p;
    if (!isPunct(toks[i], ';')) return syntaxError();
    i++;
    if (!p.isVar && p.name === '.include') {
      const pattern = p.values[0];
      if (!pattern || p.values.length !== 1 || pattern.vars.length) return { error: `${cfname}: .include: invalid pattern` }; // INFERRED wording
      if (depth >= MAX_INCLUDE_DEPTH) return { error: `${cfname}: .include: nested too deeply` }; // INFERRED wording
      const files = includer(pattern.text, cfname);
      if ('error' in files) return files;
      for (const f of files) {
        const r = parseConf(f.text, f.path, includer, blocks, depth + 1);
        if ('error' in r) return r;
      }
      continue;
    }
    addTopLevel(p);
  }
  return { blocks };
}
