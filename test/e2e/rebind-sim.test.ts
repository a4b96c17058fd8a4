import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// rebind end to end on a simulated host that runs a jail owning 192.0.2.111:
// every host daemon moves to 192.0.2.11, a second run sends one exec, drift is
// detected, and a run that would cut jailfleet's own session is refused.
const INVENTORY = `all:
  vars:
    transport: sim
  hosts:
    h1:
      host_ip: 192.0.2.11
    far:
      host_ip: 192.0.2.12
      sim:
        address: 192.0.2.50
`;

const PLAYBOOK = `- name: host daemons
  hosts: all
  tasks:
    - name: host daemons listen on the host address only
      rebind:
        address: "{{ host_ip }}"
`;

type Recap = { hosts: Record<string, { changed: number; failed: number; channels: number }> };

describe('rebind on the simulator', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const sh = (host: string, script: string) => run('sim', 'exec', host, '-i', 'inv.yml', '--', script);
  // The simulated host's state without its clock and next PID, which every exec advances.
  const hostState = (h: string) => {
    const state = JSON.parse(readFileSync(join(project.dir, '.jailfleet', 'sim', `${h}.json`), 'utf8')) as Record<string, unknown>;
    delete state.clock;
    delete state.nextPid;
    return state;
  };
  afterAll(() => project.cleanup());

  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    writeFileSync(join(project.dir, 'inv.yml'), INVENTORY);
    writeFileSync(join(project.dir, 'rebind.yml'), PLAYBOOK);
    // A running jail on 192.0.2.111, and sendmail enabled as the full MTA.
    const setup = await sh(
      'h1',
      `mkdir -p /usr/jails/www && jail -c name=www path=/usr/jails/www 'ip4.addr=em0|192.0.2.111/32' persist host.hostname=www.example.org && sysrc sendmail_enable=YES`,
    );
    expect(setup.code).toBe(0);
    first = await run('apply', 'rebind.yml', '-i', 'inv.yml', '--limit', 'h1', '--json');
  });

  it('moves all five daemons off the wildcard and the jail address', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const task = events(first.stdout).find((e) => e.type === 'task') as { status: string; message: string };
    expect(task.status).toBe('changed');
    expect(task.message).toBe(
      '/etc/rc.conf: syslogd_flags: "-s" -> "-ss"; syslogd restarted; ' +
        '/etc/rc.conf: inetd_flags: "-wW -C 60" -> "-wW -C 60 -a 192.0.2.11"; inetd restarted; ' +
        'sshd ListenAddress 192.0.2.11; sshd reloaded; postfix inet_interfaces = $myhostname; postfix restarted; ' +
        '/etc/rc.conf: sendmail_enable: "YES" -> "NO"',
    );
    const s = await sh('h1', 'sockstat -4l');
    const rows = s.stdout.split('\n').slice(1).filter(Boolean);
    expect(rows.map((r) => r.split(/\s+/)[1]).sort()).toEqual(['inetd', 'master', 'sshd']);
    for (const row of rows) {
      expect(row).not.toMatch(/ \*:\d+ /);
      expect(row).not.toContain('192.0.2.111');
    }
    expect(s.stdout).toMatch(/^root +sshd +\d+ +\d+ +tcp4 +192\.0\.2\.11:22 /m);
    expect(s.stdout).toMatch(/^root +master +\d+ +\d+ +tcp4 +192\.0\.2\.11:25 /m);
    expect((await sh('h1', 'sysrc -n syslogd_flags inetd_flags sendmail_enable')).stdout).toBe('-ss\n-wW -C 60 -a 192.0.2.11\nNO\n');
    expect((await sh('h1', 'grep -n ListenAddress /etc/ssh/sshd_config')).stdout).toBe('18:ListenAddress 192.0.2.11\n');
  });

  it('a second run changes nothing in one exec and leaves the host untouched', async () => {
    const before = hostState('h1');
    const second = await run('apply', 'rebind.yml', '-i', 'inv.yml', '--limit', 'h1', '--json');
    expect(second.code).toBe(0);
    const recap = events(second.stdout).find((e) => e.type === 'recap') as Recap;
    expect(recap.hosts.h1).toMatchObject({ changed: 0, failed: 0, channels: 1 });
    expect(hostState('h1')).toEqual(before);
  });

  it('check reports drift (exit 2) without repairing it; apply repairs it', async () => {
    expect((await sh('h1', 'sysrc syslogd_flags=-s')).stdout).toBe('syslogd_flags: -ss -> -s\n');
    const check = await run('check', 'rebind.yml', '-i', 'inv.yml', '--limit', 'h1');
    expect(check.code).toBe(2);
    expect(check.stdout).toMatch(/^changed: \[h1\] host daemons listen on the host address only/m);
    expect((await sh('h1', 'sysrc -n syslogd_flags')).stdout).toBe('-s\n');
    const fix = await run('apply', 'rebind.yml', '-i', 'inv.yml', '--limit', 'h1', '--json');
    expect(fix.code).toBe(0);
    const task = events(fix.stdout).find((e) => e.type === 'task') as { message: string };
    // syslogd runs (with -ss, no socket): the setting is put back and syslogd restarted to match it.
    expect(task.message).toBe('/etc/rc.conf: syslogd_flags: "-s" -> "-ss"; syslogd restarted');
  });

  it('restarts a daemon whose setting is right but that still listens on the wildcard', async () => {
    // Someone fixed inetd_flags but restarted inetd with the old flags first.
    await sh('h1', `sysrc inetd_flags='-wW -C 60' && service inetd onerestart && sysrc inetd_flags='-wW -C 60 -a 192.0.2.11'`);
    expect((await sh('h1', 'sockstat -4l')).stdout).toMatch(/inetd .* \*:21 /);
    const fix = await run('apply', 'rebind.yml', '-i', 'inv.yml', '--limit', 'h1', '--json');
    expect(fix.code).toBe(0);
    expect((events(fix.stdout).find((e) => e.type === 'task') as { message: string }).message).toBe('inetd restarted');
    expect((await sh('h1', 'sockstat -4l')).stdout).toMatch(/inetd .* 192\.0\.2\.11:21 /);
  });

  it('fails the verify step, naming the daemon, when a port is still taken after the rebind', async () => {
    // postfix's host name resolves to the jail's address: the restart binds it there.
    await sh('h1', `printf '192.0.2.111 h1\\n' >> /etc/hosts && sed -i '' 's/^inet_interfaces = .*/inet_interfaces = all/' /usr/local/etc/postfix/main.cf`);
    const r = await run('apply', 'rebind.yml', '-i', 'inv.yml', '--limit', 'h1', '--json');
    expect(r.code).toBe(1);
    const task = events(r.stdout).find((e) => e.type === 'task') as Record<string, unknown>;
    expect(task).toMatchObject({ status: 'failed', step: 'verify with sockstat -4l', exitCode: 1 });
    expect(task.stderr).toBe('postfix (master) still listens on 192.0.2.111:25\n');
  });

  it('refuses to move sshd off the address jailfleet is connected through, and changes nothing', async () => {
    const before = await sh('far', 'sockstat -4l; cat /etc/rc.conf /etc/ssh/sshd_config');
    const r = await run('apply', 'rebind.yml', '-i', 'inv.yml', '--limit', 'far', '--json');
    expect(r.code).toBe(1);
    const task = events(r.stdout).find((e) => e.type === 'task') as Record<string, unknown>;
    expect(task).toMatchObject({
      status: 'failed',
      message: 'refusing to rebind sshd to 192.0.2.12: jailfleet is connected through 192.0.2.50 and would be locked out',
    });
    const recap = events(r.stdout).find((e) => e.type === 'recap') as Recap;
    expect(recap.hosts.far).toMatchObject({ changed: 0, failed: 1, channels: 1 });
    expect((await sh('far', 'sockstat -4l; cat /etc/rc.conf /etc/ssh/sshd_config')).stdout).toBe(before.stdout);
  });
});
