/** eval, exec, ., read, wait, trap, command, type, hash. */
import { SimFsError } from '../../fs.js';
import { ExitSignal, ReturnSignal } from '../errors.js';
import { inputOf } from '../io.js';
import { parseCached } from '../parse-cache.js';
import { andThen, around } from '../steps.js';
import { err, out, shellQuote } from './output.js';
import type { Builtin, BuiltinCall } from './types.js';

/** Utilities FreeBSD sh has built in although the simulator runs them from the command table. */
const SH_BUILTIN_UTILITIES = new Set(['echo', 'printf', 'test', '[', 'kill', 'getopts', 'alias', 'jobs', 'ulimit']);

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in']);

export const evalBuiltin: Builtin = (call) => {
  const text = call.argv.slice(1).join(' ');
  if (text.trim() === '') return 0;
  return call.exec.runProgram(call.sh, parseCached(text), call.io);
};

export const dot: Builtin = (call) => {
  const file = call.argv[1];
  if (file === undefined) {
    err(call, '.: expected filename');
    return 2;
  }
  const { sh, exec } = call;
  let text: string;
  try {
    const path = exec.fs.resolve(sh.root, sh.cwd, file);
    // A missing file (rc scripts source optional ones) without building an error to catch.
    if (!exec.fs.stat(path)) throw new ExitSignal(cannotOpen(call, file, 'No such file or directory'));
    text = exec.fs.readFile(path);
  } catch (e) {
    if (!(e instanceof SimFsError)) throw e;
    throw new ExitSignal(cannotOpen(call, file, e.strerror));
  }
  sh.localFrames.push(new Map());
  const frame = sh.localFrames.length;
  return around(() => exec.runProgram(sh, parseCached(text), call.io), {
    catch: (e) => {
      if (e instanceof ReturnSignal && sh.localFrames.length === frame) return e.code;
      throw e;
    },
    finally: () => sh.localFrames.pop(),
  });
};

/** `.` of a file it cannot read: the message, and the status the shell exits with. */
function cannotOpen(call: BuiltinCall, file: string, why: string): number {
  err(call, `.: cannot open ${file}: ${why}`);
  return 2;
}

/** exec with no command makes its redirections permanent; with one, runs it and ends the shell. */
export const exec: Builtin = (call) => {
  const args = call.argv.slice(1);
  if (args.length === 0) {
    call.outerIo.fds = call.io.fds;
    return 0;
  }
  // bin/sh/exec.c shellexec: "%s: not found" from within the exec builtin, so error.c names it: "exec: NAME: not found".
  if (!call.exec.execFinds(call.sh, args[0]!)) {
    err(call, `sh: exec: ${args[0]!}: not found`);
    throw new ExitSignal(127);
  }
  return andThen(call.exec.dispatch(call.sh, args, [], call.io, call.io, false), (code): number => {
    throw new ExitSignal(code);
  });
};

export const read: Builtin = (call) => {
  const { sh } = call;
  let raw = false;
  const names: string[] = [];
  const args = call.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (names.length === 0 && a === '-r') raw = true;
    else if (names.length === 0 && a === '-p') i++;
    else names.push(a);
  }
  if (names.length === 0) {
    err(call, 'read: arg count');
    return 2;
  }
  const reader = inputOf(call.io);
  let line = '';
  let complete = false;
  let gotAny = false;
  for (;;) {
    const got = reader?.takeLine();
    if (!got) break;
    gotAny = true;
    complete = got.complete;
    if (!raw && got.complete && got.line.endsWith('\\')) {
      line += got.line.slice(0, -1);
      continue;
    }
    line += got.line;
    break;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = sh.get('IFS') ?? ' \t\n';
  const ws = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  const isWs = (c: string): boolean => ws.includes(c);
  const isSep = (c: string): boolean => ifs.includes(c);
  let pos = 0;
  while (pos < line.length && isWs(line[pos]!)) pos++;
  for (let n = 0; n < names.length; n++) {
    const name = names[n]!;
    let value: string;
    if (n === names.length - 1) {
      value = line.slice(pos);
      let end = value.length;
      while (end > 0 && isWs(value[end - 1]!)) end--;
      value = value.slice(0, end);
    } else {
      const start = pos;
      while (pos < line.length && !isSep(line[pos]!)) pos++;
      value = line.slice(start, pos);
      while (pos < line.length && isWs(line[pos]!)) pos++;
      if (pos < line.length && isSep(line[pos]!) && !isWs(line[pos]!)) {
        pos++;
        while (pos < line.length && isWs(line[pos]!)) pos++;
      }
    }
    if (!sh.set(name, value)) {
      err(call, `read: ${name}: is read only`);
      return 2;
    }
  }
  return gotAny && complete ? 0 : 1;
};

