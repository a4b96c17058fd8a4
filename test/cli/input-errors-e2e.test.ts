/**
 * Bad input through the CLI, as a user meets it (issue 19; README "Exit
 * codes": 4): a playbook's wrong argument type, a YAML and an INI inventory,
 * and the project config. Each: exit 4, the exact message naming file,
 * line, column and what was expected, nothing on stdout, no host touched.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

describe('bad input through the CLI: exit 4 and the exact message', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  afterEach(() => rmSync(join(project.dir, '.jailfleetrc.yml'), { force: true }));
  const write = (name: string, text: string): string => {
    writeFileSync(join(project.dir, name), text);
    return name;
  };
  const at = (name: string): string => join(project.dir, name);
  const refused = async (argv: string[], message: string): Promise<void> => {
    const r = await cli(project.dir, ...argv);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(r.stdout).toBe('');
    expect(existsSync(join(project.dir, '.jailfleet', 'sim'))).toBe(false);
  };

  it('a playbook argument of the wrong type', async () => {
    const f = write('badtype.yml', '- name: p\n  hosts: all\n  tasks:\n    - name: t\n      sysrc:\n        name: [a, b]\n        value: x\n');
    await refused(['apply', f, '-i', 'inventory/sim.yml'], `${at(f)}:6:15: tasks[0].sysrc.name: expected string, got list`);
  });

  it('demo: a missing playbook is exit 4 before a fleet is served or anything printed', async () => {
    await refused(['demo', 'nope.yml'], `cannot read playbook ${at('nope.yml')}: no such file`);
    expect(existsSync(join(project.dir, '.jailfleet'))).toBe(false);
  });

  it('a YAML inventory with an unknown key', async () => {
    const f = write('badinv.yml', 'all:\n  hosts:\n    web1:\n      transport: sim\n  childs:\n    x: {}\n');
    await refused(['apply', 'playbooks/site.yml', '-i', f], `${at(f)}:5:3: unknown key "childs" in group "all"; expected one of hosts, children, vars`);
  });

  it('an INI inventory with a bad host range', async () => {
    const f = write('bad.ini', '[web]\nweb[01:xx]\n');
    await refused(['apply', 'playbooks/site.yml', '-i', f], `${at(f)}:2:1: host range [01:xx]: expected [START:END] of numbers (web[01:20]) or of single letters (db[a:f])`);
  });

  it('the project config: an unknown key, and a value of the wrong type', async () => {
    write('.jailfleetrc.yml', 'fork: 3\n');
    await refused(
      ['apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml'],
      `${at('.jailfleetrc.yml')}:1:1: unknown key "fork"; expected one of inventory, forks, connectTimeoutMs, commandTimeoutMs, lockTimeoutS, hostKeyChecking, knownHosts, logLevel, logFile, stateDir`,
    );
    write('.jailfleetrc.yml', 'forks: many\n');
    await refused(['apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml'], `${at('.jailfleetrc.yml')}:1:8: forks: expected number, got string`);
  });
});
