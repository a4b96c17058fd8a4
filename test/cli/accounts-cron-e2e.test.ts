/**
 * An Ansible user's playbook carries over (issue 15): group, user and cron
 * tasks under their ansible.builtin names on a simulated host. --check
 * changes nothing and exits 2, apply --diff converges and shows the
 * changes, the second apply reports changed=0 in one exec, and the
 * encrypted password appears in no output, log or diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

const HASH = '$6$e2esalt$Zq0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW';
const playbook = `
- name: accounts and jobs
  hosts: all
  tasks:
    - name: ops group
      ansible.builtin.group: { name: ops, gid: 2000 }
    - name: deploy user
      ansible.builtin.user: { name: deploy, group: ops, groups: wheel, comment: Deploy, password: '${HASH}' }
    - name: nightly report
      ansible.builtin.cron: { name: report, user: deploy, minute: 30, hour: 2, job: /usr/local/bin/report }
    - name: system cleanup
      ansible.builtin.cron: { name: cleanup, cron_file: cleanup, special_time: daily, job: /usr/local/bin/cleanup }
`;

type Ev = Record<string, unknown>;
const tasks = (stdout: string): Ev[] => events(stdout).filter((e) => e.type === 'task');

describe('group, user and cron through the CLI on a simulated host', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'playbooks', 'accounts.yml'), playbook);
  writeFileSync(join(project.dir, 'inventory', 'one.yml'), 'all:\n  hosts:\n    h1: { transport: sim, host_ip: 192.0.2.41 }\n');
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const sh = async (text: string) => (await run('sim', 'exec', 'h1', '-i', 'inventory/one.yml', '--', text)).stdout;

  it('check reports the changes, exits 2 and changes nothing', async () => {
    const check = await run('check', 'playbooks/accounts.yml', '-i', 'inventory/one.yml', '--json');
    expect(check.code).toBe(2);
    expect(tasks(check.stdout).map((t) => [t.task, t.status])).toEqual([
      ['ops group', 'changed'],
      ['deploy user', 'changed'],
      ['nightly report', 'changed'],
      ['system cleanup', 'changed'],
    ]);
    // The group's gid is given, so its result is predicted and the user task is planned on it; useradd's is not
    // (pw picks the uid), so the crontab task after it depends on it, and the task after an unplanned one too.
    expect(tasks(check.stdout).map((t) => t.message)).toEqual([
      'group ops added',
      'user deploy added',
      'depends on the change made by task deploy user',
      'depends on the change made by task nightly report',
    ]);
    expect(check.stdout).not.toContain('e2esalt');
    expect(await sh('grep -c deploy /etc/master.passwd; ls /etc/cron.d')).toBe('0\n');
  });

  it('apply --diff converges: pw and crontab(1) made what the tasks say; the hash is in no output or log', async () => {
    const apply = await run('apply', 'playbooks/accounts.yml', '-i', 'inventory/one.yml', '--diff', '--log-file', join(project.dir, 'run.log'));
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/^h1 +: ok=4 +changed=4 /m);
    expect(apply.stdout).toContain('+gid: 2000');
    expect(apply.stdout).toContain('+password: (set)');
    expect(apply.stdout).toContain('+30 2 * * * /usr/local/bin/report');
    expect(apply.stdout).toContain('+@daily root /usr/local/bin/cleanup');
    const log = readFileSync(join(project.dir, 'run.log'), 'utf8');
    expect(log).toContain('deploy user');
    expect(`${apply.stdout}${apply.stderr}${log}`).not.toContain('e2esalt');
    // pw_make's line: name:passwd:uid:gid:class:change:expire:gecos:home:shell; the first free uid is 1001 (pw_uidpolicy).
    expect(await sh('grep ^deploy: /etc/master.passwd; grep ^wheel: /etc/group')).toBe(`deploy:${HASH}:1001:2000::0:0:Deploy:/home/deploy:/bin/sh\nwheel:*:0:root,deploy\n`);
    expect(await sh('crontab -u deploy -l; cat /etc/cron.d/cleanup')).toBe(
      '#Ansible: report\n30 2 * * * /usr/local/bin/report\n#Ansible: cleanup\n@daily root /usr/local/bin/cleanup\n',
    );
  });

  it('a password pw could not store is an input error naming file:line, without the value (exit 4)', async () => {
    writeFileSync(join(project.dir, 'playbooks', 'bad.yml'), "- hosts: all\n  tasks:\n    - user: { name: deploy, password: 'plain:secretword' }\n");
    const bad = await run('apply', 'playbooks/bad.yml', '-i', 'inventory/one.yml');
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('bad.yml:3:');
    expect(bad.stderr).toContain('tasks[0].user.password: password may not contain ":", a newline or NUL');
    expect(`${bad.stdout}${bad.stderr}`).not.toContain('secretword');
  });

  it('the second apply changes nothing, in one exec', async () => {
    const second = await run('apply', 'playbooks/accounts.yml', '-i', 'inventory/one.yml', '--json');
    expect(second.code).toBe(0);
    expect(tasks(second.stdout).map((t) => t.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(events(second.stdout).find((e) => e.type === 'host_end')?.channels).toBe(1);
  });
});
