import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';
import { parseXml } from '../report/xml-check.js';

// Issue 15 ("Output"): what apply prints, logs and reports, end to end on
// simulated hosts — one host converging through a loop, one failing a task,
// one unreachable.
const INVENTORY = `all:
  vars:
    transport: sim
  hosts:
    h1:
      host_ip: 192.0.2.31
    h2:
      host_ip: 192.0.2.32
      fail_here: true
    gone:
      host_ip: 192.0.2.33
      sim:
        faults:
          unreachable: true
`;

const PLAYBOOK = `- name: files
  hosts: all
  tasks:
    - name: write files
      copy:
        dest: "/tmp/{{ item }}"
        content: "{{ item }}"
        mode: "0644"
      loop: [a, b, c]
    - name: maybe fail
      command:
        cmd: "exit 3"
      when: fail_here | default(false)
`;

const RECAP = `PLAY RECAP ${'*'.repeat(60)}
h1                  : ok=1      changed=1     unreachable=0     failed=0     skipped=1    not_run=0    execs=1
h2                  : ok=1      changed=1     unreachable=0     failed=1     skipped=0    not_run=0    execs=1
gone                : ok=0      changed=0     unreachable=1     failed=0     skipped=0    not_run=0    execs=0
`;

type Rec = { level: string; message: string; run_id?: string; event: { type: string; run_id?: string; exit_code?: number } };

describe('run output', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  writeFileSync(join(project.dir, 'inv.yml'), INVENTORY);
  writeFileSync(join(project.dir, 'pb.yml'), PLAYBOOK);
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const log = join(project.dir, 'run.log');

  it('a loop is one task in the recap and the progress, with a line per item; unreachable is not failed', async () => {
    const r = await run('apply', 'pb.yml', '-i', 'inv.yml', '-v', '--report', 'report.xml', '--log-file', log);
    expect(r.code).toBe(1);
    // (winston writes the -v lines to the process's stderr: test/report/log-lines.test.ts has them.)
    // The last progress line counts what the recap counts: 2 changed tasks, 1 failed task, 1 unreachable host.
    const progress = r.stderr.split('\n').filter((l) => l.includes('[jailfleet]'));
    expect(progress.at(-1)!.replace(/^\S+ \S+ done; /, '')).toBe('[jailfleet] files  hosts 3/3  changed 2  failed 1  unreachable 1');
    expect(r.stdout.split('\n').filter((l) => l.includes('[h1]'))).toEqual([
      'changed: [h1] write files (item=a) => /tmp/a created',
      'changed: [h1] write files (item=b) => /tmp/b created',
      'changed: [h1] write files (item=c) => /tmp/c created',
      'skipped: [h1] maybe fail => condition false',
      'done: [h1] execs=1 rounds=2',
    ]);
    expect(r.stdout.endsWith(`\n${RECAP}`)).toBe(true);
  });

  it('--report: a time per testcase and per testsuite (their sum), in seconds with 3 decimals', () => {
    const root = parseXml(readFileSync(join(project.dir, 'report.xml'), 'utf8'));
    const suite = root.children[0]!;
    const cases = suite.children.map((c) => `${c.attrs.classname} ${c.attrs.name}`);
    expect(cases.sort()).toEqual(['gone (connect)', 'h1 maybe fail', 'h1 write files', 'h2 maybe fail', 'h2 write files']);
    for (const c of suite.children) expect(c.attrs.time).toMatch(/^\d+\.\d{3}$/);
    const ms = suite.children.reduce((sum, c) => sum + Math.round(Number(c.attrs.time) * 1000), 0);
    expect(suite.attrs.time).toBe((ms / 1000).toFixed(3));
    expect(root.attrs.time).toBe(suite.attrs.time);
  });

  it('--log-file: every record of the run carries the run id; the recap the exit code', () => {
    const records = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);
    const start = records.find((rec) => rec.event.type === 'run_start')!;
    const id = start.event.run_id!;
    expect(id).toMatch(/^\d{8}T\d{6}-[0-9a-f]{4}$/);
    expect(records.filter((rec) => rec.run_id !== id)).toEqual([]);
    const recap = records.find((rec) => rec.event.type === 'recap')!;
    expect(recap.message).toBe(`recap ${id}: exit 1`);
    expect(recap.event).toMatchObject({ run_id: id, exit_code: 1 });
    expect(records.filter((rec) => rec.event.type === 'task').map((rec) => rec.message).sort()).toEqual([
      'task "maybe fail" on h1: skipped',
      'task "maybe fail" on h2: failed',
      'task "write files" on h1: changed (3 items)',
      'task "write files" on h2: changed (3 items)',
    ]);
  });

  it('--json: a loop is one task event with its items; the recap has the run id and the exit code', async () => {
    const r = await run('apply', 'pb.yml', '-i', 'inv.yml', '--json', '--limit', 'h1');
    expect(r.code).toBe(0);
    const evs = events(r.stdout).map(({ time: _time, ...e }) => e);
    const runId = evs[0]!.run_id as string;
    expect(evs.filter((e) => e.type === 'task')).toEqual([
      {
        type: 'task',
        play: 'files',
        host: 'h1',
        task: 'write files',
        module: 'copy',
        status: 'ok',
        message: '3 items: 3 ok',
        items: [
          { item: 'a', label: 'write files (item=a)', status: 'ok', changed: false, failed: false, skipped: false, msg: '/tmp/a is up to date' },
          { item: 'b', label: 'write files (item=b)', status: 'ok', changed: false, failed: false, skipped: false, msg: '/tmp/b is up to date' },
          { item: 'c', label: 'write files (item=c)', status: 'ok', changed: false, failed: false, skipped: false, msg: '/tmp/c is up to date' },
        ],
      },
      { type: 'task', play: 'files', host: 'h1', task: 'maybe fail', module: 'command', status: 'skipped', message: 'condition false' },
    ]);
    expect(evs.at(-1)).toEqual({
      type: 'recap',
      hosts: { h1: { ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 1, notRun: 0, channels: 1 } },
      run_id: runId,
      exit_code: 0,
    });
  });

  it('check mode: the recap says exit 2 when changes are pending', async () => {
    await run('sim', 'exec', 'h1', '-i', 'inv.yml', '--', 'rm /tmp/b');
    const r = await run('check', 'pb.yml', '-i', 'inv.yml', '--json', '--limit', 'h1');
    expect(r.code).toBe(2);
    const recap = events(r.stdout).at(-1)!;
    expect(recap).toMatchObject({ type: 'recap', exit_code: 2, hosts: { h1: { ok: 1, changed: 1, skipped: 1 } } });
  });
});

