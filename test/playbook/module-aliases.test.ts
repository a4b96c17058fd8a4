import { describe, expect, it } from 'vitest';
import { moduleRegistry } from '../../src/modules/registry.js';
import { parsePlaybook } from '../../src/playbook/load-playbook.js';
import { MODULE_ALIASES } from '../../src/playbook/module-aliases.js';
import type { TaskDef } from '../../src/playbook/types.js';
import { inputErrorOf } from '../helpers/input-error.js';

const task = (...lines: string[]): TaskDef => parsePlaybook(['- hosts: all', '  tasks:', ...lines.map((l) => `    ${l}`)].join('\n'), 'pb.yml', moduleRegistry).plays[0]!.tasks[0]!;

const problem = (...lines: string[]): string => inputErrorOf(() => task(...lines));

describe("Ansible's module names", () => {
  it('are read as their twins, with the arguments as written', () => {
    expect(task('- lineinfile: { path: /etc/motd, regexp: "^x", line: x, state: present, create: true, insertafter: EOF, backup: true }')).toMatchObject({
      module: 'line',
      args: { path: '/etc/motd', regexp: '^x', line: 'x', create: true },
    });
    expect(task('- ansible.builtin.copy: { dest: /etc/motd, content: "x", mode: "0644", owner: root, group: wheel, backup: true }').module).toBe('copy');
    expect(task('- community.general.sysrc: { name: sshd_enable, value: "YES" }').module).toBe('sysrc');
    expect(task('- ansible.posix.sysctl: { name: a.b, value: "1" }').module).toBe('sysctl');
    expect(task('- community.general.pkgng: { name: nginx, jail: www }').module).toBe('pkg');
    expect(task('- ansible.builtin.service: { name: sshd, state: started }').module).toBe('service');
    expect(task('- ansible.builtin.command: { argv: [ls] }').module).toBe('command');
    expect(task('- ansible.posix.mount: { name: /mnt, src: tmpfs, fstype: tmpfs, state: mounted }')).toMatchObject({ module: 'mount', args: { name: '/mnt', state: 'mounted' } });
    expect(task('- community.general.zfs: { name: zroot/x, state: present, extra_zfs_properties: { setuid: false } }')).toMatchObject({ module: 'zfs', args: { extra_zfs_properties: { setuid: false } } });
  });

  it("lineinfile's and sysctl's other argument spellings are renamed; two spellings of one argument are refused where written", () => {
    expect(task('- lineinfile: { dest: /etc/motd, regex: "^(x)", value: "\\\\1y", backrefs: true }').args).toEqual({ path: '/etc/motd', regexp: '^(x)', line: '\\1y', backrefs: true });
    expect(task('- ansible.builtin.lineinfile: { name: /etc/motd, line: x }').args).toEqual({ path: '/etc/motd', line: 'x' });
    expect(task('- ansible.posix.sysctl: { key: a.b, val: 1, sysctl_set: true }').args).toEqual({ name: 'a.b', value: 1, sysctl_set: true });
    expect(problem('- lineinfile: { path: /etc/motd, dest: /etc/x, line: x }')).toBe('pb.yml:3:19: tasks[0].lineinfile: dest and path are the same argument; give one');
  });

  it('every alias names a registered module', () => {
    for (const [alias, { module }] of Object.entries(MODULE_ALIASES)) expect(moduleRegistry.get(module), alias).toBeDefined();
  });

  it('shell and command take the free form, with creates=/removes=/chdir= read out of it', () => {
    expect(task('- shell: make install chdir=/usr/src creates=/usr/obj/done')).toMatchObject({
      module: 'command',
      args: { cmd: 'make install', chdir: '/usr/src', creates: '/usr/obj/done' },
    });
    expect(task('- name: script', '  shell: |', '    cd /tmp', '    echo "a  b" > x').args).toEqual({ cmd: 'cd /tmp\necho "a  b" > x' });
    expect(task('- shell: { cmd: "hostname", jail: www }').args).toEqual({ cmd: 'hostname', jail: 'www' });
    expect(task('- command: uname -r').args).toEqual({ cmd: 'uname -r' });
    expect(problem('- shell: creates=/x')).toBe('pb.yml:3:14: tasks[0].shell.cmd: give exactly one of cmd or argv');
  });

  it('ansible.builtin.file and ansible.builtin.fetch are the file and fetch modules, with the arguments as written', () => {
    expect(task('- ansible.builtin.file: { dest: /var/db/x, state: directory, mode: "0750" }')).toMatchObject({
      module: 'file',
      args: { dest: '/var/db/x', state: 'directory', mode: '0750' },
    });
    expect(task('- ansible.builtin.fetch: { src: /etc/rc.conf, dest: fetched/ }')).toMatchObject({ module: 'fetch', args: { src: '/etc/rc.conf', dest: 'fetched/' } });
  });

  it('an unknown module suggests the nearest one, by its jailfleet name', () => {
    expect(problem('- lineinfle: { path: /x, line: a }')).toBe('pb.yml:3:7: tasks[0]: unknown module "lineinfle" (did you mean "line"?)');
    expect(problem('- ansible.builtin.lineinfle: { path: /x, line: a }')).toMatch(/\(did you mean "line"\?\)$/);
    expect(problem('- sysrcc: { name: a }')).toMatch(/\(did you mean "sysrc"\?\)$/);
    expect(problem('- unarchive: { src: a, dest: /b }')).toMatch(/unknown module "unarchive" \(known: sysrc, line, copy, /);
  });

  it("a misspelt argument of an alias is reported under the name the user wrote", () => {
    expect(problem('- lineinfile: { path: /x, line: a, mdoe: "0644" }')).toMatch(/^pb\.yml:3:40: tasks\[0\]\.lineinfile: unknown key "mdoe"/);
  });
});
