/**
 * The jails a jail.conf(5) file defines and the root (`path`) of each, as
 * jail(8) works them out (usr.sbin/jail/config.c load_config): parameters
 * outside any definition and `*` (or `foo.*`) definitions are wildcards;
 * a jail gets the wildcards defined before it, then its own parameters,
 * then the wildcards after it, each later one replacing (or with `+=`
 * extending) an earlier one; `$variables` are substituted per jail, `$name`
 * being the jail's name. `.include` splices in the files its glob matches,
 * from those `files` holds.
 */
import { ConfSyntaxError, type Part } from './conf-lex.js';
import { parseConf, type Param, type Statement } from './conf-parse.js';

export interface ConfJail {
  name: string;
  /** The jail's root; undefined with `problem` when the file does not give one. */
  path?: string;
  problem?: string;
  file: string;
  line: number;
}

/** A file that jail(8) would refuse, with the line. */
export class ConfFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}

interface Located {
  statement: Statement;
  file: string;
}

const MAX_INCLUDE_DEPTH = 8;

/** glob(3) for one path: `*`, `?` and `[...]` never match `/`. */
function globMatch(pattern: string, path: string): boolean {
  let re = '';
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[' && pattern.indexOf(']', k + 2) > 0) {
      const end = pattern.indexOf(']', k + 2);
      const body = pattern.slice(k + 1, end);
      re += `[${body.startsWith('!') ? `^/${body.slice(1)}` : body.replace(/\\/g, '\\\\')}]`;
      k = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(path);
}

function statementsOf(file: string, files: ReadonlyMap<string, string>, depth: number): Located[] {
  let parsed: Statement[];
  try {
    parsed = parseConf(files.get(file) ?? '');
  } catch (err) {
    if (err instanceof ConfSyntaxError) throw new ConfFileError(file, err.line, err.message);
    throw err;
  }
  return parsed.flatMap((statement) => {
    if (statement.kind !== 'include') return [{ statement, file }];
    if (depth >= MAX_INCLUDE_DEPTH) throw new ConfFileError(file, statement.line, `.include nested more than ${MAX_INCLUDE_DEPTH} deep`);
    // glob(3) returns the matches sorted.
    const matched = [...files.keys()].filter((f) => globMatch(statement.pattern, f)).sort();
    return matched.flatMap((f) => statementsOf(f, files, depth + 1));
  });
}

interface Definition {
  name: string;
  params: Param[];
  file: string;
  line: number;
}

function wildName(name: string): boolean {
  return name.includes('*');
}

/** config.c wild_jail_match(): a `*` component matches one component, a final one the rest. */
function wildMatch(jail: string, wild: string): boolean {
  const j = jail.split('.');
  const w = wild.split('.');
  for (let k = 0; k < w.length; k++) {
    if (k === w.length - 1 && w[k] === '*') return j.length > k;
    if (k >= j.length || (w[k] !== '*' && w[k] !== j[k])) return false;
  }
  return j.length === w.length;
}

function definitions(located: Located[]): Definition[] {
  const defs: Definition[] = [];
  for (const { statement: s, file } of located) {
    if (s.kind === 'jail') defs.push({ name: s.name, params: [...s.params], file, line: s.line });
    else if (s.kind === 'param') {
      // jailparse.y: a parameter outside a definition joins the last jail if that is `*`, else starts one.
      const last = defs.at(-1);
      if (last?.name === '*') last.params.push(s.param);
      else defs.push({ name: '*', params: [s.param], file, line: s.param.line });
    }
  }
  return defs;
}

/** The parameters of one jail, in the order config.c adds them. */
function paramsOf(def: Definition, index: number, defs: Definition[]): Map<string, Param> {
  const params = new Map<string, Param>();
  const add = (p: Param) => {
    const had = params.get(p.name);
    params.set(p.name, had && p.append && p.values.length ? { ...p, values: [...had.values, ...p.values] } : p);
  };
  const implied = /^[1-9]\d*$/.test(def.name) ? 'jid' : 'name';
  add({ name: implied, variable: false, append: false, values: [[{ text: def.name }]], line: def.line });
  let own = false;
  defs.forEach((w, k) => {
    if (!wildName(w.name)) return;
    if (k > index && !own) {
      def.params.forEach(add);
      own = true;
    }
    if (wildMatch(def.name, w.name)) w.params.forEach(add);
  });
  if (!own) def.params.forEach(add);
  return params;
}

/** A parameter's values with every `$variable` substituted; throws jail(8)'s complaint when it cannot be. */
function resolve(name: string, params: Map<string, Param>, seen: string[]): string[] {
  return params.get(name)!.values.flatMap((parts) => substitute(parts, params, [...seen, name], name));
}

function valueOf(variable: string, params: Map<string, Param>, seen: string[], owner: string): string[] {
  if (!params.get(variable)?.values.length) throw new Error(`${owner}: variable "${variable}" not found`);
  if (seen.includes(variable)) throw new Error(`${variable}: variable loop`);
  return resolve(variable, params, seen);
}

function substitute(parts: Part[], params: Map<string, Param>, seen: string[], owner: string): string[] {
  const only = parts.length === 1 ? parts[0]! : undefined;
  // A variable alone may stand for a list; inside a string it must be one value.
  if (only && 'variable' in only) return valueOf(only.variable, params, seen, owner);
  let out = '';
  for (const part of parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const values = valueOf(part.variable, params, seen, owner);
    if (values.length > 1) throw new Error(`${owner}: array cannot be substituted inline`);
    out += values[0]!;
  }
  return [out];
}

/**
 * Every jail `file` defines (after its includes), in order, each with its
 * path. Throws ConfFileError where jail(8) would refuse the file.
 */
export function confJails(file: string, files: ReadonlyMap<string, string>): ConfJail[] {
  const defs = definitions(statementsOf(file, files, 0));
  return defs.flatMap((def, index) => {
    if (wildName(def.name)) return [];
    const jail = { name: def.name, file: def.file, line: def.line };
    const params = paramsOf(def, index, defs);
    if (!params.has('path')) return [{ ...jail, problem: `${def.file} gives it no path` }];
    try {
      const path = resolve('path', params, []).at(-1);
      return [path ? { ...jail, path } : { ...jail, problem: `${def.file}: its path is empty` }];
    } catch (err) {
      return [{ ...jail, problem: `${def.file}: ${(err as Error).message}` }];
    }
  });
}
