/**
 * One simulated host as the SSH server runs it: faults applied as the
 * SimTransport applies them, state saved after every run on the host, and
 * reloaded when someone else (`jailfleet sim exec`) changed the state file
 * meanwhile. Exec requests start at once with stdin open and are replayed
 * with the complete stdin when they read it (src/sim/session.ts).
 */
import { statSync } from 'node:fs';
import type { SimHost } from './host.js';
import { SimLocks, withLockWait } from './locks.js';
import { isSuspended, replaySession } from './session.js';
import type { SimExecOutcome, SimExecStart, SimServedHost } from './ssh-server.js';
import { cutAfter, hostFaultsOf, type SimTransportFaults } from './transport.js';

export interface ServeExecInput {
  name: string;
  statePath: string;
  /** Load the host from statePath (or seed it); save() writes it back there. */
  open(): { sim: SimHost; save(): void };
  faults?: SimTransportFaults;
  hostKey?: string;
}

/** Where a served host's state lives between runs. */
export interface ServedSimStore {
  /** The host to run on now. */
  current(): SimHost;
  /** After each run on the host, dropped or not. */
  saved(): void;
}

/** A host whose state lives in a file of the state directory. */
export function servedSimHost(input: ServeExecInput): SimServedHost {
  let current = input.open();
  let seen = stamp(input.statePath);
  const store: ServedSimStore = {
    current() {
      if (stamp(input.statePath) !== seen) current = input.open();
      return current.sim;
    },
    saved() {
      // A dropped connection leaves what the script did so far, as on a real host.
      current.save();
      seen = stamp(input.statePath);
    },
  };
  return servedSim(input.name, store, { ...(input.faults ? { faults: input.faults } : {}), ...(input.hostKey !== undefined ? { hostKey: input.hostKey } : {}) });
}

/** A simulated host behind the SSH server; the faults are SimTransport's, over the server's life. */
export function servedSim(name: string, store: ServedSimStore, options: { faults?: SimTransportFaults; hostKey?: string } = {}): SimServedHost {
  const faults = options.faults ?? {};
  const hostFaults = hostFaultsOf(faults);

  let bytesSent = 0;
  /** Stdout sent to the client, with where the byte budget cuts it. */
  const sent = <T extends { stdout: string }>(out: T): T & { cutAfter?: number } => {
    const cut = cutAfter(faults.dropAfterBytes, bytesSent, out.stdout);
    bytesSent += out.stdout.length;
    return cut === undefined ? out : { ...out, cutAfter: cut };
  };
  // Locks of waiting sessions outlive a reload of the state file: they are the server's, not the file's.
  const locks = new SimLocks();
  const onHost = <T>(run: (sim: SimHost) => T): T => {
    const sim = store.current();
    sim.locks = locks;
    try {
      return run(sim);
    } finally {
      store.saved();
    }
  };

  const startNow = async (commandLine: string): Promise<SimExecStart> => {
    // lockf may have to wait for a lock another session holds, as on a real host.
    const started = await withLockWait(locks, () => onHost((sim) => sim.startSession(commandLine, { faults: hostFaults })));
    if (!isSuspended(started)) return { ended: sent({ stdout: started.stdout, stderr: started.stderr, code: started.code }) };
    let pending = true;
    return {
      waiting: sent({ stdout: started.stdout, stderr: started.stderr }),
      finish(stdin): SimExecOutcome {
        pending = false;
        // The client already has the prefix: send only what follows it.
        const all = onHost((sim) => replaySession(sim, commandLine, started, stdin, hostFaults));
        return sent({ stdout: all.stdout.slice(started.stdout.length), stderr: all.stderr.slice(started.stderr.length), code: all.code });
      },
      abandon() {
        // The channel closed first: the command is gone, and its locks with it.
        if (pending) locks.release(started.locks);
        pending = false;
      },
    };
  };

  return {
    name,
    ...(options.hostKey !== undefined ? { hostKey: options.hostKey } : {}),
    start(commandLine) {
      const slowMs = faults.slowMs;
      if (!slowMs) return startNow(commandLine);
      return new Promise<void>((resolve) => setTimeout(resolve, slowMs)).then(() => startNow(commandLine));
    },
  };
}

/** Changes when the file is rewritten (atomic saves replace the inode). */
function stamp(path: string): string {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return 'missing';
  }
}
