/**
 * A simulated host's state file is the host: a process loads it whole,
 * works on it in memory and saves it whole. Two processes at once (two
 * applies, a `sim exec` during an apply) would each save over the other's
 * changes, so one process at a time holds a host: `HOST.json.lock` beside
 * the state file, made with O_EXCL and holding the holder's pid. Another
 * process waits for it; a lock whose process is gone (killed, crashed) is
 * taken over. Within one process a host may be held more than once (tests
 * run several commands in one process).
 */
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UnreachableError } from '../errors.js';

/** A lock file still without a pid after this long was left by a process that died between making it and writing it. */
export const EMPTY_LOCK_STALE_MS = 5000;

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

/** Undefined once this process holds `lock`; else the pid of the live process that does. */
function tryTake(lock: string): number | undefined {
  const mine = held.get(lock);
  if (mine !== undefined) {
    held.set(lock, mine + 1);
    return undefined;
  }
  mkdirSync(dirname(lock), { recursive: true });
  try {
    const fd = openSync(lock, 'wx', 0o600);
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const pid = holderPid(lock);
    // Gone meanwhile, or left by a process that no longer runs: try again at once.
    if (pid === undefined) return tryTake(lock);
    return pid;
  }
  held.set(lock, 1);
  if (!cleanupAtExit) {
    cleanupAtExit = true;
    process.once('exit', () => {
      for (const path of held.keys()) removeQuietly(path);
    });
  }
  return undefined;
}

/** The live process holding `lock`; undefined when there is none (a stale lock is removed). */
function holderPid(lock: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    // Just made, its pid not written yet: its maker is alive — unless it has been so for long (a crash between the two).
    if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) < EMPTY_LOCK_STALE_MS) return -1;
    removeQuietly(lock);
    return undefined;
  }
  if (alive(pid)) return pid;
  removeQuietly(lock);
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
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
    removeQuietly(lock);
  };
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to let go.
  }
}
