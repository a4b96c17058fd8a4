import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// playbooks/jail-types.yml against the shipped simulated fleet, through the CLI: converge, then converge again.
describe('playbooks/jail-types.yml on the simulated fleet', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const sh = (script: string) => run('sim', 'exec', 'new2', '-i', 'inventory/sim.yml', '--', script);
  const apply = (...extra: string[]) => run('apply', 'playbooks/jail-types.yml', '-i', 'inventory/sim.yml', ...extra);
  afterAll(() => project.cleanup());

  it('runs the NAT jail behind its rdr and the VNET jail on its epair; a second apply changes nothing', async () => {
    const first = await apply();
    expect(first.code).toBe(0);
    expect((await sh('pfctl -a jailfleet/web -s nat')).stdout).toContain('rdr pass on em0 inet proto tcp from any to any port = 8080 -> 10.17.0.2 port 80\n');
    expect((await sh('jexec app ifconfig epair3b')).stdout).toContain('inet 192.0.2.140 netmask 0xffffff00');
    expect((await sh('ifconfig bridge0')).stdout).toMatch(/^\tmember: epair3a flags=/m);
    const again = await apply('--json');
    expect(again.code).toBe(0);
    const evs = events(again.stdout);
    expect(evs.filter((e) => e.type === 'task').map((e) => e.status)).toEqual(['ok', 'ok']);
  });
});
