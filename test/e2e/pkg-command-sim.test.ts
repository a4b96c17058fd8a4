import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// pkg and command end to end on a simulated host: converge, converge again
// with nothing to do (one exec), remove, and the failures a user sees.
const INVENTORY = `all:
  vars:
    transport: sim
  hosts:
    h1:
      host_ip: 192.0.2.11
`;

const INSTALL = `- name: packages and a one-off command
  hosts: all
  tasks:
    - name: web server and tools
      pkg:
        name: [nginx, curl]
    - name: initialise the web root once
      command:
        cmd: "mkdir -p /usr/local/www/site && echo hello > /usr/local/www/site/index.html"
        creates: /usr/local/www/site/index.html
    - name: index is there
      command:
        argv: [test, -s, /usr/local/www/site/index.html]
        changed_when: false
`;

const REMOVE = `- name: remove
  hosts: all
  tasks:
    - name: no web server
      pkg:
        name: nginx
        state: absent
`;

const BROKEN = `- name: broken
  hosts: all
  tasks:
    - name: a package the repository does not have
      pkg:
        name: no-such-package
    - name: a failing command
      command:
        cmd: "echo going; echo boom >&2; exit 3"
`;

type Recap = { hosts: Record<string, { ok: number; changed: number; failed: number; channels: number }> };
type TaskEvent = { task: string; status: string; message: string; step?: string; exitCode?: number; stderr?: string };

describe('pkg and command on the simulator', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const sh = (script: string) => run('sim', 'exec', 'h1', '-i', 'inv.yml', '--', script);
  const apply = async (playbook: string) => {
    const r = await run('apply', playbook, '-i', 'inv.yml', '--json');
    const evs = events(r.stdout);
    return {
      code: r.code,
      tasks: evs.filter((e) => e.type === 'task') as unknown as TaskEvent[],
      recap: (evs.find((e) => e.type === 'recap') as unknown as Recap).hosts.h1,
    };
  };
  afterAll(() => project.cleanup());

  beforeAll(() => {
    writeFileSync(join(project.dir, 'inv.yml'), INVENTORY);
    writeFileSync(join(project.dir, 'install.yml'), INSTALL);
    writeFileSync(join(project.dir, 'remove.yml'), REMOVE);
    writeFileSync(join(project.dir, 'broken.yml'), BROKEN);
  });

  it('installs, runs the guarded command once, and changes nothing the second time', async () => {
    const first = await apply('install.yml');
    expect(first.code).toBe(0);
    expect(first.tasks.map((t) => [t.task, t.status, t.message])).toEqual([
      ['web server and tools', 'changed', 'install nginx, curl'],
      // Long commands are shortened in messages and step titles.
      ['initialise the web root once', 'changed', 'run: mkdir -p /usr/local/www/site && echo hello > /usr/local/www/...'],
      ['index is there', 'ok', 'run: test -s /usr/local/www/site/index.html'],
    ]);
    expect((await sh('pkg info -e nginx && pkg info -e curl && cat /usr/local/www/site/index.html')).stdout).toBe('hello\n');

    const second = await apply('install.yml');
    expect(second.code).toBe(0);
    expect(second.tasks.map((t) => [t.status, t.message])).toEqual([
      ['ok', 'nginx, curl installed'],
      ['ok', 'skipped: /usr/local/www/site/index.html exists'],
      ['ok', 'run: test -s /usr/local/www/site/index.html'],
    ]);
    // The changed_when: false check still runs, so this run applies one step, in the same exec as the facts.
    expect(second.recap).toMatchObject({ changed: 0, failed: 0, channels: 1 });
  });

  it('removes a package, then has nothing to remove', async () => {
    const first = await apply('remove.yml');
    expect(first.tasks.map((t) => [t.status, t.message])).toEqual([['changed', 'remove nginx']]);
    expect((await sh('pkg info -e nginx; echo $?')).stdout).toBe('1\n');
    const second = await apply('remove.yml');
    expect(second.tasks.map((t) => [t.status, t.message])).toEqual([['ok', 'nginx not installed']]);
    expect(second.recap).toMatchObject({ changed: 0, channels: 1 });
  });

  it('reports an unknown package with pkg\'s own message, and stops the host there', async () => {
    const r = await apply('broken.yml');
    expect(r.code).toBe(1);
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]).toMatchObject({ status: 'failed', step: 'pkg install no-such-package', exitCode: 1 });
    expect(r.tasks[0]?.stderr).toContain("No packages available to install matching 'no-such-package'");
  });

  it('reports a failing command with its exit code and stderr', async () => {
    // The same playbook without the package task: the command runs and fails.
    writeFileSync(join(project.dir, 'broken.yml'), BROKEN.replace(/ {4}- name: a package[\s\S]*?no-such-package\n/, ''));
    const r = await apply('broken.yml');
    expect(r.code).toBe(1);
    expect(r.tasks[0]).toMatchObject({ task: 'a failing command', status: 'failed', exitCode: 3, stderr: 'boom\n' });
    expect(r.tasks[0]?.message).toBe('step "command: echo going; echo boom >&2; exit 3" failed (exit 3): boom');
  });
});