describe('jailfleet inventory', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  // A group's map variable is shared by its hosts: YAML used to write it once with &a1 and then *a1.
  writeFileSync(
    join(project.dir, 'inv.yml'),
    `all:
  vars:
    transport: sim
  children:
    new:
      vars:
        sim:
          release: 14.2-RELEASE
      hosts:
        n1:
          host_ip: 192.0.2.41
        n2:
          sim:
            address: 192.0.2.42
`,
  );
  const hostYaml = (name: string, address: string, sim: string) => `  ${name}:
    groups:
      - all
      - new
    connection:
      transport: sim
      address: ${address}
      hostKeyChecking: strict
    vars:
      transport: sim
${sim}`;

  it('prints plain YAML (no anchors or aliases) with the address a simulated host really has', async () => {
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `file: ${join(project.dir, 'inv.yml')}
hosts:
${hostYaml('n1', '192.0.2.41', '      sim:\n        release: 14.2-RELEASE\n      host_ip: 192.0.2.41\n')}${hostYaml('n2', '192.0.2.42', '      sim:\n        address: 192.0.2.42\n')}groups:
  all:
    hosts: []
    children:
      - new
    vars:
      transport: sim
  new:
    hosts:
      - n1
      - n2
    children: []
    vars:
      sim:
        release: 14.2-RELEASE
`,
    );
    async function run() {
      return cli(project.dir, 'inventory', '-i', 'inv.yml');
    }
  });

  it('--json shows the same addresses', async () => {
    const r = await cli(project.dir, 'inventory', '-i', 'inv.yml', '--json', '--limit', 'n1');
    const view = JSON.parse(r.stdout) as { hosts: Record<string, { connection: unknown }> };
    expect(view.hosts).toEqual({
      n1: {
        groups: ['all', 'new'],
        connection: { transport: 'sim', address: '192.0.2.41', hostKeyChecking: 'strict' },
        vars: { transport: 'sim', sim: { release: '14.2-RELEASE' }, host_ip: '192.0.2.41' },
      },
    });
  });
});
