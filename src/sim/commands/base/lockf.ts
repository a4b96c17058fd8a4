/**
 * lockf(1): create the lock file, run the command under the lock, remove the
 * file after unless -k. The lock is held (src/sim/locks.ts) for as long as
 * the command runs, also while it waits for a session's next input; another
 * run's lockf on it waits up to -t seconds, the run stopped at a 'lock'
 * suspension for the transport to wait, or gives up as FreeBSD's does,
 * `lockf: FILE: already locked`, exit 75.
 */
import { isSteps, type Steps } from '../../shell/steps.js';
import type { SimResult, SimStepContext } from '../../types.js';
import { resumable } from '../resumable.js';
import { execArgvSteps } from './exec-argv.js';
import { fail, hostPath, inheritStdin } from './util.js';

const USAGE = 'usage: lockf [-knsw] [-t seconds] file command [arguments]\n';
/** sysexits EX_TEMPFAIL: the lock was not acquired in time. */
const EX_TEMPFAIL = 75;

function* lockfSteps(ctx: SimStepContext): Steps<SimResult> {
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
  const path = hostPath(ctx, file);
  const locks = ctx.host.locks;
  const busy = (): SimResult => fail(silent ? '' : `lockf: ${file}: already locked\n`, EX_TEMPFAIL);
  while (locks?.isHeld(path)) {
    if (waitS === 0) return busy();
    // The driver answers true once the lock is free, false when -t ran out or it cannot wait at all.
    const free = yield { kind: 'lock', path, timeoutS: waitS === undefined || Number.isNaN(waitS) ? undefined : waitS };
    if (free !== true) return busy();
  }
  // Read the filesystem now, not before a wait: a served host's state may have been reloaded meanwhile.
  const fs = ctx.host.fs;
  try {
    if (fs.lstat(path) === undefined) fs.writeFile(path, '', { mode: 0o600 });
  } catch (err) {
    return fail(`lockf: cannot open ${file}: ${(err as Error).message}\n`, EX_TEMPFAIL);
  }
  const release = locks?.acquire(path);
  let result: SimResult;
  try {
    const run = execArgvSteps(ctx, command, { env: ctx.env, cwd: ctx.cwd, ...inheritStdin(ctx) });
    result = isSteps(run) ? yield* run : run;
  } finally {
    // Also when the run is abandoned (closed connection, timeout) while its command waits: the lock goes with it.
    release?.();
  }
  if (!keep && ctx.host.fs.lstat(path)) ctx.host.fs.remove(path);
  return result;
}

export const lockf = resumable(lockfSteps);
