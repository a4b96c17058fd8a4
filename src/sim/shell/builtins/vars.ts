/** set, export, readonly, unset, local. */
import { ExitSignal } from '../errors.js';
import type { ShellOptions } from '../state.js';
import { err, out, shellQuote } from './output.js';
import type { Builtin, BuiltinCall } from './types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const LETTERS: Record<string, keyof ShellOptions> = { e: 'errexit', u: 'nounset', f: 'noglob', x: 'xtrace', C: 'noclobber' };
const LONG: Record<string, keyof ShellOptions> = {
  errexit: 'errexit',
  nounset: 'nounset',
  noglob: 'noglob',
  xtrace: 'xtrace',
  pipefail: 'pipefail',
  noclobber: 'noclobber',
};

function printVars(call: BuiltinCall, filter: (v: { exported: boolean; readonly: boolean }) => boolean, prefix: string): void {
  const names = [...call.sh.vars.keys()].sort();
  let text = '';
  for (const name of names) {
    const v = call.sh.vars.get(name)!;
    if (!filter(v)) continue;
    text += v.value === undefined ? `${prefix}${name}\n` : `${prefix}${name}=${shellQuote(v.value)}\n`;
  }
  out(call, text);
}

export const set: Builtin = (call) => {
  const { sh, argv } = call;
  if (argv.length === 1) {
    printVars(call, (v) => v.exported || !v.readonly || v.readonly, '');
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      sh.positional = argv.slice(i);
      return 0;
    }
    if (a === '-' || a === '+') {
      i++;
      break;
    }
    if (!(a.startsWith('-') || a.startsWith('+'))) break;
    const on = a.startsWith('-');
    if (a.slice(1) === 'o') {
      const optName = argv[++i];
      if (optName === undefined) {
        out(call, Object.entries(LONG).map(([k, o]) => `${k.padEnd(16)}${sh.options[o] ? 'on' : 'off'}\n`).join(''));
        continue;
      }
      const opt = LONG[optName];
      if (!opt) {
        err(call, `set: Illegal option -o ${optName}`);
        throw new ExitSignal(2);
      }
      sh.options[opt] = on;
      continue;
    }
    for (const c of a.slice(1)) {
      const opt = LETTERS[c];
      if (!opt) {
        err(call, `set: Illegal option ${a[0]}${c}`);
        throw new ExitSignal(2);
      }
      sh.options[opt] = on;
    }
  }
  if (i < argv.length) sh.positional = argv.slice(i);
  return 0;
};

function assignList(call: BuiltinCall, flag: 'exported' | 'readonly'): number {
  const { sh, argv } = call;
  const args = argv.slice(1);
  if (args[0] === '-p' || args.length === 0) {
    printVars(call, (v) => v[flag], flag === 'exported' ? 'export ' : 'readonly ');
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) {
      err(call, `${argv[0]}: ${name}: bad variable name`);
      status = 1;
      continue;
    }
    if (eq >= 0 && !sh.set(name, a.slice(eq + 1))) {
      err(call, `${argv[0]}: ${name}: is read only`);
      throw new ExitSignal(2);
    }
    sh.setFlags(name, { [flag]: true });
  }
  return status;
}

export const exportBuiltin: Builtin = (call) => assignList(call, 'exported');
export const readonly: Builtin = (call) => assignList(call, 'readonly');

export const unset: Builtin = (call) => {
  const { sh, argv } = call;
  let mode: 'v' | 'f' = 'v';
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a === '-f' || a === '-v') {
      mode = a === '-f' ? 'f' : 'v';
      continue;
    }
    if (mode === 'f') {
      sh.unsetFunc(a);
      continue;
    }
    if (!sh.unset(a)) {
      err(call, `unset: ${a}: is read only`);
      status = 1;
    }
  }
  return status;
};

/** FreeBSD sh has `local`: the variable keeps its value until assigned, and is restored on return. */
export const local: Builtin = (call) => {
  const { sh, argv } = call;
  const frame = sh.localFrames[sh.localFrames.length - 1];
  if (!frame) {
    err(call, 'local: Not in a function');
    return 2;
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) {
      err(call, `local: ${name}: bad variable name`);
      return 2;
    }
    if (!frame.has(name)) frame.set(name, sh.vars.get(name));
    if (eq >= 0 && !sh.set(name, a.slice(eq + 1))) {
      err(call, `local: ${name}: is read only`);
      return 2;
    }
  }
  return 0;
};
