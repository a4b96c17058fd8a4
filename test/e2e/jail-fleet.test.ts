import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// playbooks/jail-fleet.yml against the shipped simulated fleet, through the
// CLI as a user runs it: converge, converge again, drift, check.
describe('playbooks/jail-fleet.yml on the simulated fleet', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const sh = (host: string, script: string) => run('sim', 'exec', host, '-i', 'inventory/sim.yml', '--', script);
  const apply = (...extra: string[]) => run('apply', 'playbooks/jail-fleet.yml', '-i', 'inventory/sim.yml', ...extra);
  const hosts = { new1: '192.0.2.121', new2: '192.0.2.122' };

  afterAll(() => project.cleanup());

  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    first = await apply('--json');
  });

  it('converges the new hosts, and only them', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const recap = events(first.stdout).find((e) => e.type === 'recap') as { hosts: Record<string, { changed: number; failed: number }> };
    expect(Object.keys(recap.hosts).sort()).toEqual(['new1', 'new2']);
    for (const h of Object.keys(hosts)) expect(recap.hosts[h]).toMatchObject({ changed: 1, failed: 0 });
  });

  it('each jail runs with its own address, devfs and procfs mounted, kernel -> dev/null', async () => {
    for (const [h, ip] of Object.entries(hosts)) {
      const jls = await sh(h, 'jls');
      expect(jls.stdout).toMatch(new RegExp(`^\\s+\\d+\\s+${ip.replace(/\./g, '\\.')}\\s+www\\s+/usr/jails/www$`, 'm'));
      const mounts = (await sh(h, 'mount')).stdout;
      expect(mounts).toContain('devfs on /usr/jails/www/dev (devfs)');
      expect(mounts).toContain('procfs on /usr/jails/www/proc (procfs, local)');
      expect((await sh(h, 'readlink /usr/jails/www/kernel')).stdout).toBe('dev/null\n');
    }
  });

  it("the jail's sshd listens on the jail address, its console log goes to /var/log/messages", async () => {
    const sockstat = (await sh('new1', 'sockstat -4l')).stdout;
    expect(sockstat).toMatch(/^root +sshd +\d+ +\d+ +tcp4 +192\.0\.2\.121:22 /m);
    const syslog = (await sh('new1', 'grep "^\\*\\.err" /usr/jails/www/etc/syslog.conf')).stdout;
    expect(syslog).toMatch(/^\*\.err;kern\.warning;auth\.notice;mail\.crit +\/var\/log\/messages$/m);
    expect((await sh('new1', 'cat /etc/jail.conf')).stdout).toBe('.include "/etc/jail.conf.d/*.conf";\n');
    expect((await sh('new1', 'sysrc -n jail_list jail_enable')).stdout).toBe('www\nYES\n');
  });

  it('a second apply changes nothing in one exec per host', async () => {
    const again = await apply('--json');
    expect(again.code).toBe(0);
    const evs = events(again.stdout);
    expect(evs.filter((e) => e.type === 'task').map((e) => e.status)).toEqual(['ok', 'ok']);
    expect(evs.filter((e) => e.type === 'host_end').map((e) => e.channels)).toEqual([1, 1]);
    const human = await apply();
    for (const h of Object.keys(hosts)) expect(human.stdout).toMatch(new RegExp(`^${h} +: ok=1 +changed=0 +unreachable=0 +failed=0`, 'm'));
  });

  it('check reports a jail removed by hand (exit 2) without starting it; apply starts it again', async () => {
    expect((await run('sim', 'exec', 'new1', '-i', 'inventory/sim.yml', '--', 'jail', '-r', 'www')).code).toBe(0);
    const check = await run('check', 'playbooks/jail-fleet.yml', '-i', 'inventory/sim.yml');
    expect(check.code).toBe(2);
    expect(check.stdout).toMatch(/^changed: \[new1\] jail is built, configured and running => jail www started/m);
    expect(check.stdout).not.toMatch(/^changed: \[new2\]/m);
    expect((await sh('new1', 'jls -j www')).code).toBe(1);
    expect((await apply()).code).toBe(0);
    expect((await sh('new1', 'jls -j www')).code).toBe(0);
  });
});
