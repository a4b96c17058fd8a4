/**
 * Sessions on a simulated host: one exec whose stdin stays open while the
 * controller reads what the command printed first, then answers it
 * (transport.ts ExecSession; DESIGN.md §4, gather and apply in one exec).
 *
 * The simulated shell is synchronous and cannot pause a command that waits
 * for input, so a session is abort-and-replay:
 *  - phase 1 (SimHost.startSession) runs the command line with an open, empty
 *    stdin; the first read of it aborts the exec (StdinPending) and what was
 *    printed until then is kept: the prefix;
 *  - phase 2 (replaySession) runs the whole command line again, from the
 *    start, with the complete stdin, and checks that its output starts with
 *    the prefix.
 *
 * LIMITATION: this is exact only when what runs before the first read of
 * stdin is idempotent — it runs twice. True for the engine's session script:
 * `lockf -k` creates the lock file once and keeps it, and the gather only
 * reads. A command whose first part changes the host (appending to a file,
 * starting a service) changes it twice. The pid counter and the clock are
 * restored after phase 1, so `$$` and `date` agree between the two runs.
 * While a session waits, the files its command locked with lockf stay held
 * (src/sim/locks.ts): another exec's lockf on them waits or gives up, as on
 * a real host. When the host changed between the phases anyway (an exec that
 * took no lock) so that the replay prints something else, replaySession
 * throws SimSessionReplayError instead of inventing an output.
 */
import type { SimFaults, SimHost } from './host.js';
import type { SimResult } from './types.js';

/** Phase 1 stopped at the first read of stdin: what the command printed until then. */
export interface SimSuspended {
  suspended: true;
  stdout: string;
  stderr: string;
  /** Lock files (host paths) the waiting command holds with lockf. */
  locks: readonly string[];
}

/** Phase 1's outcome: the command's result when it ended without reading stdin. */
export type SimSessionStart = SimResult | SimSuspended;

export function isSuspended(start: SimSessionStart): start is SimSuspended {
  return (start as Partial<SimSuspended>).suspended === true;
}

/** The replay printed something else than phase 1: the host changed in between. */
export class SimSessionReplayError extends Error {
  constructor(host: string, stream: 'stdout' | 'stderr') {
    super(
      `simulated host ${host}: the session's ${stream} changed between reading its output and sending its input ` +
        '(something else ran on the host meanwhile); the simulator replays a session from the start and cannot model that',
    );
    this.name = 'SimSessionReplayError';
  }
}

/** Phase 2: the whole command line again with the complete stdin; its output, checked against the prefix. */
export function replaySession(sim: SimHost, commandLine: string, prefix: SimSuspended, stdin: string, faults: SimFaults | undefined): SimResult {
  // The replay takes the locks again itself, synchronously: nothing runs in between.
  sim.locks.release(prefix.locks);
  const result = sim.exec(commandLine, faults ? { stdin, faults } : { stdin });
  if (!result.stdout.startsWith(prefix.stdout)) throw new SimSessionReplayError(sim.name, 'stdout');
  if (!result.stderr.startsWith(prefix.stderr)) throw new SimSessionReplayError(sim.name, 'stderr');
  return result;
}

/** The session will not go on (dropped, timed out, closed): its command is gone and its locks with it. */
export function abandonSession(sim: SimHost, prefix: SimSuspended): void {
  sim.locks.release(prefix.locks);
}
