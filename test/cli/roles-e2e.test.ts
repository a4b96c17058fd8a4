/**
 * Roles and includes through the CLI on the simulated fleet: a play with
 * `roles: [motd]` (tasks/main.yml importing a second tasks file, a handler,
 * defaults overridden by the play's vars, copy src from the role's files/)
 * converges, shows "ROLE : TASK" names as ansible-playbook does, and a
 * second run changes nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { simFleet, type Fleet } from '../engine/fleet-fixture.js';

const write = (dir: string, rel: string, text: string): void => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
};

describe('roles and includes end to end', () => {
  let fleet: Fleet;
  beforeEach(() => {
    fleet = simFleet(2);
    const d = fleet.dir;
    write(d, 'site.yml', ['- name: base', '  hosts: all', '  vars: {motd_owner: root}', '  roles: [motd]', '  tasks:', '    - import_tasks: tasks/banner.yml'].join('\n'));
    write(d, 'tasks/banner.yml', '- name: banner\n  copy: {dest: /etc/banner.jailfleet, content: "{{ banner }}\\n"}\n');
    write(d, 'roles/motd/defaults/main.yml', 'banner: from defaults\nmotd_owner: nobody\n');
    write(d, 'roles/motd/vars/main.yml', 'motd_mode: "0644"\n');
    write(d, 'roles/motd/tasks/main.yml', '- import_tasks: install.yml\n');
    write(d, 'roles/motd/tasks/install.yml', ['- name: install motd', '  copy: {src: motd, dest: /etc/motd.jailfleet, mode: "{{ motd_mode }}", owner: "{{ motd_owner }}"}', '  notify: note'].join('\n'));
    write(d, 'roles/motd/handlers/main.yml', '- name: note\n  copy: {dest: /etc/motd.noted, content: "noted\\n"}\n');
    write(d, 'roles/motd/files/motd', 'from the role\n');
    // Same relative name beside the playbook: the role's files/ must win.
    write(d, 'motd', 'from the playbook directory\n');
  });
  afterEach(() => fleet.cleanup());

  it('converges, then a second run is changed=0', async () => {
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('changed: [h01] motd : install motd');
    expect(r.stdout).toContain('motd : note');
    for (const h of fleet.names) {
      expect(fleet.file(h, '/etc/motd.jailfleet')).toBe('from the role\n');
      expect(fleet.file(h, '/etc/motd.noted')).toBe('noted\n');
      expect(fleet.file(h, '/etc/banner.jailfleet')).toBe('from defaults\n');
    }
    const again = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^h01 +: ok=\d+ +changed=0 /m);
    expect(again.stdout).toMatch(/^h02 +: ok=\d+ +changed=0 /m);
  });

  it('a missing role is an input error (exit 4) naming the line and the path looked for', async () => {
    write(fleet.dir, 'site.yml', '- hosts: all\n  roles: [nope]\n');
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`site.yml:2:11: role "nope" not found (looked for ${join(fleet.dir, 'roles', 'nope')})`);
    expect(fleet.state('h01')).toBeUndefined();
  });
});
