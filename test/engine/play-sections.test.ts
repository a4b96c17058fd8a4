/**
 * README "pre_tasks, post_tasks and role dependencies", in the order
 * Ansible runs a play (docs.ansible.com, playbooks_reuse_roles "Using roles
 * at the play level": "Any pre_tasks defined in the play. Any handlers
 * triggered by pre_tasks. Each role listed in roles:, in the order listed.
 * Any role dependencies defined in the role's meta/main.yml run first ...
 * Any tasks defined in the play. Any handlers triggered by the roles or
 * tasks. Any post_tasks defined in the play. Any handlers triggered by
 * post_tasks."). Each task and handler appends a word to a file on the
 * simulated host, so the file is the order they ran in.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cli } from '../helpers/cli.js';
import { simFleet, type Fleet } from './fleet-fixture.js';

const mark = (word: string, notify?: string): Record<string, unknown> => ({ name: word, command: { cmd: `echo ${word} >> /root/order` }, ...(notify ? { notify } : {}) });

describe('pre_tasks, roles with dependencies, tasks, post_tasks and their handler flushes', () => {
  let fleet: Fleet | undefined;
  afterEach(() => fleet?.cleanup());

  it("run in Ansible's order on the host", async () => {
    fleet = simFleet(1);
    const dir = fleet.dir;
    const write = (rel: string, data: unknown): void => {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), stringify(data));
    };
    write('roles/base/tasks/main.yml', [mark('base')]);
    write('roles/web/meta/main.yml', { dependencies: ['base'] });
    write('roles/web/tasks/main.yml', [mark('web', 'h-role')]);
    write('roles/db/meta/main.yml', { dependencies: [{ role: 'base' }] });
    write('roles/db/tasks/main.yml', [mark('db')]);
    fleet.writePlaybook([
      {
        hosts: 'all',
        pre_tasks: [mark('pre', 'h-pre')],
        roles: ['web', 'db'],
        tasks: [mark('task', 'h-task')],
        post_tasks: [mark('post', 'h-post')],
        handlers: [
          { name: 'h-pre', command: { cmd: 'echo h-pre >> /root/order' } },
          { name: 'h-role', command: { cmd: 'echo h-role >> /root/order' } },
          { name: 'h-task', command: { cmd: 'echo h-task >> /root/order' } },
          { name: 'h-post', command: { cmd: 'echo h-post >> /root/order' } },
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    // base runs once: db's dependency on it is the same role with the same parameters.
    expect(fleet.file('h01', '/root/order')).toBe(['pre', 'h-pre', 'base', 'web', 'db', 'task', 'h-role', 'h-task', 'post', 'h-post', ''].join('\n'));
    expect(r.stdout.match(/^changed: \[h01\] base : base /gm)).toHaveLength(1);
    // The handler flushes between the sections are not tasks of the playbook: 6 tasks and 4 handlers.
    const v = await cli(fleet.dir, 'validate', 'site.yml', '-i', 'inventory.yml');
    expect(v.stdout).toContain(': OK (1 plays, 10 tasks, 1 hosts)');
  });
});
