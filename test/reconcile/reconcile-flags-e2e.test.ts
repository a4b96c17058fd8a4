/**
 * README "Commands" and "Scheduled reconciliation": the options of
 * `jailfleet reconcile` reach what they govern, through the CLI on simulated
 * hosts: `--every` (5 fields, or 6 with seconds first; anything else is
 * invalid input), `--splay S`, `--max-fail-percentage N` (default 10),
 * `--keep-days N` (default 30) and `--keep-passes-days N` (default 400),
 * `--tags`/`--skip-tags`, `--state-dir D`. Schedules are stopped through the
 * CLI's abort signal (SIGINT/SIGTERM) as soon as they said what they would
 * do, never after a wait.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { historyPath } from '../../src/reconcile/history-schema.js';
import { cli } from '../helpers/cli.js';
import { simFleet, type Fleet } from '../engine/fleet-fixture.js';
import { lineDiff, writeFixtureDb } from './report-fixture.js';

interface PassJson {
  id: number;
  status: string;
  note: string;
  tasks_drifted: number;
  hosts: Array<{ host: string; outcome: string; message: string }>;
}
interface TaskJson {
  host: string;
  task: string;
  status: string;
  diff: string | null;
}

const DAY = 86_400_000;
const lastPass = (stdout: string): PassJson => JSON.parse(stdout.trim().split('\n').pop()!) as PassJson;

/** A schedule run in process, interrupted as soon as it writes to stderr (the warning it starts with). */
async function scheduleUntilStderr(dir: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    out: (t) => (stdout += t),
    err: (t) => {
      stderr += t;
      controller.abort();
    },
    isTTY: false,
    cwd: dir,
    env: {},
    signal: controller.signal,
  });
  return { code, stdout, stderr };
}

