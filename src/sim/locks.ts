/**
 * lockf(1) locks of one host. A run holds a lock from lockf until its
 * command ends; a session's run keeps holding it while it waits for input
 * between rounds. Another run's lockf on a held file waits — the run stops
 * there (a 'lock' suspension, shell/steps.ts) and the transport or the SSH
 * server waits for the release (waitFor) and resumes it — or gives up after
 * -t, as FreeBSD's does. A plain SimHost.exec cannot wait and gives up at once.
 */

export class SimLocks {
  private readonly held = new Map<string, Array<() => void>>();

  isHeld(path: string): boolean {
    return this.held.has(path);
  }

  /** Take the lock on `path` (it must be free); the returned function gives it back and wakes whoever waits. */
  acquire(path: string): () => void {
    if (this.held.has(path)) throw new Error(`simulator: lock ${path} is already held`);
    this.held.set(path, []);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const waiters = this.held.get(path) ?? [];
      this.held.delete(path);
      for (const wake of waiters) wake();
    };
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
