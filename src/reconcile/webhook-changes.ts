/**
 * What the webhook reports: each host's outcome in this pass against the
 * previous pass's, reduced to the changes an operator acts on. A host that
 * stays drifted or stays failed is not news and is not sent again.
 */
import type { HostOutcome, HostResultRow, PassRow } from './history-schema.js';
import { outcomeCounts } from './outcome-counts.js';

/**
 * - `drift`: now drifted, and was not drifted (or had no previous outcome);
 * - `failure`: now failed or unreachable, and was neither;
 * - `ok`: now ok, and was drifted, failed or unreachable;
 * - `repaired`: --fix repaired drift on it in this pass (a corrective change,
 *   news every time it happens).
 * `busy` (held by a manual apply) is neither trouble nor recovery: no event.
 */
export type HostChangeEvent = 'drift' | 'failure' | 'ok' | 'repaired';

export interface HostChange {
  host: string;
  event: HostChangeEvent;
  outcome: HostOutcome;
  /** The outcome in the previous pass; null for a host new to the history. */
  previous: HostOutcome | null;
  message: string;
}

export const WEBHOOK_PAYLOAD_VERSION = 1;

/** The JSON body of one POST: one per pass, only when it has changes. */
export interface WebhookPayload {
  version: typeof WEBHOOK_PAYLOAD_VERSION;
  source: 'jailfleet';
  kind: 'reconcile.changes';
  pass: {
    id: number;
    status: PassRow['status'];
    started_at: string;
    ended_at: string | null;
    fix: boolean;
    playbook: string;
    note: string;
    hosts: Record<HostOutcome, number>;
    tasks_drifted: number;
    repairs: number;
  };
  changes: HostChange[];
}

const FAILING: ReadonlySet<HostOutcome> = new Set(['failed', 'unreachable']);
const TROUBLE: ReadonlySet<HostOutcome> = new Set(['drifted', 'failed', 'unreachable']);

function eventFor(outcome: HostOutcome, previous: HostOutcome | undefined): HostChangeEvent | undefined {
  if (outcome === 'repaired') return 'repaired';
  if (outcome === 'drifted') return previous === 'drifted' ? undefined : 'drift';
  if (FAILING.has(outcome)) return previous !== undefined && FAILING.has(previous) ? undefined : 'failure';
  if (outcome === 'ok') return previous !== undefined && TROUBLE.has(previous) ? 'ok' : undefined;
  return undefined;
}

/** The changes of one pass, in host order (stable payloads are easier to test and to diff). */
export function hostChanges(hosts: readonly HostResultRow[], previous: ReadonlyMap<string, HostOutcome>): HostChange[] {
  const changes: HostChange[] = [];
  for (const h of hosts) {
    const before = previous.get(h.host);
    const event = eventFor(h.outcome, before);
    if (event) changes.push({ host: h.host, event, outcome: h.outcome, previous: before ?? null, message: h.message });
  }
  return changes.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function webhookPayload(pass: PassRow, hosts: readonly HostResultRow[], changes: HostChange[]): WebhookPayload {
  return {
    version: WEBHOOK_PAYLOAD_VERSION,
    source: 'jailfleet',
    kind: 'reconcile.changes',
    pass: {
      id: pass.id,
      status: pass.status,
      started_at: iso(pass.started_at) ?? '',
      ended_at: iso(pass.ended_at),
      fix: pass.fix === 1,
      playbook: pass.playbook,
      note: pass.note,
      hosts: outcomeCounts(pass, hosts),
      tasks_drifted: pass.tasks_drifted,
      repairs: pass.repairs,
    },
    changes,
  };
}
