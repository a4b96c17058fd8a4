/**
 * playbooks/consolidate.yml on inventory/sim.yml after playbooks/site.yml
 * and playbooks/old-web-server.yml (issue 13): old1's www moves to new1 by zfs send (both have ZFS), old2's
 * to new2 by tar (new2 has none), then old2 itself, a machine with its own
 * web server, two users, its packages and its site's data, becomes a jail
 * on new1 that takes over old2's address. The recap shows every move, a
 * second run changes nothing, and afterwards old1 and old2 run no jail and
 * no address is held by two hosts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

const HOSTS = ['old1', 'old2', 'new1', 'new2'];

describe('playbooks/consolidate.yml', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const sh = async (host: string, script: string) => (await cli(project.dir, 'sim', 'exec', host, '-i', 'inventory/sim.yml', '--', script)).stdout;
  const apply = (playbook: string, ...argv: string[]) => cli(project.dir, 'apply', playbook, '-i', 'inventory/sim.yml', ...argv);

  it('moves old1\'s www by ZFS and old2\'s by tar, then old2 into a jail; the recap shows every move', async () => {
    expect((await apply('playbooks/site.yml')).code).toBe(0);
    expect((await apply('playbooks/old-web-server.yml')).code).toBe(0);
    const run = await apply('playbooks/consolidate.yml', '--json');
    expect(run.code).toBe(0);
    const tasks = events(run.stdout).filter((e) => e.type === 'task');
    expect(tasks.map((t) => [t.host, t.status])).toEqual([
      ['new1', 'changed'],
      ['new2', 'changed'],
      ['new1', 'changed'],
    ]);
    expect(String(tasks[0]!.message)).toMatch(/^moved jail www from old1 to new1:\/usr\/jails\/www-old1 as www-old1 \(\d+ bytes by zfs send, \d+ of them while stopped/);
    expect(String(tasks[1]!.message)).toMatch(/^moved jail www from old2 to new2:\/usr\/jails\/www-old2 as www-old2 \(\d+ bytes by tar/);
    const [recap] = events(run.stdout).filter((e) => e.type === 'recap') as Array<{ hosts: Record<string, { changed: number }> }>;
    expect(String(tasks[2]!.message)).toMatch(
      /^old2 became jail old2 on new1:\/usr\/jails\/old2 \(14\.2-RELEASE; packages nginx, pkg, postfix; users alice, bob; services inetd, nginx, postfix, sshd; \d+ bytes of \/usr\/local\/www\/data, \/usr\/local\/etc\/nginx, \/home by tar, verified with mtree; 192\.0\.2\.12 moved from old2\); old2 retired; downtime \d+ ms$/,
    );
    expect(recap!.hosts.new1!.changed).toBe(2);
    // Each move's downtime (source stopped → destination verified) and bytes, in its event.
    for (const t of tasks) expect(t).toMatchObject({ downtime_ms: expect.any(Number), bytes: expect.any(Number) });
    expect(recap!.hosts.new2!.changed).toBe(1);
  });

  it('afterwards old1 and old2 run no jail, each new host runs two, and no address is on two hosts', async () => {
    expect(await sh('old1', 'jls name')).toBe('');
    expect(await sh('old2', 'jls name')).toBe('');
    expect((await sh('new1', 'jls name')).split('\n').filter(Boolean).sort()).toEqual(['old2', 'www', 'www-old1']);
    expect((await sh('new2', 'jls name')).split('\n').filter(Boolean).sort()).toEqual(['www', 'www-old2']);
    const seen = new Map<string, string[]>();
    for (const host of HOSTS) {
      for (const m of (await sh(host, 'ifconfig -a')).matchAll(/inet (\d+\.\d+\.\d+\.\d+) /g)) {
        if (m[1] === '127.0.0.1') continue;
        seen.set(m[1]!, [...(seen.get(m[1]!) ?? []), host]);
      }
    }
    expect([...seen].filter(([, hosts]) => hosts.length > 1)).toEqual([]);
    expect(seen.get('192.0.2.111')).toEqual(['new1']);
    expect(seen.get('192.0.2.112')).toEqual(['new2']);
    expect(seen.get('192.0.2.12')).toEqual(['new1']);
  });

  it("old2's site is served from the jail on old2's address, by the same users, from the same data", async () => {
    // sockstat(1) -j: the jail's sockets; nginx listens on old2's address, as its copied config says.
    const jailSockets = await sh('new1', 'sockstat -4 -l -q -j old2');
    expect(jailSockets).toMatch(/^root +nginx +\d+ +3 +tcp4 +192\.0\.2\.12:80 +\*:\*$/m);
    expect(jailSockets).not.toMatch(/ \*:\d+ /);
    expect(await sh('old2', 'sockstat -4 -l -q')).not.toMatch(/nginx/);
    expect(await sh('new1', 'pw -R /usr/jails/old2 usershow alice; pw -R /usr/jails/old2 usershow bob; pw -R /usr/jails/old2 groupshow webdev')).toBe(
      await sh('old2', 'pw usershow alice; pw usershow bob; pw groupshow webdev'),
    );
    expect(await sh('new1', 'ls -ln /usr/jails/old2/usr/local/www/data; cat /usr/jails/old2/usr/local/www/data/index.html')).toBe(
      await sh('old2', 'ls -ln /usr/local/www/data; cat /usr/local/www/data/index.html'),
    );
    expect(await sh('new1', 'pkg -j old2 query %n')).toBe('nginx\npkg\npostfix\n');
    // Its enabled services carried over; nothing of the host's own (addresses, router, jails).
    expect(await sh('new1', 'sysrc -f /usr/jails/old2/etc/rc.conf -a')).not.toMatch(/ifconfig|defaultrouter|jail_/);
    expect(await sh('new1', 'sysrc -f /usr/jails/old2/etc/rc.conf -n nginx_enable')).toBe('YES\n');
  });

  it('old2 is retired with its data kept: its services off, its address gone for good', async () => {
    expect(await sh('old2', 'cat /usr/local/www/data/index.html')).toBe('<h1>old2</h1>\n');
    expect(await sh('old2', 'sysrc -n nginx_enable; sysrc -n ifconfig_em0 2>&1; cat /var/db/jailfleet/retired')).toBe(
      'NO\nsysrc: unknown variable \'ifconfig_em0\'\nnew1 old2\n',
    );
  });

  it('a second run changes nothing', async () => {
    const again = await apply('playbooks/consolidate.yml', '--json');
    expect(again.code).toBe(0);
    expect(events(again.stdout).filter((e) => e.type === 'task').map((t) => t.status)).toEqual(['ok', 'ok', 'ok']);
  });
});
