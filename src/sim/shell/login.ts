/** The environment a root login shell starts with on the simulated host. */
import type { SimFs } from '../fs.js';
import { ShellState } from './state.js';

export const LOGIN_PATH = '/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin';

export function loginEnv(): Record<string, string> {
  return { HOME: '/root', USER: 'root', LOGNAME: 'root', PATH: LOGIN_PATH, SHELL: '/bin/sh' };
}

export function loginShell(fs: SimFs, pid: number): ShellState {
  const cwd = fs.isDir('/root') ? '/root' : '/';
  const sh = ShellState.fromEnv(loginEnv(), { cwd, root: '/', jail: undefined, pid });
  sh.set('PWD', cwd);
  return sh;
}
