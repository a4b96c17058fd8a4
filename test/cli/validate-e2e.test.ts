import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

// Bad input: exit 4, file:line:col and the rule broken, nothing sent to any host
// (no simulated host state is ever created).
describe('bad input', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const write = (name: string, text: string) => {
    writeFileSync(join(project.dir, name), text);
    return name;
  };
  const noHostTouched = () => expect(existsSync(join(project.dir, '.jailfleet', 'sim'))).toBe(false);

  it('accepts the shipped playbook', async () => {
    const r = await cli(project.dir, 'validate', 'playbooks/site.yml', '-i', 'inventory/sim.yml');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/site\.yml: OK \(1 plays, 5 tasks, 4 hosts\)/);
    expect(r.code).toBe(0);
  });

  it('names an unknown module with its position', async () => {
    const f = write('unknown.yml', '- name: p\n  hosts: all\n  tasks:\n    - name: t\n      frobnicate:\n        x: 1\n');
    const r = await cli(project.dir, 'validate', f, '-i', 'inventory/sim.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/unknown\.yml:5:7: .*unknown module "frobnicate"/);
    noHostTouched();
  });

  it('names a wrong argument type with its position', async () => {
    const f = write('badtype.yml', '- name: p\n  hosts: all\n  tasks:\n    - name: t\n      sysrc:\n        name: [a, b]\n        value: x\n');
    const r = await cli(project.dir, 'validate', f, '-i', 'inventory/sim.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/badtype\.yml:6:15: .*name/);
    noHostTouched();
  });

  it('names broken YAML with its position', async () => {
    const f = write('broken.yml', '- name: p\n  hosts: all\n  tasks:\n    - name: "unterminated\n');
    const r = await cli(project.dir, 'validate', f, '-i', 'inventory/sim.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/broken\.yml:\d+:\d+: /);
    noHostTouched();
  });

  it('refuses to apply a bad playbook and touches no host', async () => {
    const f = write('unknown2.yml', '- name: p\n  hosts: all\n  tasks:\n    - frobnicate: {}\n');
    const r = await cli(project.dir, 'apply', f, '-i', 'inventory/sim.yml');
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    noHostTouched();
  });

  it('rejects bad arguments with exit 4', async () => {
    const r = await cli(project.dir, 'apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--forks', 'lots');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/--forks: expected a positive whole number/);
    noHostTouched();
  });
});
