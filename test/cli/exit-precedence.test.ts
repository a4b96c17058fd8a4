/**
 * README "Exit codes": 1 a task failed "(also when other hosts were
 * unreachable)"; 2 changes pending; 3 a host unreachable "(and no task
 * failed)"; 130 interrupted. When a run has several of these at once, the
 * order is interrupted > failed (or a stopped rollout) > unreachable >
 * pending changes. Unit tests of exitCodeFor, then the same order through
 * the CLI on simulated hosts: an unreachable host (`sim.faults.unreachable`)
 * beside a failing task (a sysctl on an unknown oid fails in check mode too:
 * README "sysctl").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from '../../src/cli/exit-codes.js';
import type { RunSummary } from '../../src/engine/run.js';
import type { HostStats } from '../../src/report/events.js';
import { cli, events } from '../helpers/cli.js';
import { simFleet, type Fleet } from '../engine/fleet-fixture.js';

const stats = (s: Partial<HostStats>): HostStats => ({ ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, notRun: 0, channels: 1, ...s });
const summary = (hosts: Record<string, Partial<HostStats>>, extra: Partial<RunSummary> = {}): RunSummary => ({
  hosts: Object.fromEntries(Object.entries(hosts).map(([h, s]) => [h, stats(s)])),
  interrupted: false,
  ...extra,
});

describe('exitCodeFor: precedence when a run ends several ways', () => {
  const failed = { failed: 1 };
  const unreachable = { unreachable: 1 };
  const changed = { ok: 1, changed: 1 };

  it('0 when nothing failed, nothing is unreachable and (apply) changes were made', () => {
    expect(exitCodeFor(summary({ a: { ok: 2 } }), false)).toBe(EXIT.ok);
    // Changes made by apply are success: only check mode reports them as pending.
    expect(exitCodeFor(summary({ a: changed }), false)).toBe(EXIT.ok);
  });

  it('2 for pending changes in check mode, only when nothing failed or was unreachable', () => {
    expect(exitCodeFor(summary({ a: changed, b: { ok: 1 } }), true)).toBe(EXIT.changesPending);
    expect(exitCodeFor(summary({ a: changed, b: unreachable }), true)).toBe(EXIT.unreachable);
    expect(exitCodeFor(summary({ a: changed, b: failed }), true)).toBe(EXIT.failed);
  });

  it('1 for a failed task, also when other hosts were unreachable', () => {
    expect(exitCodeFor(summary({ a: failed }), false)).toBe(EXIT.failed);
    expect(exitCodeFor(summary({ a: failed, b: unreachable }), false)).toBe(EXIT.failed);
    expect(exitCodeFor(summary({ a: failed, b: unreachable, c: changed }), true)).toBe(EXIT.failed);
  });

  it('3 for an unreachable host when no task failed', () => {
    expect(exitCodeFor(summary({ a: unreachable, b: changed }), false)).toBe(EXIT.unreachable);
  });

  it('1 for a stopped rollout, even when the hosts that stopped it were only unreachable', () => {
    // README "Rolling out": max_fail_percentage counts failed or unreachable hosts; a stopped rollout is exit 1.
    expect(exitCodeFor(summary({ a: unreachable, b: { notRun: 1 } }, { stopped: 'max_fail_percentage 0% exceeded' }), false)).toBe(EXIT.failed);
  });

  it('130 when interrupted, above everything else', () => {
    expect(exitCodeFor(summary({ a: failed, b: unreachable, c: changed }, { interrupted: true, stopped: 'x' }), true)).toBe(EXIT.interrupted);
  });
});

describe('exit-code precedence through the CLI on simulated hosts', () => {
  let fleet: Fleet | undefined;
  afterEach(() => fleet?.cleanup());

  // h01 fails its first task, h02 is unreachable, h03 converges.
  const mixed = () => {
    fleet = simFleet(3, (n) => (n === 'h02' ? { sim: { faults: { unreachable: true } } } : {}));
    fleet.writePlaybook([
      {
        name: 'mixed',
        hosts: 'all',
        tasks: [
          { name: 'bad oid', sysctl: { name: 'kern.nosuch', value: '1' }, when: 'inventory_hostname == "h01"' },
          { name: 'release file', copy: { dest: '/etc/jailfleet-release', content: 'v2\n' } },
        ],
      },
    ]);
    return fleet;
  };

  it('apply: a failed task and an unreachable host is exit 1, and the recap shows both', async () => {
    const f = mixed();
    const r = await cli(f.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("failed: [h01] bad oid => sysctl: unknown oid 'kern.nosuch'\n");
    expect(r.stdout).toMatch(/^unreachable: \[h02\] => /m);
    expect(r.stdout).toMatch(/^h01 +: ok=0 +changed=0 +unreachable=0 +failed=1 +skipped=0 +not_run=0$/m);
    expect(r.stdout).toMatch(/^h02 +: ok=0 +changed=0 +unreachable=1 +failed=0 +skipped=0 +not_run=0$/m);
    // The others carry on (README "Rolling out": a failed or unreachable host does not stop the others).
    expect(f.file('h03', '/etc/jailfleet-release')).toBe('v2\n');
  });

  it('check: drift with a failed task is exit 1, not 2; with an unreachable host only, 3', async () => {
    const f = mixed();
    const r = await cli(f.dir, 'check', 'site.yml', '-i', 'inventory.yml', '--json');
    expect(r.code).toBe(1);
    const tasks = events(r.stdout).filter((e) => e.type === 'task').map((e) => [e.host, e.task, e.status]);
    expect(tasks).toContainEqual(['h01', 'bad oid', 'failed']);
    expect(tasks).toContainEqual(['h03', 'release file', 'changed']);

    // Without the failing task: drift on h01 and h03, h02 unreachable: unreachable outranks pending changes.
    f.writePlaybook([{ name: 'mixed', hosts: 'all', tasks: [{ name: 'release file', copy: { dest: '/etc/jailfleet-release', content: 'v2\n' } }] }]);
    const drift = await cli(f.dir, 'check', 'site.yml', '-i', 'inventory.yml');
    expect(drift.stdout).toContain('changed: [h03] release file');
    expect(drift.code).toBe(3);

    // And the pending changes alone are 2.
    const reachable = await cli(f.dir, 'check', 'site.yml', '-i', 'inventory.yml', '--limit', '!h02');
    expect(reachable.code).toBe(2);
  });
});
