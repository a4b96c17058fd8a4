/** Commands the shell runs itself because they change the shell. */
import { breakBuiltin, colon, continueBuiltin, exit, falseBuiltin, returnBuiltin, shift, trueBuiltin } from './control.js';
import { cd, pwd, umask } from './dirs.js';
import { dot, evalBuiltin, exec, hash, makeCommandBuiltins, read, trap, wait } from './misc.js';
import type { Builtin } from './types.js';
import { exportBuiltin, local, readonly, set, unset } from './vars.js';

/** POSIX special builtins: prefix assignments stay, functions cannot override them. */
export const SPECIAL_BUILTINS: Record<string, Builtin> = Object.assign(Object.create(null) as Record<string, Builtin>, {
  ':': colon,
  '.': dot,
  break: breakBuiltin,
  continue: continueBuiltin,
  eval: evalBuiltin,
  exec,
  exit,
  export: exportBuiltin,
  readonly,
  return: returnBuiltin,
  set,
  shift,
  trap,
  unset,
});

export const BUILTINS: Record<string, Builtin> = Object.assign(Object.create(null) as Record<string, Builtin>, {
  true: trueBuiltin,
  false: falseBuiltin,
  local,
  cd,
  pwd,
  umask,
  read,
  wait,
  hash,
});

const kinds = { special: new Set(Object.keys(SPECIAL_BUILTINS)), builtin: new Set([...Object.keys(BUILTINS), 'command', 'type']) };
const { command, type } = makeCommandBuiltins(kinds);
BUILTINS.command = command;
BUILTINS.type = type;
