/**
 * examples/ansible-style (issue 15: "an Ansible-shaped project runs as
 * is"): an INI inventory, group_vars/ and host_vars/, two roles (one with a
 * template and a handler), import_tasks and -e, applied to the simulated
 * fleet. It converges, every layer of variables lands where Ansible's
 * precedence puts it, and the second run is changed=0.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'jailfleet-ansible-style-'));
// Only the project's files: no simulated-host state from a run in the source tree.
cpSync(resolve(import.meta.dirname, '../../examples/ansible-style'), dir, { recursive: true, filter: (src) => !src.includes('.jailfleet') });
const apply = () => cli(dir, 'apply', 'site.yml', '-i', 'hosts.ini', '-e', 'owner=ops', '--json');
const sh = async (host: string, script: string) => (await cli(dir, 'sim', 'exec', host, '-i', 'hosts.ini', '--', script)).stdout;

describe('examples/ansible-style', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converges on both hosts of the INI group [web] (new[1:2]), the handler included', async () => {
    const run = await apply();
    expect(run.code).toBe(0);
    const tasks = events(run.stdout).filter((e) => e.type === 'task');
    const byHost = (h: string) => tasks.filter((t) => t.host === h).map((t) => [t.task, t.status]);
    for (const host of ['new1', 'new2']) {
      expect(byHost(host)).toEqual([
        ['jailhost : jails may not set their hostname', 'changed'],
        ['jailhost : jails start at boot', 'changed'],
        ['jailhost : jail root directory exists', 'changed'],
        ['jailhost : the www jail is built and running', 'changed'],
        ['syslog : messages also go to the loghost', 'changed'],
        ['the motd names who runs this host', 'changed'],
        ['syslog : restart syslogd', 'changed'],
      ]);
    }
  });

  it('puts each variable where its layer says: host_vars over group_vars over role defaults, role params, -e', async () => {
    // group_vars/all.yml (jail_root, jail_release) outranks the role's defaults (/jails, 14.1).
    expect(await sh('new1', 'jls name path host.hostname ip4.addr')).toBe('www /usr/jails/www www.new1 192.0.2.121\n');
    // group_vars/web.yml's loghost on new1, host_vars/new2.yml's on new2; the role parameter's facility over the role default.
    expect(await sh('new1', 'cat /etc/syslog.d/loghost.conf')).toBe('# Managed by jailfleet: do not edit by hand.\n*.notice\t@logs.example.org\nauth.info\t@logs.example.org\n');
    expect(await sh('new2', 'cat /etc/syslog.d/loghost.conf')).toBe('# Managed by jailfleet: do not edit by hand.\n*.notice\t@logs2.example.org\nauth.info\t@logs2.example.org\n');
    // -e owner=ops, magic variables in the imported task file.
    // FreeBSD 14 ships /etc/motd.template (usr.bin/login): the line is added after its stock text, once.
    expect(await sh('new2', 'tail -n 1 /etc/motd.template; grep -c "^Managed by " /etc/motd.template; grep -c "^Welcome to FreeBSD!$" /etc/motd.template')).toBe('Managed by ops with jailfleet (new2, web)\n1\n1\n');
    expect(await sh('new1', 'sysctl -n security.jail.set_hostname_allowed; sysrc -n jail_enable; service syslogd status')).toMatch(/^0\nYES\nsyslogd is running as pid \d+\.\n$/);
  });

  it('the second run changes nothing', async () => {
    const run = await apply();
    expect(run.code).toBe(0);
    const tasks = events(run.stdout).filter((e) => e.type === 'task');
    expect(tasks).toHaveLength(12);
    expect(tasks.filter((t) => t.status !== 'ok')).toEqual([]);
  });
});
