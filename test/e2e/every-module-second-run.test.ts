import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// The contract every module keeps, shown for the issue-2 modules together on
// one simulated host: --check changes nothing and reports what apply then
// changes; --diff shows the changes; the second apply reports changed=0 in a
// single (read-only) exec and leaves the host exactly as it was.
const playbook = `
- name: every module
  hosts: all
  tasks:
    - name: sysrc
      sysrc: { name: sshd_flags, value: "-o LoginGraceTime=30" }
    - name: line
      line: { path: /etc/motd.template, line: "managed by jailfleet", create: true }
    - name: copy
      copy: { dest: /usr/local/etc/app.conf, content: "listen={{ host_ip }}\\n", mode: "0640" }
    - name: directory
      directory: { path: /var/db/app, mode: "0750" }
    - name: sysctl
      sysctl: { name: net.inet.ip.forwarding, value: "1" }
    - name: service
      service: { name: cron, state: stopped }
`;

type Ev = Record<string, unknown>;
const tasks = (stdout: string): Ev[] => events(stdout).filter((e) => e.type === 'task');

describe('every module: check, diff, converge, second run', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'playbooks', 'modules.yml'), playbook);
  writeFileSync(join(project.dir, 'inventory', 'one.yml'), 'all:\n  hosts:\n    h1: { transport: sim, host_ip: 192.0.2.41 }\n');
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const stateFile = join(project.dir, '.jailfleet', 'sim', 'h1.json');
  // The clock and pid counter move with every exec, as on a real host.
  const snapshot = () => {
    const { clock: _c, nextPid: _p, ...rest } = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
    return rest;
  };

  it('check mode reports six changes, exits 2 and changes nothing', async () => {
    const check = await run('check', 'playbooks/modules.yml', '-i', 'inventory/one.yml', '--json');
    expect(check.code).toBe(2);
    expect(tasks(check.stdout).map((t) => [t.task, t.status])).toEqual(
      ['sysrc', 'line', 'copy', 'directory', 'sysctl', 'service'].map((n) => [n, 'changed']),
    );
    expect(existsSync(stateFile)).toBe(true);
    const files = (await run('sim', 'exec', 'h1', '-i', 'inventory/one.yml', '--', 'ls', '/usr/local/etc/app.conf', '/var/db/app')).stderr;
    expect(files.match(/No such file or directory/g)).toHaveLength(2);
    // A FreeBSD 14 host has /etc/motd.template (usr.bin/login installs it); check mode adds no line to it.
    const motd = await run('sim', 'exec', 'h1', '-i', 'inventory/one.yml', '--', "grep -c 'managed by jailfleet' /etc/motd.template");
    expect([motd.stdout, motd.code]).toEqual(['0\n', 1]);
  });

  it('apply --diff converges with a diff for every file and value', async () => {
    const first = await run('apply', 'playbooks/modules.yml', '-i', 'inventory/one.yml', '--diff');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^h1 +: ok=6 +changed=6 /m);
    expect(first.stdout).toContain('+sshd_flags="-o LoginGraceTime=30"');
    expect(first.stdout).toContain('+managed by jailfleet');
    expect(first.stdout).toContain('+listen=192.0.2.41');
    expect(first.stdout).toMatch(/-0\s*\n\+1/);
    const state = await run('sim', 'exec', 'h1', '-i', 'inventory/one.yml', '--', 'sysctl -n net.inet.ip.forwarding; service cron onestatus; ls -ld /var/db/app; cat /usr/local/etc/app.conf');
    expect(state.stdout).toMatch(/^1\ncron is not running\.\ndrwxr-x--- .* \/var\/db\/app\nlisten=192\.0\.2\.41\n$/);
  });

  it('the second apply changes nothing, in one exec, and leaves the host as it was', async () => {
    const before = snapshot();
    const second = await run('apply', 'playbooks/modules.yml', '-i', 'inventory/one.yml', '--json');
    expect(second.code).toBe(0);
    expect(tasks(second.stdout).map((t) => t.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(events(second.stdout).find((e) => e.type === 'host_end')?.channels).toBe(1);
    expect(snapshot()).toEqual(before);
  });
});
