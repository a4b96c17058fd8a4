/**
 * One move of a jail at a time (issue 13): for as long as a move runs, it
 * holds a lock named after the jail on each host
 * (/var/run/jailfleet-move.NAME.lock, lockf -k), through a session whose
 * command only waits for its stdin to end. A second controller moving the
 * same jail, or into the same name, finds the lock taken and changes
 * nothing. The host lock of each jail-module step is a different lock, so
 * the two never wait on each other. When the connection drops, the waiting
 * command reads end of input and exits, and the lock goes with it.
 */
import { quote } from '../../shell/quote.js';
import type { ExecSession, Transport } from '../../transport/transport.js';
import { LOCK_BUSY_EXIT } from '../host-lock.js';

const MARK = '@@jailfleet-move-locked';

export const moveLockPath = (name: string): string => `/var/run/jailfleet-move.${name}.lock`;

/** Hold the move lock of `name` on the host; released by the returned function, or what holds it up. */
export async function takeMoveLock(transport: Transport, name: string): Promise<{ release(): Promise<void> } | { busy: string }> {
  const waiting = `printf '%s\\n' ${MARK}; printf '%s\\n' ${MARK} >&2; read jf_end`;
  const picker = `if command -v lockf >/dev/null 2>&1; then exec lockf -k -t 0 ${quote(moveLockPath(name))} "$@"; else exec flock -E ${LOCK_BUSY_EXIT} -n ${quote(moveLockPath(name))} "$@"; fi`;
  const session: ExecSession = await transport.openSession(`/bin/sh -c ${quote(picker)} jailfleet-move /bin/sh -c ${quote(waiting)}`);
  const got = await session.readUntil(MARK);
  if ('ended' in got) {
    const why = got.ended.code === LOCK_BUSY_EXIT ? `another move of ${name} runs on ${transport.host}` : `the move lock on ${transport.host} failed (exit ${got.ended.code}): ${got.ended.stderr.trim()}`;
    return { busy: why };
  }
  return {
    async release() {
      await session.finish('').catch(() => undefined);
    },
  };
}
