/**
 * Everything a benchmark starts (sshd servers, child processes) registers
 * how to stop it here, so Ctrl-C, SIGTERM and errors all leave nothing behind.
 */
type Cleanup = () => Promise<void> | void;

const pending = new Set<Cleanup>();
let installed = false;

/** Register a cleanup; the returned function unregisters it (after a normal stop). */
export function onCleanup(fn: Cleanup): () => void {
  pending.add(fn);
  return () => pending.delete(fn);
}

/** Run every registered cleanup once, newest first; errors are reported, not thrown. */
export async function runCleanups(): Promise<void> {
  const all = [...pending].reverse();
  pending.clear();
  for (const fn of all) {
    try {
      await fn();
    } catch (err) {
      process.stderr.write(`cleanup failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

/** SIGINT/SIGTERM: clean up, then exit 130. A second signal exits at once. */
export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(130);
    process.stderr.write(`\n${signal}: stopping everything the benchmark started\n`);
    void runCleanups().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
