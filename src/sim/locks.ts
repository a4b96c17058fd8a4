/**
 * lockf(1) locks held across a wait. Execution is synchronous, so a lock is
 * only ever held by a session stopped between its two phases (its command
 * waits for stdin under `lockf`, src/sim/session.ts). Another exec reaching
 * lockf on that file must wait, as on a real host, or give up after -t:
 * lockf throws LockWait, and the transport that can wait (withLockWait)
 * waits for the release and runs the exec again from the start. A session's
 * phase 2 does not wait: a lock its command first takes after reading stdin,
 * held by another waiting session, makes lockf give up at once.
 */

/** lockf met a lock held by a waiting session, and may wait `timeoutS` seconds (undefined: for ever). */
export class LockWait extends Error {
  constructor(
    readonly path: string,
    readonly timeoutS: number | undefined,
  ) {
    super(`lockf: ${path} is held by a waiting session`);
    this.name = 'LockWait';
  }
}

export class SimLocks {
  private readonly held = new Map<string, Array<() => void>>();
  /**
   * Set while a transport that can wait runs an exec: lockf then throws
   * LockWait on a held lock. Otherwise (plain SimHost.exec, `sim exec`, or a
   * second attempt after the wait timed out) it fails at once as after -t.
   */
  patient = false;

  isHeld(path: string): boolean {
    return this.held.has(path);
  }

  hold(paths: readonly string[]): void {
    for (const p of paths) if (!this.held.has(p)) this.held.set(p, []);
  }

  /** The session ended (or was abandoned): wake whoever waits for these locks. */
  release(paths: readonly string[]): void {
    for (const p of paths) {
      const waiters = this.held.get(p);
      this.held.delete(p);
      for (const wake of waiters ?? []) wake();
    }
  }

  /** True once `path` is free; false when `ms` passed first (undefined: wait for ever). */
  waitFor(path: string, ms: number | undefined): Promise<boolean> {
    const waiters = this.held.get(path);
    if (!waiters) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => resolve(false), ms);
      waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/**
 * Run `attempt` (one synchronous exec) with lockf allowed to wait: when it
 * meets a held lock, wait for its release (up to lockf's -t) and run it again
 * from the start; after a timeout, once more with lockf giving up at once.
 * What ran before lockf runs again: as for sessions, it must be idempotent
 * (the lock picker's `command -v` is).
 */
export async function withLockWait<T>(locks: SimLocks, attempt: () => T): Promise<T> {
  for (;;) {
    try {
      return patiently(locks, true, attempt);
    } catch (e) {
      if (!(e instanceof LockWait)) throw e;
      const freed = await locks.waitFor(e.path, e.timeoutS === undefined ? undefined : e.timeoutS * 1000);
      if (!freed) return patiently(locks, false, attempt);
    }
  }
}

function patiently<T>(locks: SimLocks, patient: boolean, attempt: () => T): T {
  locks.patient = patient;
  try {
    return attempt();
  } finally {
    locks.patient = false;
  }
}
