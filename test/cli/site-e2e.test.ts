import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// The README's promise, end to end through the CLI: converge the simulated
// fleet, converge again with nothing to do, then detect drift.
describe('playbooks/site.yml on the simulated fleet', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const hosts = ['old1', 'old2', 'new1', 'new2'];
  const stateFile = (h: string) => join(project.dir, '.jailfleet', 'sim', `${h}.json`);

  afterAll(() => project.cleanup());

  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    first = await run('apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--json');
  });

  it('converges all four hosts with changes, in one exec per host', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const evs = events(first.stdout);
    const recap = evs.find((e) => e.type === 'recap') as { hosts: Record<string, { changed: number; failed: number; channels: number }> };
    expect(Object.keys(recap.hosts).sort()).toEqual([...hosts].sort());
    for (const h of hosts) {
      expect(recap.hosts[h]!.changed).toBeGreaterThan(0);
      expect(recap.hosts[h]!.failed).toBe(0);
      expect(recap.hosts[h]!.channels).toBe(1);
    }
  });

  it('leaves host daemons off the wildcard address', async () => {
    const r = await run('sim', 'exec', 'old1', '-i', 'inventory/sim.yml', '--', 'sockstat', '-4l');
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').slice(1).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    // Local address column only: the foreign column is always *:*.
    const locals = rows.map((row) => row.slice(36, 58).trim());
    for (const local of locals) expect(local).not.toMatch(/^\*:/);
    expect(r.stdout).toMatch(/sshd .* tcp4 +192\.0\.2\.11:22 /);
    // The jail's own sshd holds the jail address; no host daemon does.
    expect(r.stdout).toMatch(/sshd .* tcp4 +192\.0\.2\.111:22 /);
    expect(rows.filter((row) => row.includes('192.0.2.111:'))).toHaveLength(1);
    const jls = await run('sim', 'exec', 'old1', '-i', 'inventory/sim.yml', '--', 'jls', '-j', 'www');
    expect(jls.code).toBe(0);
    expect(jls.stdout).toMatch(/^ +1 +192\.0\.2\.111 +www +\/usr\/jails\/www$/m);
  });

  it('a second run changes nothing, sends one exec per host and leaves state untouched', async () => {
    // Everything but the clock and the pid counter (each exec advances both,
    // as on a real host) must stay as it was.
    const snapshot = (h: string) => {
      const { clock: _clock, nextPid: _nextPid, ...rest } = JSON.parse(readFileSync(stateFile(h), 'utf8')) as Record<string, unknown>;
      return rest;
    };
    const before = hosts.map(snapshot);
    const second = await run('apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml');
    expect(second.code).toBe(0);
    for (const h of hosts) expect(second.stdout).toMatch(new RegExp(`^${h} +: ok=\\d+ +changed=0 +unreachable=0 +failed=0`, 'm'));
    const after = hosts.map(snapshot);
    expect(after).toEqual(before);
    const json = await run('apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--json');
    const ends = events(json.stdout).filter((e) => e.type === 'host_end');
    expect(ends.map((e) => e.channels)).toEqual([1, 1, 1, 1]);
  });

  it('check exits 0 when converged, and 2 naming the host and task after drift', async () => {
    expect((await run('check', 'playbooks/site.yml', '-i', 'inventory/sim.yml')).code).toBe(0);
    const drift = await run('sim', 'exec', 'old1', '-i', 'inventory/sim.yml', '--', 'sysrc', 'syslogd_flags=-s');
    expect(drift.stdout).toBe('syslogd_flags: -ss -> -s\n');
    const check = await run('check', 'playbooks/site.yml', '-i', 'inventory/sim.yml');
    expect(check.code).toBe(2);
    expect(check.stdout).toMatch(/^changed: \[old1\] host daemons listen only on the host address/m);
    expect(check.stdout).not.toMatch(/^changed: \[(old2|new1|new2)\]/m);
    // check mode changed nothing
    const still = await run('sim', 'exec', 'old1', '-i', 'inventory/sim.yml', '--', 'sysrc', '-n', 'syslogd_flags');
    expect(still.stdout).toBe('-s\n');
  });
});
