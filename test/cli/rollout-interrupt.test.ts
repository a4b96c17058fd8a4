import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { freshHostState } from '../../src/sim/seed.js';
import { events } from '../helpers/cli.js';
import { simFleet, type Fleet } from '../engine/fleet-fixture.js';

let fleet: Fleet | undefined;
afterEach(() => fleet?.cleanup());

const LINE = 'jailfleet_release="v2"';

describe('Ctrl-C in the middle of a 20-host run', () => {
  it.each(['free', 'linear'])('%s: stops starting hosts, lets running ones finish, prints the recap, exits 130', async (strategy) => {
    fleet = simFleet(20);
    fleet.writePlaybook([
      {
        name: 'rollout',
        hosts: 'all',
        strategy,
        serial: 4,
        tasks: [
          { name: 'rc.conf', line: { path: '/etc/rc.conf', line: LINE } },
          { name: 'release', copy: { dest: '/etc/jailfleet-release', content: 'v2\n' } },
        ],
      },
    ]);
    const controller = new AbortController();
    let stdout = '';
    let ended = 0;
    const code = await runCli(['apply', 'site.yml', '-i', 'inventory.yml', '--json', '--forks', '2'], {
      out: (t) => {
        stdout += t;
        // Ctrl-C once five hosts are done.
        ended += (t.match(/"type":"host_end"/g) ?? []).length;
        if (ended >= 5) controller.abort();
      },
      err: () => {},
      isTTY: false,
      cwd: fleet.dir,
      env: {},
      signal: controller.signal,
    });
    expect(code).toBe(130);
    const evs = events(stdout);
    const recap = evs.find((e) => e.type === 'recap') as { interrupted?: boolean; hosts: Record<string, { notRun: number; failed: number }> };
    expect(recap.interrupted).toBe(true);
    const notRun = fleet.names.filter((h) => recap.hosts[h]!.notRun > 0);
    expect(notRun.length).toBeGreaterThan(0);
    expect(notRun.length).toBeLessThan(16);
    expect(Object.values(recap.hosts).every((s) => s.failed === 0)).toBe(true);

    // Nothing half-written: no temp files, each file old or new, never a mix.
    const pristine = freshHostState({ hostname: 'x', address: '192.0.2.1' });
    let changedHosts = 0;
    for (const h of fleet.names) {
      const state = fleet.state(h);
      if (!state) {
        expect(notRun).toContain(h);
        continue;
      }
      expect(Object.keys(state.fs).filter((p) => p.includes('/.jailfleet.'))).toEqual([]);
      const rc = fleet.file(h, '/etc/rc.conf')!;
      const original = (pristine.fs['/etc/rc.conf'] as { content: string }).content.replace('hostname="x"', `hostname="${h}"`).replace(/192\.0\.2\.1\//, '');
      expect([false, true]).toContain(rc.endsWith(`${LINE}\n`));
      expect(rc.replace(`${LINE}\n`, '').replace(/192\.0\.2\.\d+\//, '')).toBe(original);
      const release = fleet.file(h, '/etc/jailfleet-release');
      expect([undefined, 'v2\n']).toContain(release);
      if (release) changedHosts += 1;
      // A host that never applied is reported as not run, not as done.
      if (!rc.includes(LINE)) expect(notRun).toContain(h);
    }
    expect(changedHosts).toBeGreaterThanOrEqual(5);
    expect(changedHosts).toBeLessThan(20);
  });
});
