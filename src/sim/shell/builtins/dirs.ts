/** cd, pwd, umask. */
import { normalize } from '../../fs.js';
import { err, out } from './output.js';
import type { Builtin } from './types.js';

export const cd: Builtin = (call) => {
  const { sh, exec } = call;
  let target = call.argv.find((a, i) => i > 0 && a !== '-L' && a !== '-P');
  let print = false;
  if (target === undefined) target = sh.get('HOME') ?? '/';
  if (target === '-') {
    target = sh.get('OLDPWD') ?? sh.cwd;
    print = true;
  }
  const path = normalize(target.startsWith('/') ? target : `${sh.cwd}/${target}`);
  const host = exec.fs.resolve(sh.root, '/', path);
  const node = exec.fs.stat(host);
  if (!node) {
    err(call, `cd: ${target}: No such file or directory`);
    return 2;
  }
  if (node.kind !== 'dir') {
    err(call, `cd: ${target}: Not a directory`);
    return 2;
  }
  sh.set('OLDPWD', sh.cwd);
  sh.cwd = path;
  sh.set('PWD', path);
  if (print) out(call, `${path}\n`);
  return 0;
};

export const pwd: Builtin = (call) => {
  out(call, `${call.sh.cwd}\n`);
  return 0;
};

export const umask: Builtin = (call) => {
  const arg = call.argv.find((a, i) => i > 0 && a !== '-S');
  if (arg === undefined) {
    out(call, `${call.sh.umask.toString(8).padStart(4, '0')}\n`);
    return 0;
  }
  if (!/^[0-7]{1,4}$/.test(arg)) {
    err(call, `umask: Illegal number: ${arg}`);
    return 2;
  }
  call.sh.umask = parseInt(arg, 8);
  return 0;
};
