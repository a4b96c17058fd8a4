/**
 * A lock a process holds by a file made with O_EXCL and holding its pid
 * (`reconcile.pid`, a simulated host's `HOST.json.lock`). A file whose
 * process is gone (killed, crashed), or that names this very process (an
 * earlier holder in it that did not let go), is stale and taken over. The
 * file is made, then its pid written: one still empty is a maker between
 * the two — unless it has been empty for long, left by a process that died
 * in between.
 */
import { closeSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { readTextIfPresent } from './read-text-if-present.js';

/** A lock file still without a pid after this long was left by a process that died between making it and writing it. */
export const EMPTY_LOCK_STALE_MS = 5000;

/** Holder of a lock file being made by another process this moment (its pid not written yet). */
export const MAKING = -1;

/**
 * Take `path` for this process: undefined once taken; else the live
 * holder's pid, or MAKING while another process is making the file (also
 * when a stale file was taken over by someone else meanwhile).
 */
export function takePidFile(path: string): number | undefined {
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = liveHolder(path);
    if (holder !== undefined) return holder;
    removePidFile(path);
  }
  return MAKING;
}

/** The live process holding `path` (MAKING: one making it now); undefined when the file is gone or stale. */
function liveHolder(path: string): number | undefined {
  const text = readTextIfPresent(path);
  if (text === undefined) return undefined;
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    const made = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    return Date.now() - made < EMPTY_LOCK_STALE_MS ? MAKING : undefined;
  }
  return pid !== process.pid && alive(pid) ? pid : undefined;
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

/** Let `path` go (or clear a stale one); already gone is fine. */
export function removePidFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to let go.
  }
}
