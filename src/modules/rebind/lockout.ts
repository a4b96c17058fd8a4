/**
 * Refuse to move sshd off the address jailfleet's own session uses: the next
 * run (and the user's next login) could not connect. The session address is
 * the one the host saw ($SSH_CONNECTION), else the one the controller dialled.
 * Loopback counts as safe: it means a tunnel or forwarded port (or the
 * simulator's own SSH server), not one of the host's interfaces.
 */
import { PlanError } from '../plan-error.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

export function checkLockout(session: string | undefined, dialled: string | undefined, kept: string[]): void {
  const through = session ?? dialled;
  if (through === undefined || LOOPBACK.test(through) || kept.includes(through)) return;
  const target = kept.join(', ');
  throw new PlanError(`refusing to rebind sshd to ${target}: jailfleet is connected through ${through} and would be locked out`);
}
