/**
 * Whether a finished batch stops the rollout (Ansible's rules): any failure
 * with any_errors_fatal; more failed or unreachable hosts than
 * max_fail_percentage allows (strictly more); every host of a serial batch
 * failed. Undefined: carry on.
 */
import type { PlayDef } from '../playbook/types.js';

export interface BatchResult {
  /** 1-based batch number and the number of batches of the play. */
  batch: number;
  batches: number;
  hosts: string[];
  /** Failed or unreachable hosts of the batch. */
  failed: string[];
}

const names = (hosts: string[]): string => (hosts.length > 5 ? `${hosts.slice(0, 5).join(', ')}, ...` : hosts.join(', '));

export function stopReason(play: Pick<PlayDef, 'anyErrorsFatal' | 'maxFailPercentage' | 'serial'>, r: BatchResult): string | undefined {
  const n = r.failed.length;
  if (n === 0) return undefined;
  const where = `batch ${r.batch}/${r.batches}`;
  if (play.anyErrorsFatal) return `any_errors_fatal: ${n} host(s) failed in ${where} (${names(r.failed)})`;
  const pct = (n * 100) / r.hosts.length;
  if (play.maxFailPercentage !== undefined && pct > play.maxFailPercentage) {
    return `max_fail_percentage ${play.maxFailPercentage}% exceeded: ${n} of ${r.hosts.length} hosts failed in ${where} (${Math.round(pct)}%: ${names(r.failed)})`;
  }
  if (play.serial !== undefined && n === r.hosts.length) return `every host of ${where} failed (${names(r.failed)})`;
  return undefined;
}
