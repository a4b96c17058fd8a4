import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// --log-file gets every event as a JSON line; --json prints one event per line;
// a secret variable's value never appears in either.
describe('logs and machine output', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const secret = 'hunter2-s3cr3t-value';

  it('writes JSON lines to --log-file and redacts secrets everywhere', async () => {
    writeFileSync(
      join(project.dir, 'inventory', 'secret.yml'),
      `all:\n  hosts:\n    old1:\n      transport: sim\n      host_ip: 192.0.2.11\n      db_password: ${secret}\n`,
    );
    writeFileSync(
      join(project.dir, 'playbooks', 'secret.yml'),
      '- name: secret\n  hosts: all\n  tasks:\n    - name: write the password\n      copy:\n        dest: /root/db.pw\n        content: "{{ db_password }}"\n        mode: "0600"\n',
    );
    const log = join(project.dir, 'run.log');
    const r = await cli(project.dir, 'apply', 'playbooks/secret.yml', '-i', 'inventory/secret.yml', '--json', '--diff', '--log-file', log, '-vv');
    expect(r.code).toBe(0);
    const printed = events(r.stdout);
    const core = ['run_start', 'play_start', 'host_start', 'task', 'host_end', 'play_end', 'recap'];
    expect(printed.map((e) => e.type).filter((t) => core.includes(t as string))).toEqual(core);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { level: string; message: string; timestamp: string });
    // Issue 15: a task record names the task and its outcome (it said only "task old1"), and carries the run id.
    expect(records.some((rec) => rec.message === 'task "write the password" on old1: changed')).toBe(true);
    for (const rec of records) expect(rec.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    const everything = r.stdout + r.stderr + readFileSync(log, 'utf8');
    expect(everything).not.toContain(secret);
    expect(everything).toContain('********');
    // The secret itself did reach the host.
    const onHost = await cli(project.dir, 'sim', 'exec', 'old1', '-i', 'inventory/secret.yml', '--', 'cat', '/root/db.pw');
    expect(onHost.stdout).toBe(secret);
  });
});
