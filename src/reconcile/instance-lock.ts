/**
 * One `reconcile` per state directory: a second one would mark the first
 * one's running pass interrupted when it opens the history, and run passes
 * of its own beside it. The pid file (pid-file.ts) names the holder; a
 * holder that is no longer alive (killed, crashed) leaves a stale file that
 * the next start takes over.
 */
import { join } from 'node:path';
import { JailfleetError } from '../errors.js';
import { MAKING, removePidFile, takePidFile } from '../pid-file.js';

export class ReconcileRunningError extends JailfleetError {}

export interface InstanceLock {
  release(): void;
}

export function takeInstanceLock(stateDir: string): InstanceLock {
  const path = join(stateDir, 'reconcile.pid');
  const holder = takePidFile(path);
  if (holder === undefined) return { release: () => removePidFile(path) };
  if (holder === MAKING) throw new ReconcileRunningError(`could not take ${path}: another jailfleet reconcile is starting in ${stateDir}`);
  throw new ReconcileRunningError(`another jailfleet reconcile (pid ${holder}) uses ${stateDir}; stop it first, or use another --state-dir`);
}
