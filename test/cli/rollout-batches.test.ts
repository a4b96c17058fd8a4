import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, events } from '../helpers/cli.js';
import { simFleet, type Fleet } from '../engine/fleet-fixture.js';
import { parseXml, type XmlNode } from '../report/xml-check.js';

const RELEASE = '/etc/jailfleet-release';
// A host whose release_dir does not exist fails its apply step (mktemp cannot create the temp file).
const rollout = (extra: Record<string, unknown>) => [
  { name: 'rollout', hosts: 'all', ...extra, tasks: [{ name: 'release file', copy: { dest: '{{ release_dir }}/jailfleet-release', content: 'v2\n' } }] },
];

let fleet: Fleet | undefined;
afterEach(() => fleet?.cleanup());

describe('rolling batches on 20 simulated hosts', () => {
  const failing = new Set(['h03', 'h05']);
  const make = () => simFleet(20, (n) => ({ release_dir: failing.has(n) ? '/nonexistent' : '/etc' }));

  it('serial [1, "50%"] with max_fail_percentage 10 stops after the batch that exceeded it', async () => {
    fleet = make();
    fleet.writePlaybook(rollout({ serial: [1, '50%'], max_fail_percentage: 10 }));
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--report', 'report.xml');
    expect(r.code).toBe(1);

    const batch1 = ['h01'];
    const batch2 = fleet.names.slice(1, 11);
    const batch3 = fleet.names.slice(11);
    for (const h of [...batch1, ...batch2]) expect(fleet.file(h, RELEASE)).toBe(failing.has(h) ? undefined : 'v2\n');
    // Later batches were never contacted: no simulated host state at all.
    for (const h of batch3) expect(fleet.state(h)).toBeUndefined();

    expect(r.stdout).toContain(
      '\nROLLOUT STOPPED after batch 2/3 of "rollout": max_fail_percentage 10% exceeded: 2 of 10 hosts failed in batch 2/3 (20%: h03, h05)\n' +
        `  not run (9): ${batch3.join(', ')}\n`,
    );
    expect(r.stdout).toMatch(/^h03 +: ok=0 +changed=0 +unreachable=0 +failed=1 +skipped=0 +not_run=0$/m);
    expect(r.stdout).toMatch(/^h04 +: ok=1 +changed=1 +unreachable=0 +failed=0 +skipped=0 +not_run=0$/m);
    for (const h of batch3) expect(r.stdout).toMatch(new RegExp(`^${h} +: ok=0 +changed=0 +unreachable=0 +failed=0 +skipped=0 +not_run=1$`, 'm'));
    expect(r.stdout).not.toMatch(/^BATCH \[3\/3\]/m);

    // The JUnit report: the same story, parsed.
    const root = parseXml(readFileSync(join(fleet.dir, 'report.xml'), 'utf8'));
    expect(root.name).toBe('testsuites');
    const [suite] = root.children;
    expect(suite).toMatchObject({ name: 'testsuite', attrs: { name: 'rollout', tests: '20', failures: '2', skipped: '9' } });
    const cases = suite!.children;
    expect(cases.every((c) => c.name === 'testcase')).toBe(true);
    const byHost = (h: string): XmlNode => cases.find((c) => c.attrs.classname === h)!;
    expect(byHost('h01')).toMatchObject({ attrs: { name: 'release file' }, children: [] });
    const failure = byHost('h03').children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attrs.message).toMatch(/^step "write \/nonexistent\/jailfleet-release" failed \(exit 1\): mktemp: /);
    expect(failure.text).toMatch(/^mktemp: mkstemp failed on \/nonexistent\/\.jailfleet\./);
    expect(byHost('h20')).toMatchObject({ attrs: { name: '(not run)' }, children: [{ name: 'skipped' }] });
  });

  it('carries on while the failures stay within max_fail_percentage', async () => {
    fleet = simFleet(20, (n) => ({ release_dir: n === 'h03' ? '/nonexistent' : '/etc' }));
    fleet.writePlaybook(rollout({ serial: [1, '50%'], max_fail_percentage: 10 }));
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--json');
    expect(r.code).toBe(1); // h03 failed, but the rollout went on
    const evs = events(r.stdout);
    expect(evs.filter((e) => e.type === 'rollout_stopped')).toEqual([]);
    expect(evs.filter((e) => e.type === 'batch_start').map((e) => (e.hosts as string[]).length)).toEqual([1, 10, 9]);
    for (const h of fleet.names) expect(fleet.file(h, RELEASE)).toBe(h === 'h03' ? undefined : 'v2\n');
  });

  it('any_errors_fatal stops after the first batch with a failure, and says why in --json', async () => {
    fleet = make();
    fleet.writePlaybook(rollout({ serial: 5, any_errors_fatal: true }));
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--json');
    expect(r.code).toBe(1);
    const evs = events(r.stdout);
    const stop = evs.find((e) => e.type === 'rollout_stopped')!;
    expect(stop).toMatchObject({ batch: 1, batches: 4, reason: 'any_errors_fatal: 2 host(s) failed in batch 1/4 (h03, h05)' });
    expect(stop.notRun).toEqual(fleet.names.slice(5));
    expect(evs.filter((e) => e.type === 'host_not_run').map((e) => e.host)).toEqual(fleet.names.slice(5));
    const recap = evs.find((e) => e.type === 'recap')!;
    expect(recap.stopped).toBe(stop.reason);
  });

  it('an unreachable host among 20: the 19 others converge, exit 3, the recap shows it', async () => {
    fleet = simFleet(20, (n) => ({ release_dir: '/etc', ...(n === 'h07' ? { sim: { faults: { unreachable: true } } } : {}) }));
    fleet.writePlaybook(rollout({}));
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(3);
    for (const h of fleet.names) expect(fleet.file(h, RELEASE)).toBe(h === 'h07' ? undefined : 'v2\n');
    expect(r.stdout).toMatch(/^unreachable: \[h07\] => /m);
    expect(r.stdout).toMatch(/^h07 +: ok=0 +changed=0 +unreachable=1 +failed=0 +skipped=0 +not_run=0$/m);
  });

  it('linear and free leave the fleet in the same state', async () => {
    const plays = (strategy: string) => [
      {
        name: 'rollout',
        hosts: 'all',
        strategy,
        serial: '25%',
        tasks: [
          { name: 'release', copy: { dest: RELEASE, content: 'v2\n' }, notify: 'note' },
          { name: 'rc', sysrc: { name: 'jailfleet_release', value: 'v2' } },
        ],
        handlers: [{ name: 'note', line: { path: '/var/log/jailfleet.log', line: 'released v2', create: true } }],
      },
    ];
    const free = simFleet(8, () => ({}));
    const linear = simFleet(8, () => ({}));
    try {
      free.writePlaybook(plays('free'));
      linear.writePlaybook(plays('linear'));
      expect((await cli(free.dir, 'apply', 'site.yml', '-i', 'inventory.yml')).code).toBe(0);
      expect((await cli(linear.dir, 'apply', 'site.yml', '-i', 'inventory.yml')).code).toBe(0);
      // The lock token is random per apply, and only a session (free) keeps
      // its round log (emptied at its end); everything else must match.
      const bookkeeping = (p: string) => p === '/var/run/jailfleet.token' || p.startsWith('/var/db/jailfleet/session.') || p === '/var/db/jailfleet';
      const contents = (f: Fleet, h: string) =>
        Object.fromEntries(
          Object.entries(f.state(h)!.fs)
            .filter(([p]) => !bookkeeping(p))
            .map(([p, n]) => [p, n.kind === 'file' ? n.content : n.kind]),
        );
      for (const h of free.names) {
        expect(contents(linear, h)).toEqual(contents(free, h));
        expect(free.file(h, '/var/log/jailfleet.log')).toBe('released v2\n');
        expect(free.file(h, '/etc/rc.conf')).toMatch(/^jailfleet_release="v2"$/m);
      }
    } finally {
      free.cleanup();
      linear.cleanup();
    }
  });

  it('rejects an until that is not about success, before connecting (exit 4)', async () => {
    fleet = simFleet(1, () => ({ release_dir: '/etc' }));
    fleet.writePlaybook([
      { hosts: 'all', tasks: [{ name: 't', copy: { dest: RELEASE, content: 'x' }, register: 'r', retries: 2, until: 'r.stdout == "ok"' }] },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: .*site\.yml:\d+:\d+: tasks\[0\]\.until: "r\.stdout == "ok"" is not supported: /);
    expect(fleet.state('h01')).toBeUndefined();
  });
});
