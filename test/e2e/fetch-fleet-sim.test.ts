/**
 * fetch and file through the CLI on a simulated fleet of three hosts: each
 * host's file appears on the controller under the playbook's directory as
 * DEST/HOST/SRC (Ansible's fetch layout), --check writes nothing there, and
 * the second apply changes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

const playbook = `
- name: collect
  hosts: all
  tasks:
    - name: app config
      copy: { dest: /usr/local/etc/app.conf, content: "listen={{ host_ip }}\\n", mode: "0640" }
    - name: current release link
      file: { path: /usr/local/etc/app.current, src: app.conf, state: link }
    - name: bring the config home
      fetch: { src: /usr/local/etc/app.current, dest: collected }
`;

const HOSTS = ['h1', 'h2', 'h3'];
type Ev = Record<string, unknown>;
const tasks = (stdout: string): Ev[] => events(stdout).filter((e) => e.type === 'task');

describe('fetch on a simulated fleet', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'playbooks', 'collect.yml'), playbook);
  writeFileSync(join(project.dir, 'inventory', 'three.yml'), `all:\n  hosts:\n${HOSTS.map((h, i) => `    ${h}: { transport: sim, host_ip: 192.0.2.${51 + i} }\n`).join('')}`);
  const run = (...argv: string[]) => cli(project.dir, ...argv, 'playbooks/collect.yml', '-i', 'inventory/three.yml', '--json');
  const copyOf = (host: string) => join(project.dir, 'playbooks', 'collected', host, 'usr', 'local', 'etc', 'app.current');

  it('validates', async () => {
    expect((await cli(project.dir, 'validate', 'playbooks/collect.yml', '-i', 'inventory/three.yml')).code).toBe(0);
  });

  it('--check reports every task changed and writes nothing on the controller', async () => {
    const check = await run('check');
    expect(check.code).toBe(2);
    expect(tasks(check.stdout).filter((t) => t.task === 'bring the config home').map((t) => t.status)).toEqual(['changed', 'changed', 'changed']);
    expect(existsSync(join(project.dir, 'playbooks', 'collected'))).toBe(false);
  });

  it('apply puts each host\'s file (through the link) under collected/HOST/', async () => {
    const first = await run('apply');
    expect(first.code).toBe(0);
    expect(tasks(first.stdout).map((t) => t.status)).toEqual(Array(9).fill('changed'));
    HOSTS.forEach((h, i) => expect(readFileSync(copyOf(h), 'utf8')).toBe(`listen=192.0.2.${51 + i}\n`));
  });

  it('the second apply changes nothing, in one exec per host', async () => {
    const second = await run('apply');
    expect(second.code).toBe(0);
    expect(tasks(second.stdout).map((t) => t.status)).toEqual(Array(9).fill('ok'));
    expect(events(second.stdout).filter((e) => e.type === 'host_end').map((e) => e.channels)).toEqual([1, 1, 1]);
  });
});
