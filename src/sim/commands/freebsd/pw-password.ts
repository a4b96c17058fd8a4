/**
 * pw's -h/-H file descriptors (usr.sbin/pw/pw_utils.c pw_checkfd,
 * pw_user.c pw_set_passwd): "-" means no password ("*"); -H N reads an
 * already encrypted password from descriptor N — one read(2) of at most
 * _PASSWORD_LEN (128) bytes, cut at the first "\r" or "\n". The simulator
 * has the command's stdin only, so N must be 0, and -h N (a plain password
 * pw would crypt(3)) is not modelled.
 */
import { EX_DATAERR, EX_USAGE, PwExit } from './pw-files.js';
import type { PwSession } from './pw-session.js';

/** pw.h _PWDASH: what pw_checkfd returns for "-" ('-', so `-H 45` reads as "-" too). */
export const PWDASH = 45;
const PASSWORD_LEN = 128;
const INT_MAX = 2147483647;

/** pw_checkfd: "-", or strtonum(3) in [0, INT_MAX] ("Bad file descriptor '%s': invalid|too small|too large"). */
export function checkFd(arg: string): number {
  if (arg === '-') return PWDASH;
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(arg);
  const why = !m ? 'invalid' : Number(m[1]) < 0 ? 'too small' : Number(m[1]) > INT_MAX ? 'too large' : undefined;
  if (why) throw new PwExit(EX_USAGE, `Bad file descriptor '${arg}': ${why}`);
  return Number(m![1]);
}

/**
 * The read(2) of pw_set_passwd, done when the options are parsed (before pw
 * changes anything, as the simulator's commands read stdin); undefined for
 * "-". What pw makes of it comes later, in encryptedPassword().
 */
export function readFd(s: PwSession, fd: number, precrypted: boolean): string | undefined {
  if (fd === PWDASH) return undefined;
  if (!precrypted) throw new PwExit(1, 'useradd -h with a file descriptor is not supported by the simulator');
  if (fd !== 0) throw new PwExit(1, `useradd -H ${fd} is not supported by the simulator (only 0, the command's stdin)`);
  return s.ctx.stdinBytes ? s.ctx.stdinBytes(PASSWORD_LEN) : s.ctx.stdin.slice(0, PASSWORD_LEN);
}

/** pw_set_passwd with a precrypted password read from `fd`: the master.passwd field, or pw's error. */
export function encryptedPassword(read: string, fd: number): string {
  const line = read.split(/[\r\n]/)[0]!;
  if (line === '') throw new PwExit(EX_DATAERR, `empty password read on file descriptor ${fd}`);
  if (line.includes(':')) throw new PwExit(EX_DATAERR, 'bad encrypted password');
  return line;
}
