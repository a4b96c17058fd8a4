/** History rows for the metrics and webhook tests, shaped as history-schema.ts says. */
import type { HostOutcome, HostResultRow, PassRow } from '../../src/reconcile/history-schema.js';

export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

export function passRow(id: number, over: Partial<PassRow> = {}): PassRow {
  return {
    id,
    started_at: T0 + id * 600_000,
    ended_at: T0 + id * 600_000 + 42_500,
    status: 'done',
    fix: 0,
    playbook: 'playbooks/site.yml',
    note: '',
    hosts_ok: 0,
    hosts_drifted: 0,
    hosts_repaired: 0,
    hosts_failed: 0,
    hosts_unreachable: 0,
    hosts_busy: 0,
    tasks_drifted: 0,
    repairs: 0,
    ...over,
  };
}

/** Host rows from "host=outcome" pairs. */
export function hostRows(passId: number, outcomes: Record<string, HostOutcome>): HostResultRow[] {
  return Object.entries(outcomes).map(([host, outcome]) => ({ pass_id: passId, host, outcome, message: outcome === 'ok' ? '' : `${outcome} on ${host}` }));
}

/** The pass row's counts filled from its host rows, as the reconcile loop records them. */
export function passWithHosts(id: number, hosts: HostResultRow[], over: Partial<PassRow> = {}): PassRow {
  const n = (o: HostOutcome): number => hosts.filter((h) => h.outcome === o).length;
  return passRow(id, {
    hosts_ok: n('ok'),
    hosts_drifted: n('drifted'),
    hosts_repaired: n('repaired'),
    hosts_failed: n('failed'),
    hosts_unreachable: n('unreachable'),
    hosts_busy: n('busy'),
    ...over,
  });
}

export const outcomesOf = (hosts: HostResultRow[]): Map<string, HostOutcome> => new Map(hosts.map((h) => [h.host, h.outcome]));
