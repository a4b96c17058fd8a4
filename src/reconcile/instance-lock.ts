/**
 * One `reconcile` per state directory: a second one would mark the first
 * one's running pass interrupted when it opens the history, and run passes
 * of its own beside it. The pid file names the holder; a holder that is no
 * longer alive (killed, crashed) leaves a stale file that the next start
 * takes over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JailfleetError } from '../errors.js';

export class ReconcileRunningError extends JailfleetError {}

export interface InstanceLock {
  release(): void;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's process.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function takeInstanceLock(stateDir: string): InstanceLock {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, 'reconcile.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return { release: () => rmSync(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    // Our own pid: an earlier in-process run (tests, a library caller) that did not release.
    if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
      throw new ReconcileRunningError(`another jailfleet reconcile (pid ${holder}) uses ${stateDir}; stop it first, or use another --state-dir`);
    }
    rmSync(path, { force: true });
  }
  throw new ReconcileRunningError(`could not take ${path}: another jailfleet reconcile is starting in ${stateDir}`);
}
