import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// -e wins over host vars, play vars, task vars and registered results
// (only a loop's own variable is above it, as in Ansible), in validate
// as at run time; a bad -e is exit 4 with nothing sent.
const INVENTORY = 'all:\n  vars: { transport: sim, who: group }\n  hosts:\n    h1: { host_ip: 192.0.2.51, who: host }\n';

const PLAYBOOK = `- name: precedence
  hosts: all
  vars: { who: play }
  tasks:
    - name: play and host vars
      copy: { dest: /tmp/a, content: "{{ who }}" }
    - name: task vars
      copy: { dest: /tmp/b, content: "{{ who }}" }
      vars: { who: task }
    - name: registered
      command: { argv: ["true"], changed_when: false }
      register: who
    - name: after register
      copy: { dest: /tmp/c, content: "{{ who }}" }
    - name: loop variable
      copy: { dest: "/tmp/{{ item }}", content: "{{ item }}" }
      loop: [d]
    - name: a secret
      copy: { dest: /tmp/s, content: "{{ db_password }}" }
`;

describe('-e/--extra-vars end to end', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'inv.yml'), INVENTORY);
  writeFileSync(join(project.dir, 'pb.yml'), PLAYBOOK);
  writeFileSync(join(project.dir, 'vars.json'), '{"who": "file", "db_password": "s3cret-value"}');
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const noHostTouched = () => expect(existsSync(join(project.dir, '.jailfleet', 'sim'))).toBe(false);

  it('validate needs the -e that defines a variable, and takes it', async () => {
    const without = await run('validate', 'pb.yml', '-i', 'inv.yml');
    expect(without.code).toBe(4);
    expect(without.stderr).toMatch(/pb\.yml:19:38: tasks\[5\]\.copy\.content: undefined variable "db_password"/);
    const withIt = await run('validate', 'pb.yml', '-i', 'inv.yml', '-e', '@vars.json');
    expect(withIt.stderr).toBe('');
    expect(withIt.code).toBe(0);
  });

  it('a missing @file or a bad -e is exit 4, naming it, with nothing sent', async () => {
    const missing = await run('apply', 'pb.yml', '-i', 'inv.yml', '-e', '@nope.yml');
    expect(missing.code).toBe(4);
    expect(missing.stderr).toBe(`error: -e @nope.yml: cannot read ${join(project.dir, 'nope.yml')}: no such file\n`);
    const bad = await run('check', 'pb.yml', '-i', 'inv.yml', '-e', 'who');
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/-e 'who': "who" is not key=value/);
    noHostTouched();
  });

  it('wins over every other variable but the loop variable; later -e over earlier; secrets stay hidden', async () => {
    const r = await run('apply', 'pb.yml', '-i', 'inv.yml', '--diff', '-e', '@vars.json', '-e', 'who=extra item=nope');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('s3cret-value');
    const files = await run('sim', 'exec', 'h1', '-i', 'inv.yml', '--', 'cat /tmp/a; echo; cat /tmp/b; echo; cat /tmp/c; echo; cat /tmp/d; echo; cat /tmp/s');
    expect(files.stdout).toBe('extra\nextra\nextra\nd\ns3cret-value');
    const again = await run('apply', 'pb.yml', '-i', 'inv.yml', '--json', '-e', '@vars.json', '-e', 'who=extra item=nope');
    expect(events(again.stdout).filter((e) => e.type === 'task' && e.status === 'changed')).toEqual([]);
  });
});
