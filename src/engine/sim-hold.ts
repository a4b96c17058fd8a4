/**
 * A simulated host's state file is the host: a process loads it whole,
 * works on it in memory and saves it whole. Two processes at once (two
 * applies, a `sim exec` during an apply) would each save over the other's
 * changes, so one process at a time holds a host: `HOST.json.lock` beside
 * the state file, a pid file (pid-file.ts). Another process waits for it; a
 * lock whose process is gone (killed, crashed) is taken over. Within one
 * process a host may be held more than once (tests run several commands in
 * one process).
 */
import { UnreachableError } from '../errors.js';
import { removePidFile, takePidFile } from '../pid-file.js';

export { EMPTY_LOCK_STALE_MS } from '../pid-file.js';

/** Lock files this process made, with how many holders each has. */
const held = new Map<string, number>();
let cleanupAtExit = false;

export function simLockPath(statePath: string): string {
  return `${statePath}.lock`;
}

/**
 * Hold the simulated host whose state is `statePath`, waiting up to
 * `waitMs` for another process to let it go; the returned function lets it go.
 */
export async function holdSimHost(host: string, statePath: string, waitMs: number, pollMs = 25): Promise<() => void> {
  const lock = simLockPath(statePath);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const holder = tryTake(lock);
    if (holder === undefined) return releaser(lock);
    if (Date.now() >= deadline) {
      throw new UnreachableError(host, 'connect', `the simulated host is in use by another jailfleet process (pid ${holder}, ${lock}); gave up after ${Math.ceil(waitMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Undefined once this process holds `lock`; else the pid of the process that does (pid-file.ts MAKING: one taking it now). */
function tryTake(lock: string): number | undefined {
  const mine = held.get(lock);
  if (mine !== undefined) {
    held.set(lock, mine + 1);
    return undefined;
  }
  const holder = takePidFile(lock);
  if (holder !== undefined) return holder;
  held.set(lock, 1);
  if (!cleanupAtExit) {
    cleanupAtExit = true;
    process.once('exit', () => {
      for (const path of held.keys()) removePidFile(path);
    });
  }
  return undefined;
}

function releaser(lock: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = held.get(lock) ?? 0;
    if (n > 1) {
      held.set(lock, n - 1);
      return;
    }
    held.delete(lock);
    removePidFile(lock);
  };
}
