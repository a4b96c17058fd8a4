import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

// A --limit or hosts: pattern that is malformed, or a --limit that leaves
// no host, is exit 4 naming the pattern and the known groups, before
// anything is sent; a play whose hosts: matches nothing is a warning.
const GROUPS = 'known groups: all, old, new';

describe('host patterns', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const write = (name: string, text: string) => {
    writeFileSync(join(project.dir, name), text);
    return name;
  };
  const noHostTouched = () => expect(existsSync(join(project.dir, '.jailfleet', 'sim'))).toBe(false);

  it.each([
    ['web:&', '"&" needs a host or group after it'],
    ['fb[1', 'unclosed "["'],
    ['nosuch', ''],
    ['old:&new', ''],
  ])('--limit %s is exit 4 with nothing sent', async (limit, why) => {
    const r = await run('apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', limit);
    expect(r.code).toBe(4);
    const expected = why ? `error: --limit "${limit}": ${why}` : `error: --limit "${limit}" matches no host (${GROUPS})`;
    expect(r.stderr.startsWith(expected)).toBe(true);
    expect(r.stderr).toContain(GROUPS);
    noHostTouched();
  });

  it('a --limit that matches hosts but none of the plays\' is exit 4', async () => {
    const f = write('new-only.yml', '- name: new hosts\n  hosts: new\n  tasks: []\n');
    const r = await run('check', f, '-i', 'inventory/sim.yml', '--limit', 'old1');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: --limit "old1" leaves no host to run: it matches none of the plays\' hosts (plays: "new hosts" (new))\n');
    noHostTouched();
  });

  it('a malformed hosts: is exit 4 at the play', async () => {
    const f = write('bad-hosts.yml', '- name: ok\n  hosts: all\n  tasks: []\n- name: typo\n  hosts: "web:&"\n  tasks: []\n');
    const r = await run('validate', f, '-i', 'inventory/sim.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`error: ${join(project.dir, f)}:4:3: play "typo": hosts "web:&": "&" needs a host or group after it (${GROUPS})\n`);
  });

  it('a play whose hosts: matches nothing is skipped with a warning', async () => {
    const f = write('empty-play.yml', '- name: nobody\n  hosts: nosuch\n  tasks: []\n- name: everyone\n  hosts: all\n  tasks: []\n');
    const r = await run('validate', f, '-i', 'inventory/sim.yml');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: play "nobody": skipping: no hosts matched (pattern "nosuch"; ${GROUPS})\n`);
  });

  it('hosts: "{{ target }}" is rendered with -e and play vars', async () => {
    const f = write('target.yml', '- hosts: "{{ target | default(fallback) }}"\n  vars: { fallback: old }\n  tasks: []\n');
    const list = async (...e: string[]) => (await run('apply', f, '-i', 'inventory/sim.yml', '--list-hosts', ...e)).stdout;
    expect(await list()).toContain("  play #1 (old): old\tTAGS: []\n    pattern: ['old']\n    hosts (2):\n      old1\n      old2\n");
    expect(await list('-e', 'target=new2')).toContain("    pattern: ['new2']\n    hosts (1):\n      new2\n");
    noHostTouched();
  });

  // Ansible: "[WARNING]: Could not match supplied host pattern, ignoring: nosuch"; the rest of the pattern still runs.
  it('a part of a union that matches no host is a warning naming it; the rest runs, exit unchanged', async () => {
    const f = write('typo-play.yml', '- name: typo\n  hosts: old1:nosuch\n  tasks: []\n');
    expect(await run('validate', f, '-i', 'inventory/sim.yml')).toEqual({
      code: 0,
      stdout: `${join(project.dir, f)}: OK (1 plays, 0 tasks, 4 hosts)\n`,
      stderr: 'warning: play "typo": pattern "nosuch" matches no host, ignored\n',
    });
    const limitWarning = 'warning: --limit "old1,nosuch": pattern "nosuch" matches no host, ignored\n';
    const listed = await run('apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'old1,nosuch', '--list-hosts');
    expect([listed.code, listed.stderr]).toEqual([0, limitWarning]);
    expect(listed.stdout).toContain('    hosts (1):\n      old1\n');
    const inventory = await run('inventory', '-i', 'inventory/sim.yml', '--limit', 'old1,nosuch', '--json');
    expect([inventory.code, inventory.stderr]).toEqual([0, limitWarning]);
    expect(Object.keys((JSON.parse(inventory.stdout) as { hosts: object }).hosts)).toEqual(['old1']);
    const adhoc = await run('run', 'old1,nosuch2', '-i', 'inventory/sim.yml', '--limit', 'old1,nosuch', '--', 'hostname');
    expect(adhoc).toEqual({
      code: 0,
      stdout: 'old1 | rc=0 >>\nold1\n',
      stderr: 'warning: host pattern "old1,nosuch2": pattern "nosuch2" matches no host, ignored\n' + limitWarning,
    });
    // apply prints its warnings as validate does (not `warn:`), on the command's own stderr.
    const applied = await run('apply', f, '-i', 'inventory/sim.yml', '--limit', 'old1,nosuch', '--json');
    expect(applied.code).toBe(0);
    expect(applied.stderr).toBe(limitWarning + 'warning: play "typo": pattern "nosuch" matches no host, ignored\n');
    // No host at all is still the error it was (exit 4), with no warning beside it.
    expect(await run('inventory', '-i', 'inventory/sim.yml', '--limit', 'nosuch,nosuch2')).toEqual({
      code: 4,
      stdout: '',
      stderr: `error: --limit "nosuch,nosuch2" matches no host (${GROUPS})\n`,
    });
  });
});