export const wait: Builtin = () => 0;
export const hash: Builtin = () => 0;

function normalizeSignal(s: string): string {
  const up = s.toUpperCase().replace(/^SIG/, '');
  return up === '0' ? 'EXIT' : up;
}

/** Signals never arrive in the simulator; only the EXIT trap ever runs. */
export const trap: Builtin = (call) => {
  const { sh } = call;
  const args = call.argv.slice(1);
  if (args.length === 0) {
    out(call, [...sh.traps].map(([sig, action]) => `trap -- ${shellQuote(action)} ${sig}\n`).join(''));
    return 0;
  }
  if (args.length === 1) {
    sh.traps.delete(normalizeSignal(args[0]!));
    return 0;
  }
  const [action, ...signals] = args as [string, ...string[]];
  for (const s of signals) {
    if (action === '-') sh.traps.delete(normalizeSignal(s));
    else sh.traps.set(normalizeSignal(s), action);
  }
  return 0;
};

type Kind = 'keyword' | 'special' | 'builtin' | 'function' | 'command' | undefined;

/** What sh would run for `name`; for a file (a table command, a script, any base command), its path. */
function kindOf(call: BuiltinCall, name: string, kinds: { special: Set<string>; builtin: Set<string> }): { kind: Kind; path?: string } {
  if (KEYWORDS.has(name)) return { kind: 'keyword' };
  if (call.sh.funcs.has(name)) return { kind: 'function' };
  if (kinds.special.has(name)) return { kind: 'special' };
  if (kinds.builtin.has(name) || (SH_BUILTIN_UTILITIES.has(name) && call.exec.lookup(name))) return { kind: 'builtin' };
  const found = call.exec.findCommand(call.sh, name);
  return found ? { kind: 'command', path: found.path } : { kind: undefined };
}

export function makeCommandBuiltins(kinds: { special: Set<string>; builtin: Set<string> }): { command: Builtin; type: Builtin } {
  const describe = (call: BuiltinCall, name: string, verbose: boolean): boolean => {
    const { kind, path } = kindOf(call, name, kinds);
    if (!kind) {
      if (verbose) err(call, `${name}: not found`);
      return false;
    }
    if (!verbose) {
      out(call, `${path ?? name}\n`);
      return true;
    }
    const text: Record<Exclude<Kind, undefined>, string> = {
      keyword: 'is a shell keyword',
      special: 'is a special shell builtin',
      builtin: 'is a shell builtin',
      function: 'is a shell function',
      command: `is ${path ?? name}`,
    };
    out(call, `${name} ${text[kind]}\n`);
    return true;
  };

  const command: Builtin = (call) => {
    const args = call.argv.slice(1);
    let mode: '' | 'v' | 'V' = '';
    while (args[0]?.startsWith('-') && args[0] !== '-') {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '-v') mode = 'v';
      else if (a === '-V') mode = 'V';
      else if (a !== '-p') {
        err(call, `command: Illegal option ${a}`);
        return 2;
      }
    }
    if (args.length === 0) return 0;
    if (mode) {
      let ok = true;
      for (const name of args) ok = describe(call, name, mode === 'V') && ok;
      return ok ? 0 : 127;
    }
    return call.exec.dispatch(call.sh, args, [], call.io, call.outerIo, false);
  };

  const type: Builtin = (call) => {
    let ok = true;
    for (const name of call.argv.slice(1)) ok = describe(call, name, true) && ok;
    return ok ? 0 : 127;
  };

  return { command, type };
}
