/**
 * README "copy": `src` is a file on the controller, relative to the
 * playbook's directory (src/engine/controller-files.ts), not to the working
 * directory. Through the CLI: the playbook lives in a subdirectory with its
 * files/; the working directory holds a decoy of the same relative name; the
 * host gets the playbook's file. A `-e playbook_dir=…` does not move it, an
 * absolute `src` is taken as it is, and a missing one is refused before
 * anything is sent (exit 4), with the path it looked for.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cli } from '../helpers/cli.js';
import { simFleet, type Fleet } from '../engine/fleet-fixture.js';

describe('copy src: a controller file relative to the playbook', () => {
  let fleet: Fleet;
  let playbookDir: string;
  const writePlaybook = (tasks: unknown[]) => writeFileSync(join(playbookDir, 'motd.yml'), stringify([{ name: 'motd', hosts: 'all', tasks }]));

  beforeEach(() => {
    fleet = simFleet(1);
    playbookDir = join(fleet.dir, 'playbooks', 'web');
    mkdirSync(join(playbookDir, 'files'), { recursive: true });
    writeFileSync(join(playbookDir, 'files', 'motd'), 'from the playbook directory\n');
    // The same relative path from the working directory: must not be the one read.
    mkdirSync(join(fleet.dir, 'files'));
    writeFileSync(join(fleet.dir, 'files', 'motd'), 'from the working directory\n');
  });
  afterEach(() => fleet.cleanup());

  it('reads src from the playbook\'s directory, whatever the working directory and -e playbook_dir', async () => {
    writePlaybook([{ name: 'motd', copy: { src: 'files/motd', dest: '/etc/motd.jailfleet', mode: '0644' } }]);
    const r = await cli(fleet.dir, 'apply', 'playbooks/web/motd.yml', '-i', 'inventory.yml', '-e', `playbook_dir=${fleet.dir}`);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('changed: [h01] motd');
    expect(fleet.file('h01', '/etc/motd.jailfleet')).toBe('from the playbook directory\n');
    // Idempotent: the second run compares the same controller file.
    const again = await cli(fleet.dir, 'apply', 'playbooks/web/motd.yml', '-i', 'inventory.yml');
    expect(again.stdout).toMatch(/^h01 +: ok=1 +changed=0 /m);
  });

  it('takes an absolute src as it is', async () => {
    writePlaybook([{ name: 'motd', copy: { src: join(fleet.dir, 'files', 'motd'), dest: '/etc/motd.jailfleet' } }]);
    const r = await cli(fleet.dir, 'apply', 'playbooks/web/motd.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/etc/motd.jailfleet')).toBe('from the working directory\n');
  });

  it('a missing src is bad input (exit 4) before anything is sent, naming the path it looked for', async () => {
    writePlaybook([{ name: 'motd', copy: { src: 'files/missing', dest: '/etc/motd.jailfleet' } }]);
    const r = await cli(fleet.dir, 'apply', 'playbooks/web/motd.yml', '-i', 'inventory.yml', '--json');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`error: ${join(playbookDir, 'motd.yml')}:6:14: tasks[0].copy.src: no such file on the controller: ${join(playbookDir, 'files', 'missing')} (host h01)\n`);
    expect(fleet.file('h01', '/etc/motd.jailfleet')).toBeUndefined();
  });

  it('remote_src: src is a path on the host, not looked for on the controller', async () => {
    writePlaybook([{ name: 'motd', copy: { src: '/etc/motd.template', dest: '/etc/motd.jailfleet', remote_src: true } }]);
    await cli(fleet.dir, 'sim', 'exec', 'h01', '-i', 'inventory.yml', '--', "printf 'on the host\\n' > /etc/motd.template");
    const r = await cli(fleet.dir, 'apply', 'playbooks/web/motd.yml', '-i', 'inventory.yml');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/etc/motd.jailfleet')).toBe('on the host\n');
  });
});
