/**
 * One simulated host as the SSH server runs it: faults applied as the
 * SimTransport applies them, state saved after every exec, and reloaded when
 * someone else (`jailfleet sim exec`) changed the state file meanwhile.
 */
import { statSync } from 'node:fs';
import type { SimFaults, SimHost } from './host.js';
import type { SimServedHost } from './ssh-server.js';
import { cutAfter, type SimTransportFaults } from './transport.js';

export interface ServeExecInput {
  name: string;
  statePath: string;
  /** Load the host from statePath (or seed it); save() writes it back there. */
  open(): { sim: SimHost; save(): void };
  faults?: SimTransportFaults;
  hostKey?: string;
}

export function servedSimHost(input: ServeExecInput): SimServedHost {
  let current = input.open();
  let seen = stamp(input.statePath);
  const faults = input.faults ?? {};
  const hostFaults: SimFaults = {};
  if (faults.dropAfterCommands !== undefined) hostFaults.dropAfterCommands = faults.dropAfterCommands;
  if (faults.failCommand) hostFaults.failCommand = faults.failCommand;

  let bytesSent = 0;
  const runNow = (commandLine: string, stdin: string) => {
    if (stamp(input.statePath) !== seen) current = input.open();
    try {
      const { stdout, stderr, code } = current.sim.exec(commandLine, { stdin, faults: hostFaults });
      const cut = cutAfter(faults.dropAfterBytes, bytesSent, stdout);
      bytesSent += stdout.length;
      return cut === undefined ? { stdout, stderr, code } : { stdout, stderr, code, cutAfter: cut };
    } finally {
      // A dropped connection leaves what the script did so far, as on a real host.
      current.save();
      seen = stamp(input.statePath);
    }
  };

  return {
    name: input.name,
    ...(input.hostKey !== undefined ? { hostKey: input.hostKey } : {}),
    exec(commandLine, stdin) {
      const slowMs = faults.slowMs;
      if (!slowMs) return runNow(commandLine, stdin);
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          try {
            resolve(runNow(commandLine, stdin));
          } catch (err) {
            reject(err as Error);
          }
        }, slowMs);
      });
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
