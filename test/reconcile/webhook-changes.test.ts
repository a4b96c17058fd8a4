import { describe, expect, it } from 'vitest';
import type { HostOutcome } from '../../src/reconcile/history-schema.js';
import { hostChanges, webhookPayload } from '../../src/reconcile/webhook-changes.js';
import { hostRows, passWithHosts, T0 } from './pass-rows.js';

const eventFor = (outcome: HostOutcome, previous?: HostOutcome): string | undefined =>
  hostChanges(hostRows(2, { h: outcome }), new Map(previous ? [['h', previous]] : []))[0]?.event;

describe('webhook changes: each host against its previous outcome', () => {
  it.each<[HostOutcome, HostOutcome | undefined, string | undefined]>([
    ['drifted', 'ok', 'drift'],
    ['drifted', undefined, 'drift'],
    ['drifted', 'failed', 'drift'],
    ['drifted', 'repaired', 'drift'],
    ['drifted', 'drifted', undefined],
    ['failed', 'ok', 'failure'],
    ['unreachable', 'drifted', 'failure'],
    ['failed', undefined, 'failure'],
    ['failed', 'unreachable', undefined],
    ['unreachable', 'unreachable', undefined],
    ['ok', 'drifted', 'ok'],
    ['ok', 'failed', 'ok'],
    ['ok', 'unreachable', 'ok'],
    ['ok', 'ok', undefined],
    ['ok', 'busy', undefined],
    ['ok', 'repaired', undefined],
    ['ok', undefined, undefined],
    ['repaired', 'drifted', 'repaired'],
    ['repaired', 'ok', 'repaired'],
    ['busy', 'drifted', undefined],
    ['busy', 'ok', undefined],
  ])('%s after %s: %s', (outcome, previous, event) => {
    expect(eventFor(outcome, previous)).toBe(event);
  });

  it('one payload per pass: the pass, its counts and the changes, sorted by host', () => {
    const hosts = hostRows(7, { web2: 'drifted', web1: 'ok', db1: 'unreachable', cache: 'ok' });
    const previous = new Map<string, HostOutcome>([['web2', 'ok'], ['web1', 'failed'], ['db1', 'ok'], ['cache', 'ok']]);
    const pass = passWithHosts(7, hosts, { tasks_drifted: 3, fix: 1 });
    const payload = webhookPayload(pass, hosts, hostChanges(hosts, previous));
    expect(payload).toEqual({
      version: 1,
      source: 'jailfleet',
      kind: 'reconcile.changes',
      pass: {
        id: 7,
        status: 'done',
        started_at: new Date(T0 + 7 * 600_000).toISOString(),
        ended_at: new Date(T0 + 7 * 600_000 + 42_500).toISOString(),
        fix: true,
        playbook: 'playbooks/site.yml',
        note: '',
        hosts: { ok: 2, drifted: 1, repaired: 0, failed: 0, unreachable: 1, busy: 0 },
        tasks_drifted: 3,
        repairs: 0,
      },
      changes: [
        { host: 'db1', event: 'failure', outcome: 'unreachable', previous: 'ok', message: 'unreachable on db1' },
        { host: 'web1', event: 'ok', outcome: 'ok', previous: 'failed', message: '' },
        { host: 'web2', event: 'drift', outcome: 'drifted', previous: 'ok', message: 'drifted on web2' },
      ],
    });
  });
});
