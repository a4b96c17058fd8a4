/**
 * README "Playbooks": a task takes `ignore_errors`; as in Ansible, a failed
 * task with it does not stop the host: the host goes on to its next task.
 * The failure is still shown (`failed (ignored)`, the step's exit code and
 * stderr in --json with `ignored: true`), but it is no failure of the run:
 * the recap counts it as ok and the exit code is 0 (README "Exit codes": 1
 * is "a task failed"). The contrast, the same task without ignore_errors,
 * stops the host at it and exits 1. Through the CLI on a simulated host.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cli, events } from '../helpers/cli.js';
import { simFleet, type Fleet } from './fleet-fixture.js';

const plays = (ignore: boolean) => [
  {
    name: 'carry on',
    hosts: 'all',
    tasks: [
      { name: 'may fail', command: { cmd: 'echo no such thing >&2; exit 3' }, ...(ignore ? { ignore_errors: true } : {}) },
      { name: 'release file', copy: { dest: '/etc/jailfleet-release', content: 'v2\n' } },
    ],
  },
];

describe('ignore_errors', () => {
  let fleet: Fleet | undefined;
  afterEach(() => fleet?.cleanup());

  it('a failed task with ignore_errors: the host goes on to the next task, the recap has no failure, exit 0', async () => {
    fleet = simFleet(2);
    fleet.writePlaybook(plays(true));
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^failed \(ignored\): \[h01\] may fail => step "[^"]+" failed \(exit 3\): no such thing$/m);
    expect(r.stdout).toContain('changed: [h01] release file');
    for (const h of fleet.names) {
      expect(fleet.file(h, '/etc/jailfleet-release')).toBe('v2\n');
      expect(r.stdout).toMatch(new RegExp(`^${h} +: ok=2 +changed=1 +unreachable=0 +failed=0 +skipped=0 +not_run=0$`, 'm'));
    }

    const json = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--json');
    expect(json.code).toBe(0);
    const failed = events(json.stdout).filter((e) => e.type === 'task' && e.task === 'may fail');
    expect(failed).toHaveLength(2);
    for (const e of failed) expect(e).toMatchObject({ status: 'failed', ignored: true, exitCode: 3, stderr: 'no such thing\n' });
  });

  it('contrast: without ignore_errors the host stops at the failed task, exit 1', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook(plays(false));
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--json');
    expect(r.code).toBe(1);
    const tasks = events(r.stdout).filter((e) => e.type === 'task');
    expect(tasks.map((e) => [e.task, e.status])).toEqual([['may fail', 'failed']]);
    expect(tasks[0]!.ignored).toBeUndefined();
    expect(fleet.file('h01', '/etc/jailfleet-release')).toBeUndefined();
  });
});
