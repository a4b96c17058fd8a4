/**
 * One jailfleet run changes a host at a time. Every apply script runs under
 * lockf(1) on LOCK_FILE, waiting up to the lock timeout (lockf exits 75 when
 * it gives up: the host is reported busy). Under the lock the script first
 * checks that the host is still as the plan assumed (fact-snapshot.ts for the
 * first apply after gathering; for later applies of the same play, the token
 * this run wrote last), then writes a fresh token, then applies. No extra
 * round trip: the lock rides on the apply exec.
 */
import { quote } from '../shell/quote.js';

export const LOCK_FILE = '/var/run/jailfleet.lock';
export const TOKEN_FILE = '/var/run/jailfleet.token';
/** lockf's EX_TEMPFAIL: the lock was not acquired within -t seconds. */
export const LOCK_BUSY_EXIT = 75;

export interface LockSettings {
  timeoutS: number;
}

/**
 * FreeBSD has lockf(1); Linux targets (the benchmark lab, Debian test sshd)
 * have util-linux flock(1) instead, told to exit 75 on timeout like lockf.
 * Without either the apply refuses to run unlocked.
 */
export function lockedCommand(shCommandLine: string, lock: LockSettings): string {
  const t = Math.max(0, Math.floor(lock.timeoutS));
  const picker = [
    // exec: the picker shell has nothing left to do, so it need not wait as one more process.
    `if command -v lockf >/dev/null 2>&1; then exec lockf -k -t ${t} ${LOCK_FILE} "$@"`,
    `elif command -v flock >/dev/null 2>&1; then exec flock -E ${LOCK_BUSY_EXIT} -w ${t} ${LOCK_FILE} "$@"`,
    `else echo 'jailfleet: neither lockf nor flock is installed: refusing to apply without the host lock' >&2; exit 69; fi`,
  ].join('; ');
  return `/bin/sh -c ${quote(picker)} jailfleet-lock ${shCommandLine}`;
}

/**
 * Check mode under the lock (reconcile): a look at the host lock before the
 * facts are read, in the gather script itself. A run holding it is applying
 * now, and its half-done state would read as drift: the look gives up after
 * the lock timeout with lockf's 75 (busy). The lock is not kept while the
 * facts are read — a run taking it just after the look still reads and plans
 * for a round trip before it changes anything, longer than a gather takes —
 * because wrapping the gather as lockedCommand does would send the whole
 * script through one more shell as an argument, on every host, every pass.
 * Without lockf or flock there is no look (an apply refuses to run there).
 */
export function lockProbe(lock: LockSettings): string {
  const t = Math.max(0, Math.floor(lock.timeoutS));
  return [
    `if command -v lockf >/dev/null 2>&1; then lockf -k -t ${t} ${LOCK_FILE} true || exit $?`,
    `elif command -v flock >/dev/null 2>&1; then flock -E ${LOCK_BUSY_EXIT} -w ${t} ${LOCK_FILE} true || exit $?; fi`,
  ].join('; ');
}

/** Guard for a later apply of the same play: nobody else wrote since our last apply. */
export function tokenGuard(expected: string, staleMarker: string): string {
  return `[ "$(cat ${TOKEN_FILE} 2>/dev/null)" = ${quote(expected)} ] || { printf '%s\\n' ${staleMarker}; exit 97; }`;
}

export function writeToken(token: string): string {
  return `printf '%s\\n' ${quote(token)} > ${TOKEN_FILE}`;
}

export function busyMessage(lock: LockSettings, stderr: string): string {
  const detail = stderr.trim() ? ` (${stderr.trim()})` : '';
  return `host busy: another jailfleet run holds ${LOCK_FILE}; gave up after ${lock.timeoutS} s${detail}`;
}
