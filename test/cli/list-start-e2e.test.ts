import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// --list-hosts / --list-tasks print Ansible's listing and send nothing;
// --start-at-task runs from the first task of that name on.
const PLAYBOOK = `- name: first play
  hosts: all
  tasks:
    - name: one
      copy: { dest: /tmp/one, content: "1" }
      tags: [files, a]
    - name: two
      copy: { dest: /tmp/two, content: "2" }
      tags: never
- name: second play
  hosts: h2
  tasks:
    - name: three
      copy: { dest: /tmp/three, content: "3" }
    - name: four
      copy: { dest: /tmp/four, content: "4" }
`;
const INVENTORY = 'all:\n  vars: { transport: sim }\n  hosts:\n    h1: { host_ip: 192.0.2.61 }\n    h2: { host_ip: 192.0.2.62 }\n';

describe('--list-hosts, --list-tasks, --start-at-task', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'pb.yml'), PLAYBOOK);
  writeFileSync(join(project.dir, 'inv.yml'), INVENTORY);
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const noHostTouched = () => expect(existsSync(join(project.dir, '.jailfleet', 'sim'))).toBe(false);

  it('--list-hosts: each play\'s hosts after --limit, in Ansible\'s shape, nothing sent', async () => {
    const r = await run('apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--list-hosts', '--limit', 'new:!new2');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "\nplaybook: playbooks/site.yml\n\n  play #1 (all): Jail host and its www jail\tTAGS: []\n    pattern: ['all']\n    hosts (1):\n      new1\n\n",
    );
    noHostTouched();
  });

  it('--list-tasks: task names with their tags, as --tags would select them', async () => {
    const r = await run('check', 'pb.yml', '-i', 'inv.yml', '--list-tasks', '--list-hosts');
    expect(r.stdout).toBe(
      [
        '',
        'playbook: pb.yml',
        '',
        '  play #1 (all): first play\tTAGS: []',
        "    pattern: ['all']",
        '    hosts (2):',
        '      h1',
        '      h2',
        '    tasks:',
        '      one\tTAGS: [a, files]',
        '',
        '  play #2 (h2): second play\tTAGS: []',
        "    pattern: ['h2']",
        '    hosts (1):',
        '      h2',
        '    tasks:',
        '      three\tTAGS: []',
        '      four\tTAGS: []',
        '',
        '',
      ].join('\n'),
    );
    expect((await run('apply', 'pb.yml', '-i', 'inv.yml', '--list-tasks', '--tags', 'never')).stdout).toContain('    tasks:\n      two\tTAGS: [never]\n\n  play #2');
    noHostTouched();
  });

  it('--start-at-task: an unknown name is exit 4 with a suggestion, nothing sent', async () => {
    const r = await run('apply', 'pb.yml', '-i', 'inv.yml', '--start-at-task', 'thre');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`error: --start-at-task: no task named "thre" in ${join(project.dir, 'pb.yml')} (did you mean "three"?)\n`);
    noHostTouched();
  });

  it('--start-at-task: the tasks before the named one do not run', async () => {
    const r = await run('apply', 'pb.yml', '-i', 'inv.yml', '--json', '--start-at-task', 'th*');
    expect(r.code).toBe(0);
    const tasks = events(r.stdout).filter((e) => e.type === 'task');
    expect(tasks.map((t) => [t.host, t.task, t.status])).toEqual([
      ['h2', 'three', 'changed'],
      ['h2', 'four', 'changed'],
    ]);
    expect((await run('sim', 'exec', 'h2', '-i', 'inv.yml', '--', 'ls /tmp')).stdout).toBe('four\nthree\n');
  });
});
