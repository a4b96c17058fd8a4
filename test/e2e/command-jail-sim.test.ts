import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// command with jail: (and shell, its alias) on a simulated host whose www
// jail site.yml built: the commands and their guards run inside the jail,
// and the second run changes nothing and sends no mutating command.
const PLAYBOOK = `- name: commands in the www jail
  hosts: new1
  tasks:
    - name: record the jail's hostname once
      shell:
        cmd: "hostname > /root/name"
        jail: www
        creates: /root/name
    - name: a word list, in the jail's /etc
      command:
        argv: [sh, -c, "pwd > /tmp/where"]
        jail: www
        chdir: /etc
        unless: "test -s /tmp/where"
    - name: only where the jail has /root/name
      ansible.builtin.command:
        cmd: "touch flag"
        chdir: /tmp
        jail: www
        onlyif: "test -f /root/name"
        creates: /tmp/flag
`;

type Ev = Record<string, unknown>;

describe('command in a jail on the simulator', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const stateFile = join(project.dir, '.jailfleet', 'sim', 'new1.json');
  const snapshot = () => {
    const { clock: _c, nextPid: _p, ...rest } = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
    return rest;
  };
  const apply = async () => {
    const r = await run('apply', 'jail-commands.yml', '-i', 'inventory/sim.yml', '--json');
    const evs = events(r.stdout);
    return { code: r.code, tasks: evs.filter((e) => e.type === 'task'), end: evs.find((e) => e.type === 'host_end') as Ev };
  };
  afterAll(() => project.cleanup());
  beforeAll(async () => {
    writeFileSync(join(project.dir, 'jail-commands.yml'), PLAYBOOK);
    expect((await run('apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'new1')).code).toBe(0);
  });

  it('runs each command and guard inside the jail', async () => {
    const first = await apply();
    expect(first.code).toBe(0);
    expect(first.tasks.map((t) => [t.status, t.message])).toEqual([
      ['changed', 'run in jail www: hostname > /root/name'],
      ['changed', 'run in jail www: sh -c pwd > /tmp/where'],
      ['changed', 'run in jail www: touch flag'],
    ]);
    const files = await run('sim', 'exec', 'new1', '-i', 'inventory/sim.yml', '--', 'cat /usr/jails/www/root/name /usr/jails/www/tmp/where; ls /usr/jails/www/tmp; for f in /root/name /tmp/where /tmp/flag; do test -e $f && echo on the host: $f; done; true');
    expect(files.stdout).toBe('www\n/etc\nflag\nwhere\n');
  });

  it('the second run changes nothing, in one exec, and leaves the host as it was', async () => {
    const before = snapshot();
    const second = await apply();
    expect(second.code).toBe(0);
    expect(second.tasks.map((t) => [t.status, t.message])).toEqual([
      ['ok', 'skipped: /root/name exists in jail www'],
      ['ok', 'skipped: unless command exited 0 in jail www'],
      ['ok', 'skipped: /tmp/flag exists in jail www'],
    ]);
    expect(second.end.channels).toBe(1);
    expect(snapshot()).toEqual(before);
  });

  it('a jail that is not running fails the task, saying so', async () => {
    expect((await run('sim', 'exec', 'new1', '-i', 'inventory/sim.yml', '--', 'service jail stop www')).code).toBe(0);
    const r = await apply();
    expect(r.code).toBe(1);
    expect(r.tasks[0]).toMatchObject({ status: 'failed' });
    expect(String(r.tasks[0]!.message)).toMatch(/inside jail www: is the jail running\?.*jexec: jail "www" not found/);
  });
});
