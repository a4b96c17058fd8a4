/** Hosts by outcome in one pass, shared by the metrics and the webhook payload. */
import { HOST_OUTCOMES, type HostOutcome, type HostResultRow, type PassRow } from './history-schema.js';

const OUTCOME_COLUMNS: Record<HostOutcome, keyof PassRow> = {
  ok: 'hosts_ok',
  drifted: 'hosts_drifted',
  repaired: 'hosts_repaired',
  failed: 'hosts_failed',
  unreachable: 'hosts_unreachable',
  busy: 'hosts_busy',
};

/**
 * Counted from the host rows when there are any (they are what the pass
 * saw), else the pass row's own totals (a pass seeded from the history comes
 * without its host rows).
 */
export function outcomeCounts(pass: PassRow, hosts: readonly HostResultRow[]): Record<HostOutcome, number> {
  const counts = Object.fromEntries(HOST_OUTCOMES.map((o) => [o, 0])) as Record<HostOutcome, number>;
  if (hosts.length === 0) {
    for (const o of HOST_OUTCOMES) counts[o] = Number(pass[OUTCOME_COLUMNS[o]]) || 0;
    return counts;
  }
  for (const h of hosts) counts[h.outcome] += 1;
  return counts;
}