describe('reconcile options through the CLI', () => {
  let fleet: Fleet | undefined;
  afterEach(() => fleet?.cleanup());

  const converged = async (count: number, hostVars: (n: string) => Record<string, unknown> = () => ({})) => {
    fleet = simFleet(count, hostVars);
    fleet.writePlaybook([
      {
        name: 'settings',
        hosts: 'all',
        tasks: [
          { name: 'alpha', sysrc: { name: 'jailfleet_alpha', value: 'YES' }, tags: ['a'] },
          // Another file: in check mode a second sysrc on rc.conf would wait on alpha's change ("depends on").
          { name: 'beta', copy: { dest: '/etc/jailfleet-beta', content: 'YES\n' }, tags: ['b'] },
        ],
      },
    ]);
    expect((await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml')).code).toBe(0);
    return fleet;
  };
  const onHost = async (f: Fleet, host: string, ...command: string[]) => expect((await cli(f.dir, 'sim', 'exec', host, '-i', 'inventory.yml', '--', ...command)).code).toBe(0);
  const drift = (f: Fleet, host: string) => onHost(f, host, 'sysrc', 'jailfleet_alpha=NO');
  const reconcile = (f: Fleet, ...argv: string[]) => cli(f.dir, 'reconcile', 'site.yml', '-i', 'inventory.yml', ...argv);

  it('--every: an invalid expression is exit 4, naming it, and nothing is recorded', async () => {
    const f = await converged(1);
    for (const every of ['every 5 minutes', '61 * * * *', '* * *']) {
      const r = await reconcile(f, '--every', every);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(new RegExp(`^error: --every: "${every.replace(/\*/g, '\\*')}" is not a cron expression: `));
    }
    const none = await reconcile(f);
    expect([none.code, none.stderr]).toEqual([4, 'error: reconcile: --every CRON is required (or --once for a single pass)\n']);
    expect(existsSync(historyPath(join(f.dir, '.jailfleet')))).toBe(false);
  });

  it('--every takes 5 fields (minutes) and 6 (seconds first): --splay is measured against the tick interval they give', async () => {
    const f = await converged(1);
    const base = ['reconcile', 'site.yml', '-i', 'inventory.yml'];
    const five = await scheduleUntilStderr(f.dir, [...base, '--every', '*/2 * * * *', '--splay', '120']);
    expect(five.stderr).toBe('warning: --splay 120 s is not shorter than the 120 s between ticks: every pass will run into the next tick, which is then skipped\n');
    // Stopped by the signal: a service stopping, exit 0.
    expect(five.code).toBe(0);
    const six = await scheduleUntilStderr(f.dir, [...base, '--every', '*/5 * * * * *', '--splay', '5']);
    expect(six.stderr).toBe('warning: --splay 5 s is not shorter than the 5 s between ticks: every pass will run into the next tick, which is then skipped\n');
    expect(six.code).toBe(0);
    // A --splay that is not a whole number is exit 4.
    const bad = await reconcile(f, '--once', '--splay', 'soon');
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('--splay');
  });

  it('--once --splay S still checks every host', async () => {
    const f = await converged(2);
    await drift(f, 'h02');
    const r = await reconcile(f, '--once', '--json', '--splay', '1');
    expect(r.code).toBe(2);
    expect(lastPass(r.stdout).hosts.map((h) => [h.host, h.outcome])).toEqual([
      ['h01', 'ok'],
      ['h02', 'drifted'],
    ]);
  });

  it('--max-fail-percentage: past it repairs stop (default 10); a higher budget lets them go on; a bad value is exit 4', async () => {
    // h01's repair fails (its sysrc write fails); h02..h04 drift too. --forks 2: repairs in batches
    // [h01, h02], [h03, h04]; the first batch has 50% failed.
    const failing = { sim: { faults: { fail: [{ command: 'sysrc -f /etc/rc.conf jailfleet_alpha=YES', code: 1, stderr: 'sysrc: cannot write\n' }] } } };
    const f = await converged(4, () => ({}));
    writeFileSync(
      join(f.dir, 'inventory-failing.yml'),
      JSON.stringify({ all: { vars: { transport: 'sim' }, hosts: Object.fromEntries(f.names.map((h, i) => [h, { host_ip: `192.0.2.${10 + i}`, ...(h === 'h01' ? failing : {}) }])) } }),
    );
    const withFault = (...argv: string[]) => cli(f.dir, 'reconcile', 'site.yml', '-i', 'inventory-failing.yml', '--once', '--fix', '--forks', '2', '--json', ...argv);

    for (const h of f.names) await drift(f, h);
    const stopped = await withFault();
    expect(stopped.code).toBe(1);
    expect(lastPass(stopped.stdout).note).toMatch(/^repairs stopped: max_fail_percentage 10% exceeded: 1 of 2 hosts failed in batch 1\/2 \(50%: h01\); 2 drifted host\(s\) left unrepaired$/);

    // 50% is not more than 50: the repairs go on (README: "stop … when more than N%").
    const budget = await withFault('--max-fail-percentage', '50');
    const pass = lastPass(budget.stdout);
    expect(pass.note).toBe('');
    expect(pass.hosts.map((h) => [h.host, h.outcome])).toEqual([
      ['h01', 'failed'],
      // Repaired by the stopped pass already (it was in the first batch).
      ['h02', 'ok'],
      ['h03', 'repaired'],
      ['h04', 'repaired'],
    ]);
    expect(budget.code).toBe(1);

    const bad = await withFault('--max-fail-percentage', '150');
    expect([bad.code, bad.stderr]).toEqual([4, 'error: --max-fail-percentage: expected a number from 0 to 100, got "150"\n']);
  });

  it('--tags and --skip-tags choose the tasks a pass checks', async () => {
    const f = await converged(1);
    await drift(f, 'h01');
    await onHost(f, 'h01', 'rm', '/etc/jailfleet-beta');
    const tasksOf = async (r: { stdout: string }) => {
      const id = lastPass(r.stdout).id;
      return (JSON.parse((await cli(f.dir, 'history', String(id), '--json')).stdout) as { tasks: TaskJson[] }).tasks.map((t) => [t.task, t.status]);
    };
    const all = await reconcile(f, '--once', '--json');
    expect(await tasksOf(all)).toEqual([
      ['alpha', 'drifted'],
      ['beta', 'drifted'],
    ]);
    expect(await tasksOf(await reconcile(f, '--once', '--json', '--tags', 'a'))).toEqual([['alpha', 'drifted']]);
    expect(await tasksOf(await reconcile(f, '--once', '--json', '--skip-tags', 'a'))).toEqual([['beta', 'drifted']]);
  });

  it('--state-dir D: the history goes to D/history.sqlite, not to .jailfleet', async () => {
    const f = await converged(1);
    // The simulated hosts live in the state directory too: point both at the converged ones.
    const r = await reconcile(f, '--once', '--state-dir', '.jailfleet-other');
    expect(r.code).toBe(2);
    expect(existsSync(historyPath(join(f.dir, '.jailfleet-other')))).toBe(true);
    expect(existsSync(historyPath(join(f.dir, '.jailfleet')))).toBe(false);
    const history = await cli(f.dir, 'history', '--json', '--state-dir', '.jailfleet-other');
    expect((JSON.parse(history.stdout) as { passes: PassJson[] }).passes).toHaveLength(1);
  });

  it('--keep-days and --keep-passes-days prune the history after a pass; the defaults are 30 and 400 days', async () => {
    const f = await converged(1);
    const now = Date.now();
    const drifted = (ageDays: number) => ({
      startedAt: now - ageDays * DAY,
      hosts: [{ host: 'h01', outcome: 'drifted' as const, tasks: [{ task: 'alpha', status: 'drifted' as const, diff: lineDiff('/etc/rc.conf', 'jailfleet_alpha="NO"', 'jailfleet_alpha="YES"') }] }],
    });
    // ids 1..4: 401, 399, 31 and 29 days old.
    writeFixtureDb(historyPath(join(f.dir, '.jailfleet')), [drifted(401), drifted(399), drifted(31), drifted(29)]);
    const diffOf = async (id: number) => (JSON.parse((await cli(f.dir, 'history', String(id), '--json')).stdout) as { tasks: TaskJson[] }).tasks[0]!.diff;
    const ids = async () => (JSON.parse((await cli(f.dir, 'history', '--json')).stdout) as { passes: PassJson[] }).passes.map((p) => p.id).sort((a, b) => a - b);

    const defaults = await reconcile(f, '--once');
    expect(defaults.code).toBe(0);
    expect(defaults.stderr).toBe('history: 2 diff(s) past --keep-days cleared, 1 pass(es) past --keep-passes-days deleted\n');
    expect(await ids()).toEqual([2, 3, 4, 5]);
    expect(await diffOf(3)).toBeNull();
    expect(await diffOf(4)).toContain('+jailfleet_alpha="YES"');

    const tight = await reconcile(f, '--once', '--keep-days', '7', '--keep-passes-days', '30');
    expect(tight.stderr).toBe('history: 1 diff(s) past --keep-days cleared, 2 pass(es) past --keep-passes-days deleted\n');
    expect(await ids()).toEqual([4, 5, 6]);
    expect(await diffOf(4)).toBeNull();

    const bad = await reconcile(f, '--once', '--keep-days', '0');
    expect(bad.code).toBe(4);
  });
});
