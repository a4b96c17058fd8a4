import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// playbooks/jail-types.yml against the shipped simulated fleet, through the CLI: converge, then converge again.
describe('playbooks/jail-types.yml on the simulated fleet', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const sh = (script: string, host = 'new2') => run('sim', 'exec', host, '-i', 'inventory/sim.yml', '--', script);
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
    expect(evs.filter((e) => e.type === 'task').map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it("runs two thin jails on new1 from one read-only release, each with its own etc and var (the README's du figures)", async () => {
    expect((await sh('jls name', 'new1')).stdout).toBe('blog\nshop\n');
    expect((await sh('mount | grep jailfleet-base', 'new1')).stdout).toBe(
      '/usr/local/jailfleet/releases/14.2-RELEASE on /usr/jails/blog/.jailfleet-base (nullfs, local, read-only)\n' +
        '/usr/local/jailfleet/releases/14.2-RELEASE on /usr/jails/shop/.jailfleet-base (nullfs, local, read-only)\n',
    );
    expect((await sh('jexec shop freebsd-version -u', 'new1')).stdout).toBe('14.2-RELEASE\n');
    // du -x stays off the nullfs base: the release once, then what each jail holds of its own; a thick jail for comparison.
    expect((await sh('du -skx /usr/local/jailfleet/releases/14.2-RELEASE /usr/jails/blog /usr/jails/shop', 'new1')).stdout).toBe(
      '728\t/usr/local/jailfleet/releases/14.2-RELEASE\n292\t/usr/jails/blog\n292\t/usr/jails/shop\n',
    );
    expect((await sh('du -skx /usr/jails/web')).stdout).toBe('748\t/usr/jails/web\n');
  });
});
