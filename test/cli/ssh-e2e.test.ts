import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

type Recap = { hosts: Record<string, { changed: number; failed: number; channels: number }> };
const recapOf = (stdout: string) => events(stdout).find((e) => e.type === 'recap') as unknown as Recap;

// `npm start`: the simulated fleet served over real SSH (ssh2 server, strict
// host keys) and the playbook applied through the real SSH transport.
describe('demo: site.yml through the real SSH transport', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const run = (...argv: string[]) => cli(project.dir, ...argv);

  it('converges in one exec per host over SSH, then changes nothing in one', async () => {
    const first = await run('demo', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--json');
    expect(first.code).toBe(0);
    const r1 = recapOf(first.stdout);
    expect(Object.keys(r1.hosts)).toHaveLength(4);
    for (const s of Object.values(r1.hosts)) {
      expect(s.changed).toBeGreaterThan(0);
      expect(s.channels).toBe(1);
    }
    const second = await run('demo', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--json');
    expect(second.code).toBe(0);
    for (const s of Object.values(recapOf(second.stdout).hosts)) {
      expect(s.changed).toBe(0);
      expect(s.channels).toBe(1);
    }
  });

  it('carries a hostile inventory value to the target byte for byte and runs nothing', async () => {
    const hostile = `it's "quoted" $(touch /tmp/pwned) \`touch /tmp/pwned2\` ; touch /tmp/pwned3\nsecond line\t\\ $HOME`;
    // A line cannot hold a newline (line refuses it); everything else goes in.
    const oneLine = hostile.replace('\n', ' ');
    writeFileSync(
      join(project.dir, 'inventory', 'hostile.yml'),
      `all:\n  hosts:\n    old1:\n      transport: sim\n      host_ip: 192.0.2.11\n      hostile: ${JSON.stringify(hostile)}\n      hostile_line: ${JSON.stringify(oneLine)}\n`,
    );
    writeFileSync(
      join(project.dir, 'playbooks', 'hostile.yml'),
      [
        '- name: hostile values',
        '  hosts: all',
        '  tasks:',
        '    - name: value into a file',
        '      copy:',
        '        dest: /tmp/hostile.txt',
        '        content: "{{ hostile }}"',
        '    - name: value into a line',
        '      line:',
        '        path: /tmp/hostile-line.txt',
        '        create: true',
        '        line: "x={{ hostile_line }}"',
        '',
      ].join('\n'),
    );
    const r = await run('demo', 'playbooks/hostile.yml', '-i', 'inventory/hostile.yml');
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const content = await run('sim', 'exec', 'old1', '-i', 'inventory/hostile.yml', '--', 'cat', '/tmp/hostile.txt');
    expect(content.stdout).toBe(hostile);
    const line = await run('sim', 'exec', 'old1', '-i', 'inventory/hostile.yml', '--', 'cat', '/tmp/hostile-line.txt');
    expect(line.stdout).toBe(`x=${oneLine}\n`);
    const pwned = await run('sim', 'exec', 'old1', '-i', 'inventory/hostile.yml', '--', 'ls', '/tmp');
    expect(pwned.stdout).not.toMatch(/pwned/);
  });
});
