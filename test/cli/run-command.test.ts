/**
 * `jailfleet run PATTERN -- COMMAND` (issue 15; README "Ad-hoc commands")
 * on the shipped simulated fleet, in a scratch project: one exec per host
 * through apply's connector, output grouped per host in inventory order,
 * --jail through jexec -l, the exit codes of the README table, bad patterns
 * refused before anything is sent, --json events, secrets redacted.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { remoteCommandLine } from '../../src/cli/commands/run.js';
import { cli, cliWithEnv, events, scratchProject } from '../helpers/cli.js';

const GROUPS = 'known groups: all, old, new';
const FLEET = ['old1', 'old2', 'new1', 'new2'];

describe('jailfleet run on the simulated fleet', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const run = (...argv: string[]) => cli(project.dir, 'run', ...argv);
  const simState = join(project.dir, '.jailfleet', 'sim');

  describe('bad input: exit 4, nothing sent', () => {
    // First, before any test has touched a host: the state directory must not appear.
    it.each([
      [['web:&', '--', 'uname'], `error: host pattern "web:&": "&" needs a host or group after it (${GROUPS})\n`],
      [['fb[1', '--', 'uname'], `error: host pattern "fb[1": unclosed "[" (a glob class like web[12]; subscripts like web[0:2] are not supported) (${GROUPS})\n`],
      [['nosuch', '--', 'uname'], `error: host pattern "nosuch" matches no host (${GROUPS})\n`],
      [['old:&new', '--', 'uname'], `error: host pattern "old:&new" matches no host (${GROUPS})\n`],
      [['all', '--limit', 'nosuch', '--', 'uname'], `error: --limit "nosuch" matches no host (${GROUPS})\n`],
      [['old', '--limit', 'new', '--', 'uname'], `error: host pattern "old" with --limit "new" matches no host (${GROUPS})\n`],
      [['all'], 'error: run: expected a command after the pattern (jailfleet run PATTERN -i INVENTORY -- COMMAND)\n'],
      [['all', '--', ' '], 'error: run: expected a command after the pattern (jailfleet run PATTERN -i INVENTORY -- COMMAND)\n'],
      [['all', '--jail', '-x', '--', 'uname'], 'error: --jail: expected a jail name, got "-x"\n'],
    ])('run %j', async (argv, stderr) => {
      const r = await run(...argv.slice(0, 1), '-i', 'inventory/sim.yml', ...argv.slice(1));
      expect(r).toEqual({ code: 4, stdout: '', stderr });
      expect(existsSync(simState)).toBe(false);
    });

    it('--forks and --timeout take positive whole numbers', async () => {
      for (const [flag, value] of [['--forks', '0'], ['--timeout', '1.5']] as const) {
        const r = await run('all', '-i', 'inventory/sim.yml', flag, value, '--', 'uname');
        expect(r.code).toBe(4);
        expect(r.stderr).toContain(`${flag}: expected a positive whole number, got "${value}"`);
      }
      expect(existsSync(simState)).toBe(false);
    });
  });

  it('uname -r on every host: one block per host in inventory order, exit 0', async () => {
    const r = await run('all', '-i', 'inventory/sim.yml', '--', 'uname', '-r');
    expect(r).toEqual({ code: 0, stdout: FLEET.map((h) => `${h} | rc=0 >>\n14.2-RELEASE\n`).join(''), stderr: '' });
  });

  it('--limit narrows the pattern', async () => {
    const r = await run('all', '-i', 'inventory/sim.yml', '--limit', 'new:!new2', '--', 'hostname');
    expect(r).toEqual({ code: 0, stdout: 'new1 | rc=0 >>\nnew1\n', stderr: '' });
  });

  it('the words are joined by spaces and run by /bin/sh -c, as ssh does; the host keeps what the command did', async () => {
    const r = await run('new1', '-i', 'inventory/sim.yml', '--', "echo 'it'\"'\"'s' $((6 * 7)) > /root/note;", 'cat', '/root/note');
    expect(r).toEqual({ code: 0, stdout: "new1 | rc=0 >>\nit's 42\n", stderr: '' });
    const seen = await cli(project.dir, 'sim', 'exec', 'new1', '-i', 'inventory/sim.yml', '--', 'cat', '/root/note');
    expect(seen.stdout).toBe("it's 42\n");
  });

  it('a failing command: exit 1, each host with its rc, stdout then stderr', async () => {
    const r = await run('all', '-i', 'inventory/sim.yml', '--', 'echo out $(hostname); [ "$(hostname)" != old2 ] || { echo no >&2; exit 3; }');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'old1 | rc=0 >>\nout old1\n' + 'old2 | rc=3 >>\nout old2\nno\n' + 'new1 | rc=0 >>\nout new1\n' + 'new2 | rc=0 >>\nout new2\n',
    );
    expect(r.stderr).toBe('run: 4 hosts: 3 ok, 1 failed (old2)\n');
  });

  it('--json: one run_result per host, then run_summary', async () => {
    const r = await run('old', '-i', 'inventory/sim.yml', '--json', '--', '[ "$(hostname)" = old1 ] && echo yes || { echo no >&2; exit 2; }');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(events(r.stdout)).toEqual([
      { type: 'run_result', host: 'old1', rc: 0, stdout: 'yes\n', stderr: '' },
      { type: 'run_result', host: 'old2', rc: 2, stdout: '', stderr: 'no\n' },
      { type: 'run_summary', hosts: 2, ok: ['old1'], failed: ['old2'], unreachable: [], not_run: [], interrupted: false, exit_code: 1 },
    ]);
  });

  describe('--jail', () => {
    beforeAll(async () => {
      const built = await cli(project.dir, 'apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml');
      expect(built.code).toBe(0);
    });

    it('runs the command inside the running jail (jexec -l www /bin/sh -c)', async () => {
      const r = await run('new', '-i', 'inventory/sim.yml', '--jail', 'www', '--', 'hostname; echo $HOME; uname -r');
      expect(r).toEqual({ code: 0, stdout: ['new1', 'new2'].map((h) => `${h} | rc=0 >>\nwww\n/root\n14.2-RELEASE\n`).join(''), stderr: '' });
    });

    it('a jail that is not running: jexec\'s own error and exit status on each host, exit 1', async () => {
      const r = await run('new', '-i', 'inventory/sim.yml', '--jail', 'db', '--', 'uname -r');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('new1 | rc=1 >>\njexec: jail "db" not found\nnew2 | rc=1 >>\njexec: jail "db" not found\n');
      expect(r.stderr).toBe('run: 2 hosts: 0 ok, 2 failed (new1, new2)\n');
    });
  });

  describe('faults', () => {
    const inventory = 'inventory/faults.yml';
    beforeAll(() => {
      writeFileSync(
        join(project.dir, inventory),
        [
          'all:',
          '  vars: { transport: sim }',
          '  hosts:',
          '    f1: { host_ip: 192.0.2.41, sim: { faults: { slow_ms: 400 } } }',
          '    f2: { host_ip: 192.0.2.42, sim: { faults: { unreachable: true } } }',
          '    f3: { host_ip: 192.0.2.43 }',
          '    f4: { host_ip: 192.0.2.44, sim: { faults: { slow_ms: 5000 } } }',
          '',
        ].join('\n'),
      );
    });

    it('an unreachable host: UNREACHABLE! with the reason, exit 3', async () => {
      const r = await run('f1:f2:f3', '-i', inventory, '--', 'hostname');
      expect(r).toEqual({
        code: 3,
        stdout: 'f1 | rc=0 >>\nf1\nf2 | UNREACHABLE! => connect: connect ECONNREFUSED (simulated)\nf3 | rc=0 >>\nf3\n',
        stderr: 'run: 3 hosts: 2 ok, 1 unreachable (f2)\n',
      });
      const json = events((await run('f2', '-i', inventory, '--json', '--', 'hostname')).stdout);
      expect(json).toEqual([
        { type: 'run_result', host: 'f2', unreachable: 'connect: connect ECONNREFUSED (simulated)' },
        { type: 'run_summary', hosts: 1, ok: [], failed: [], unreachable: ['f2'], not_run: [], interrupted: false, exit_code: 3 },
      ]);
    });

    it('a failed command outranks an unreachable host: exit 1', async () => {
      const r = await run('f2:f3', '-i', inventory, '--', 'exit 5');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('f2 | UNREACHABLE! => connect: connect ECONNREFUSED (simulated)\nf3 | rc=5 >>\n');
    });

    it('output stays grouped and in inventory order when the first host finishes last', async () => {
      const r = await run('f1:f3', '-i', inventory, '--forks', '2', '--', 'for i in 1 2 3; do echo $(hostname) $i; echo err $i >&2; done');
      expect(r.code).toBe(0);
      const block = (h: string) => `${h} | rc=0 >>\n${h} 1\n${h} 2\n${h} 3\nerr 1\nerr 2\nerr 3\n`;
      expect(r.stdout).toBe(block('f1') + block('f3'));
    });

    it('a command still running after --timeout: FAILED!, exit 1', async () => {
      const r = await run('f3:f4', '-i', inventory, '--timeout', '1', '--', 'hostname');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('f3 | rc=0 >>\nf3\nf4 | FAILED! => timed out: no result within 1 s (the channel was closed; the command may still be running on the host)\n');
      const json = events((await run('f4', '-i', inventory, '--timeout', '1', '--json', '--', 'hostname')).stdout);
      expect(json[0]).toEqual({ type: 'run_result', host: 'f4', failed: expect.stringMatching(/^timed out: no result within 1 s/) });
    });

    it('Ctrl-C: no further host starts; what finished is printed; exit 130', async () => {
      const controller = new AbortController();
      let stdout = '';
      const code = await runCli(['run', 'f1:f3', '-i', inventory, '--forks', '1', '--json', '--', 'hostname'], {
        out: (t) => {
          stdout += t;
          controller.abort();
        },
        err: () => undefined,
        isTTY: false,
        cwd: project.dir,
        env: {},
        signal: controller.signal,
      });
      expect(code).toBe(130);
      expect(events(stdout)).toEqual([
        { type: 'run_result', host: 'f1', rc: 0, stdout: 'f1\n', stderr: '' },
        { type: 'run_summary', hosts: 2, ok: ['f1'], failed: [], unreachable: [], not_run: ['f3'], interrupted: true, exit_code: 130 },
      ]);
    });
  });

  it('secrets are redacted in the output, human and --json', async () => {
    const token = 'tok-1e2f3a4b5c';
    const become = 'env-become-5b4a3f2e';
    writeFileSync(join(project.dir, 'inventory/secret.yml'), `all:\n  hosts:\n    s1:\n      transport: sim\n      host_ip: 192.0.2.51\n      api_token: ${token}\n`);
    const env = { JAILFLEET_BECOME_PASSWORD: become };
    const cmd = `echo ${token} ${become}; echo ${token} >&2`;
    const human = await cliWithEnv(project.dir, env, 'run', 's1', '-i', 'inventory/secret.yml', '--', cmd);
    expect(human).toEqual({ code: 0, stdout: 's1 | rc=0 >>\n******** ********\n********\n', stderr: '' });
    const json = await cliWithEnv(project.dir, env, 'run', 's1', '-i', 'inventory/secret.yml', '--json', '--', cmd);
    expect(events(json.stdout)[0]).toEqual({ type: 'run_result', host: 's1', rc: 0, stdout: '******** ********\n', stderr: '********\n' });
    expect(json.stdout).not.toContain(token);
    expect(json.stdout).not.toContain(become);
  });

  it('the command line sent: every value through quote()', () => {
    expect(remoteCommandLine(['uname', '-r'], undefined)).toBe("/bin/sh -c 'uname -r'");
    expect(remoteCommandLine(["echo it's", '$HOME'], 'www')).toBe(`jexec -l www /bin/sh -c 'echo it'\\''s $HOME'`);
    expect(remoteCommandLine(['hostname'], 'my jail')).toBe("jexec -l 'my jail' /bin/sh -c hostname");
  });

  it('--help says how the command runs', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('joined by spaces and run by /bin/sh -c on each host');
    expect(r.stdout).toContain('jexec -l NAME /bin/sh -c COMMAND');
    expect(r.stdout).toContain('No host lock is taken');
  });
});
