/**
 * The template module end to end through the CLI on the built-in simulated
 * fleet: templates/motd.j2 beside the playbook, rendered with each host's
 * inventory variables (Ansible's template: Jinja2 with trim_blocks),
 * written onto the hosts, read back with `jailfleet sim exec`; check mode
 * writes nothing; a second run changes nothing; a missing src and a broken
 * template are bad input (exit 4) before anything is sent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

const PLAYBOOK = `- name: motd
  hosts: new
  vars:
    services: [sshd, ntpd]
  tasks:
    - name: motd
      ansible.builtin.template: { src: templates/motd.j2, dest: /etc/motd, mode: "0644", owner: root, group: wheel }
`;

const MOTD = `{# rendered by jailfleet's template module #}
{{ inventory_hostname }} ({{ host_ip }})
{% for s in services %}
{{ loop.index }}. {{ s | upper }}
{% endfor %}
{% if jail_dataset %}
jails on {{ jail_dataset }}
{% else %}
jails on UFS
{% endif %}
`;

describe('template: a controller file rendered onto the hosts', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const dir = join(project.dir, 'playbooks');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'templates', 'motd.j2'), MOTD);
  writeFileSync(join(dir, 'motd.yml'), PLAYBOOK);
  const run = (cmd: string, ...argv: string[]) => cli(project.dir, cmd, 'playbooks/motd.yml', '-i', 'inventory/sim.yml', ...argv);
  const cat = async (host: string) => (await cli(project.dir, 'sim', 'exec', host, '-i', 'inventory/sim.yml', '--', 'cat /etc/motd')).stdout;

  it('check mode reports the change (exit 2: drift) and writes nothing', async () => {
    const before = await cat('new1');
    const r = await run('check');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^new1 +: ok=1 +changed=1 /m);
    expect(await cat('new1')).toBe(before);
  });

  it('renders each host\'s variables into /etc/motd, then a second run changes nothing', async () => {
    const r = await run('apply');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(await cat('new1')).toBe('new1 (192.0.2.21)\n1. SSHD\n2. NTPD\njails on zroot/jails/www\n');
    // new2 has no ZFS: its jail_dataset is null (inventory/sim.yml), false in a condition.
    expect(await cat('new2')).toBe('new2 (192.0.2.22)\n1. SSHD\n2. NTPD\njails on UFS\n');
    const mode = await cli(project.dir, 'sim', 'exec', 'new1', '-i', 'inventory/sim.yml', '--', 'stat -f "%Sp %Su:%Sg" /etc/motd');
    expect(mode.stdout).toBe('-rw-r--r-- root:wheel\n');
    const again = await run('apply');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^new1 +: ok=1 +changed=0 /m);
    expect(again.stdout).toMatch(/^new2 +: ok=1 +changed=0 /m);
  });

  it('a missing src is exit 4 at validate, naming the task and the path looked for', async () => {
    writeFileSync(join(dir, 'missing.yml'), PLAYBOOK.replace('templates/motd.j2', 'templates/nope.j2'));
    const r = await cli(project.dir, 'validate', 'playbooks/missing.yml', '-i', 'inventory/sim.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${join(dir, 'missing.yml')}:7:`);
    expect(r.stderr).toContain(`tasks[0].template.src: no such file on the controller: ${join(dir, 'templates', 'nope.j2')}`);
  });

  it('a broken template is exit 4 at validate, naming the template file, line and column', async () => {
    writeFileSync(join(dir, 'templates', 'broken.j2'), 'ok\n{% for s in services %}\n{{ s }}\n');
    writeFileSync(join(dir, 'broken.yml'), PLAYBOOK.replace('templates/motd.j2', 'templates/broken.j2'));
    const r = await cli(project.dir, 'validate', 'playbooks/broken.yml', '-i', 'inventory/sim.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`error: ${join(dir, 'templates', 'broken.j2')}:2:1: unclosed "{% for %}": no "{% endfor %}" before the end of the file\n`);
  });

  it('an undefined variable fails the task at plan time, naming the template file and line; nothing is written', async () => {
    writeFileSync(join(dir, 'templates', 'undef.j2'), 'ok\n{{ no_such_var }}\n');
    writeFileSync(join(dir, 'undef.yml'), PLAYBOOK.replace('templates/motd.j2', 'templates/undef.j2').replace('/etc/motd', '/etc/motd.undef'));
    const r = await cli(project.dir, 'apply', 'playbooks/undef.yml', '-i', 'inventory/sim.yml', '--limit', 'new1');
    // README "Exit codes": 1, a task failed.
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('template: templates/undef.j2:2:1: undefined variable "no_such_var"');
    const ls = await cli(project.dir, 'sim', 'exec', 'new1', '-i', 'inventory/sim.yml', '--', 'ls /etc/motd.undef');
    expect(ls.code).not.toBe(0);
  });
});
