/**
 * lockf(1): create the lock file, run the command under the lock, remove the
 * file after unless -k. Execution is synchronous, so the lock is free unless
 * a session waiting between its phases holds it (src/sim/locks.ts): then
 * lockf waits up to -t seconds (LockWait, for the transport to wait) or
 * gives up as FreeBSD's does, `lockf: FILE: already locked`, exit 75.
 */
import { quote } from '../../../shell/quote.js';
import { StdinPending } from '../../shell/errors.js';
import { LockWait } from '../../locks.js';
import type { SimCommand } from '../../types.js';
import { fail, hostPath, inheritStdin } from './util.js';

const USAGE = 'usage: lockf [-knsw] [-t seconds] file command [arguments]\n';
/** sysexits EX_TEMPFAIL: the lock was not acquired in time. */
const EX_TEMPFAIL = 75;

export const lockf: SimCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  let keep = false;
  let silent = false;
  let waitS: number | undefined;
  while (args[0]?.startsWith('-')) {
    const a = args.shift()!;
    if (a === '--') break;
    if (a === '-t') {
      waitS = Number(args.shift());
      continue;
    }
    for (const c of a.slice(1)) {
      if (c === 'k') keep = true;
      else if (c === 's') silent = true;
      else if (c !== 'n' && c !== 'w' && c !== 't') return fail(`lockf: illegal option -- ${c}\n${USAGE}`, 64);
    }
  }
  const [file, ...command] = args;
  if (file === undefined || command.length === 0) return fail(USAGE, 64);
  const fs = ctx.host.fs;
  const path = hostPath(ctx, file);
  const locks = ctx.host.locks;
  if (locks?.isHeld(path)) {
    if (waitS !== 0 && locks.patient) throw new LockWait(path, waitS === undefined || Number.isNaN(waitS) ? undefined : waitS);
    return fail(silent ? '' : `lockf: ${file}: already locked\n`, EX_TEMPFAIL);
  }
  const existed = fs.lstat(path) !== undefined;
  try {
    if (!existed) fs.writeFile(path, '', { mode: 0o600 });
  } catch (err) {
    return fail(`lockf: cannot open ${file}: ${(err as Error).message}\n`, EX_TEMPFAIL);
  }
  let result;
  try {
    result = ctx.run(command.map(quote).join(' '), { env: ctx.env, cwd: ctx.cwd, ...inheritStdin(ctx) });
  } catch (e) {
    // The command waits for stdin (a session's phase 1): the lock stays held,
    // and its file stays, until the session goes on.
    if (e instanceof StdinPending) e.locks.push(path);
    throw e;
  }
  if (!keep && fs.lstat(path)) fs.remove(path);
  return result;
};
