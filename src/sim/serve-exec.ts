/**
 * One simulated host as the SSH server runs it: faults applied as the
 * SimTransport applies them, state saved after every stretch of running on
 * the host, and reloaded when someone else (`jailfleet sim exec`) changed the
 * state file meanwhile. An exec request starts at once with stdin open and
 * goes on with each chunk of stdin as it arrives (session.ts): a session's
 * rounds run once each, as on a real host.
 */
import { statSync } from 'node:fs';
import { SimConnectionDropped, type SimHost } from './host.js';
import { SimLocks } from './locks.js';
import { isPoweredOff } from './power.js';
import { SimRunDriver } from './session.js';
import type { SimExecProgress, SimExecRunning, SimServedHost } from './ssh-server.js';
import { cutAfter, cutInputAfter, hostFaultsOf, type SimTransportFaults } from './transport.js';

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
  /** After each stretch of running on the host, dropped or not. */
  saved(): void;
}

/** A host whose state lives in a file of the state directory. */
export function servedSimHost(input: ServeExecInput): SimServedHost {
  const opened = input.open();
  let seen = stamp(input.statePath);
  const store: ServedSimStore = {
    current() {
      const now = stamp(input.statePath);
      if (now !== seen) {
        // Changed by someone else: the same host, with that state. A session
        // waiting for its next round goes on on the host as it is now, as a
        // real one would.
        opened.sim.state = input.open().sim.state;
        seen = now;
      }
      return opened.sim;
    },
    saved() {
      // A dropped connection leaves what the script did so far, as on a real host.
      opened.save();
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
  let inputBytes = 0;
  /** Stdin from the client against dropAfterInputBytes: the part that gets through once the budget runs out, else undefined. */
  const cutInput = (text: string): string | undefined => {
    const cut = cutInputAfter(faults.dropAfterInputBytes, inputBytes, text);
    inputBytes = cut.sent;
    return cut.through;
  };
  // Locks of waiting runs outlive a reload of the state file: they are the server's, not the file's.
  const locks = new SimLocks();

  const startNow = async (commandLine: string, env: Record<string, string> | undefined): Promise<{ progress: SimExecProgress; running: SimExecRunning }> => {
    const sim = store.current();
    sim.locks = locks;
    const run = sim.start(commandLine, { faults: hostFaults, ...(env ? { env } : {}) });
    // The start itself changes the host (its clock): saved once at least.
    let saved = false;
    const onHost = <T>(step: () => T): T => {
      // Pick up a change made meanwhile by someone else before running on.
      store.current().locks = locks;
      const before = run.commandsRun;
      try {
        return step();
      } finally {
        // Stdin arrives in many chunks; one that only let a waiting command wait on changed nothing to save.
        if (!saved || run.commandsRun !== before || run.result) store.saved();
        saved = true;
      }
    };
    const driver = new SimRunDriver(run, locks, { onHost });
    const sent = { stdout: 0, stderr: 0 };
    /** What the command printed since the last report, against the byte budget; its status once it ended. */
    const progress = (dropped: boolean): SimExecProgress => {
      const p: SimExecProgress = { stdout: run.stdout.since(sent.stdout), stderr: run.stderr.since(sent.stderr) };
      sent.stdout = run.stdout.length;
      sent.stderr = run.stderr.length;
      const cut = cutAfter(faults.dropAfterBytes, bytesSent, p.stdout);
      bytesSent += p.stdout.length;
      if (cut !== undefined) p.cutAfter = cut;
      if (dropped) p.dropped = true;
      else if (run.result) p.code = run.result.code;
      return p;
    };
    /** Run as far as it goes; a simulated drop still sends what was printed before it. */
    const advance = async (): Promise<SimExecProgress> => {
      try {
        await driver.advance();
      } catch (err) {
        if (err instanceof SimConnectionDropped) return progress(true);
        throw err;
      }
      return progress(false);
    };
    return {
      progress: await advance(),
      running: {
        async input(text, eof) {
          const through = cutInput(text);
          driver.feed(through ?? text);
          // Cut in transit: the command runs on without the connection.
          if (through !== undefined) driver.hangUp();
          else if (eof) driver.close();
          return advance();
        },
        abandon() {
          // The channel closed first: the command is gone, and its locks with it.
          driver.abandon(new Error('the channel closed'));
        },
      },
    };
  };

  // As SimTransport refuses: the unreachable fault, or a host shutdown -p powered off (until sim reset).
  const reachable = (): boolean => !faults.unreachable && !isPoweredOff(store.current().state);
  return {
    name,
    ...(options.hostKey !== undefined ? { hostKey: options.hostKey } : {}),
    reachable,
    start(commandLine, env) {
      // A connection opened before the host went off: the exec finds it gone.
      if (!reachable()) return Promise.reject(new SimConnectionDropped(0));
      const slowMs = faults.slowMs;
      if (!slowMs) return startNow(commandLine, env);
      return new Promise<void>((resolve) => setTimeout(resolve, slowMs)).then(() => startNow(commandLine, env));
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
