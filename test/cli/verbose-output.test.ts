/**
 * README "Commands" (Output): "`-v` adds the exec-channel count per host
 * … Logs go through winston: warnings on stderr (`-v` info, `-vv` debug)";
 * "How a run works": "`-v` prints `execs=N rounds=N` per host". The per-host
 * line and the recap column are the report (stdout, in process). The log
 * levels are winston's console, which writes to the process's own stderr, so
 * those run the built CLI in a process of its own (test/reconcile/built-cli.ts)
 * and read its real stderr; `--json` keeps the progress lines off stderr.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, events } from '../helpers/cli.js';
import { simFleet, type Fleet } from '../engine/fleet-fixture.js';
import { buildCli, type BuiltCli } from '../reconcile/built-cli.js';
import { runProcess } from '../helpers/cli-process.js';

const PLAYS = [
  {
    name: 'verbose',
    hosts: 'all',
    tasks: [
      { name: 'release file', copy: { dest: '/etc/jailfleet-release', content: 'v2\n' } },
      // h02 fails here: a failed task is logged at info.
      { name: 'bad oid', sysctl: { name: 'kern.nosuch', value: '1' }, when: 'inventory_hostname == "h02"' },
    ],
  },
];

const types = (stdout: string): string[] => events(stdout).map((e) => String(e.type));

describe('-v and -vv', () => {
  let fleet: Fleet;
  let built: BuiltCli;
  beforeAll(async () => {
    built = await buildCli();
    fleet = simFleet(2);
    fleet.writePlaybook(PLAYS);
  }, 60_000);
  afterAll(() => {
    built?.cleanup();
    fleet?.cleanup();
  });

  it('-v prints execs=N rounds=N per host and an execs column in the recap; without it, neither', async () => {
    const quiet = await cli(fleet.dir, 'check', 'site.yml', '-i', 'inventory.yml');
    expect(quiet.stdout).not.toMatch(/execs=|rounds=|^done: /m);

    const r = await cli(fleet.dir, 'check', 'site.yml', '-i', 'inventory.yml', '-v');
    expect(r.code).toBe(1);
    // check mode: one plain exec, one round, per host.
    expect(r.stdout).toContain('done: [h01] execs=1 rounds=1\n');
    expect(r.stdout).toContain('done: [h02] execs=1 rounds=1\n');
    expect(r.stdout).toMatch(/^h01 +: ok=1 +changed=1 +unreachable=0 +failed=0 +skipped=1 +not_run=0 +execs=1$/m);
    expect(r.stdout).toMatch(/^h02 +: ok=1 +changed=1 +unreachable=0 +failed=1 +skipped=0 +not_run=0 +execs=1$/m);
  });

  it('stderr: nothing logged by default; -v adds info (the failed task); -vv adds debug (every event)', async () => {
    const args = ['check', 'site.yml', '-i', 'inventory.yml', '--json'];
    const quiet = await runProcess(built.main, fleet.dir, args);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('');

    const v = await runProcess(built.main, fleet.dir, [...args, '-v']);
    expect(v.code).toBe(1);
    // One info line, about the failed task on h02; nothing at debug.
    const info = v.stderr.trimEnd().split('\n');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatch(/^info: task .*h02/);
    expect(info[0]).toContain('bad oid');

    const vv = await runProcess(built.main, fleet.dir, [...args, '-vv']);
    expect(vv.code).toBe(1);
    const lines = vv.stderr.trimEnd().split('\n');
    expect(lines).toContain(info[0]);
    for (const event of [/^debug: run_start\b/, /^debug: host_start h01\b/, /^debug: host_end h02\b/, /^debug: task .*h01/, /^debug: recap\b/]) {
      expect(lines.some((l) => event.test(l)), String(event)).toBe(true);
    }
    expect(lines.every((l) => /^(info|debug): /.test(l))).toBe(true);
    // The report itself stays on stdout, whatever the level.
    expect(types(vv.stdout)).toEqual(types(quiet.stdout));
  });

  it('a run\'s warning is the same line on stderr with or without -v (winston is loaded only for -v or a log file)', async () => {
    writeFileSync(join(fleet.dir, 'nobody.yml'), '- name: nobody\n  hosts: nosuch\n  tasks: []\n- name: everyone\n  hosts: all\n  tasks: []\n');
    const args = ['apply', 'nobody.yml', '-i', 'inventory.yml', '--json'];
    const quiet = await runProcess(built.main, fleet.dir, args);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toMatch(/^warning: play "nobody": skipping: no hosts matched \(pattern "nosuch"; known groups: [^\n]*\)\n$/);
    const v = await runProcess(built.main, fleet.dir, [...args, '-v']);
    expect(v.code).toBe(0);
    expect(v.stderr).toBe(quiet.stderr);
  });
});
