import { describe, expect, it } from 'vitest';
import { serviceModule } from '../../src/modules/service/index.js';
import { sysrcModule } from '../../src/modules/sysrc/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { commands, context, fail, factsOf, ok, play, planOne, StaleFact, type Captured, type Task } from './harness.js';

const ENABLE = 'sysrc -f /etc/rc.conf -n sshd_enable';
const STATUS = 'service sshd onestatus';
const running = ok('sshd is running as pid 812.\n');
const stopped = fail(1, '', 'sshd is not running.\n');
const task = { name: 'sshd', enabled: true, state: 'started' };

describe('service', () => {
  it('enables and starts a fresh service with the one* form', () => {
    const plan = planOne({ [ENABLE]: ok('NO\n'), [STATUS]: stopped }, [serviceModule, task]);
    expect(plan).toMatchObject({
      changed: true,
      message: '/etc/rc.conf: sshd_enable: "NO" -> "YES"; service sshd started',
      steps: [
        { title: 'sysrc sshd_enable', command: 'sysrc -f /etc/rc.conf sshd_enable=YES' },
        { title: 'service sshd onestart', command: 'service sshd onestart' },
      ],
      diffs: [
        { label: '/etc/rc.conf: sshd_enable', before: 'sshd_enable="NO"\n', after: 'sshd_enable="YES"\n' },
        { label: 'service sshd', before: 'stopped\n', after: 'running\n' },
      ],
    });
    // Not the status: `onestart` exiting 0 does not make sshd still run later.
    expect(plan.updates.map((u) => [u.spec.key, u.value])).toEqual([
      ['sysrc::/etc/rc.conf:sshd_enable', { set: true, value: 'YES' }],
      ['sysrc-in-file::/etc/rc.conf:sshd_enable', true],
    ]);
  });

  it('changes nothing when enabled (any checkyesno spelling) and running', () => {
    expect(planOne({ [ENABLE]: ok('yes\n'), [STATUS]: running }, [serviceModule, task])).toEqual({
      changed: false, message: 'service sshd is already as wanted', steps: [], diffs: [], updates: [],
    });
  });

  it('chains with sysrc through shared fact keys; what a step may have changed is read again', () => {
    const tasks: Task[] = [
      [sysrcModule, { name: 'sshd_enable', value: 'YES' }],
      [serviceModule, task],
      [serviceModule, task],
    ];
    const captured = { [ENABLE]: ok('NO\n'), [STATUS]: stopped };
    // rc.conf may say where the pid file is: onestatus is read after the sysrc step.
    expect(() => play(captured, tasks)).toThrow(new StaleFact('service::sshd', 0));
    // A host rc.d script may change anything: after onestart, rc.conf too is read again.
    const later = (command: string, i: number) => ((i === 1 ? { [STATUS]: stopped } : { [ENABLE]: ok('YES\n'), [STATUS]: running }) as Captured)[command];
    const [, svc, again] = play(captured, tasks, context(), later);
    expect(commands(svc!)).toEqual(['service sshd onestart']);
    expect(again).toMatchObject({ changed: false, steps: [] });
  });

  it('disabled and unset count as not enabled', () => {
    const plan = planOne({ 'sysrc -f /etc/rc.conf -n nginx_enable': fail(1, "sysrc: unknown variable 'nginx_enable'\n") }, [serviceModule, { name: 'nginx', enabled: false }]);
    expect(plan.changed).toBe(false);
  });

  it('stops a running service, and leaves a stopped one alone', () => {
    expect(commands(planOne({ [STATUS]: running }, [serviceModule, { name: 'sshd', state: 'stopped' }]))).toEqual(['service sshd onestop']);
    expect(planOne({ [STATUS]: stopped }, [serviceModule, { name: 'sshd', state: 'stopped' }]).changed).toBe(false);
  });

  it('restarted always acts and needs no status', () => {
    expect(factsOf([serviceModule, { name: 'postfix', state: 'restarted' }])).toEqual([]);
    const plan = planOne({}, [serviceModule, { name: 'postfix', state: 'restarted' }]);
    expect(plan).toMatchObject({ changed: true, message: 'service postfix restarted', steps: [{ command: 'service postfix onerestart' }], diffs: [] });
  });

  it('reloaded reloads a running service and starts a stopped one', () => {
    expect(commands(planOne({ [STATUS]: running }, [serviceModule, { name: 'sshd', state: 'reloaded' }]))).toEqual(['service sshd onereload']);
    expect(commands(planOne({ [STATUS]: stopped }, [serviceModule, { name: 'sshd', state: 'reloaded' }]))).toEqual(['service sshd onestart']);
  });

  it('works inside a jail', () => {
    const captured: Captured = { 'sysrc -j www -f /etc/rc.conf -n sshd_enable': ok('NO\n'), 'service -j www sshd onestatus': stopped };
    const plan = planOne(captured, [serviceModule, { ...task, jail: 'www' }]);
    expect(commands(plan)).toEqual(['sysrc -j www -f /etc/rc.conf sshd_enable=YES', 'service -j www sshd onestart']);
    expect(plan.message).toBe('jail www: /etc/rc.conf: sshd_enable: "NO" -> "YES"; service sshd in jail www started');
  });

  it('knows rcvar exceptions and accepts an override', () => {
    expect(factsOf([serviceModule, { name: 'nfsd', enabled: true }]).map((f) => f.command)).toEqual(['sysrc -f /etc/rc.conf -n nfs_server_enable']);
    expect(factsOf([serviceModule, { name: 'php-fpm', enabled: true }]).map((f) => f.command)).toEqual(['sysrc -f /etc/rc.conf -n php_fpm_enable']);
    expect(factsOf([serviceModule, { name: 'x', enabled: true, rcvar: 'y_enable' }]).map((f) => f.command)).toEqual(['sysrc -f /etc/rc.conf -n y_enable']);
  });

  it('fails on a service that does not exist or whose status is unclear', () => {
    const missing = fail(1, 'nope does not exist in /etc/rc.d or the local startup\ndirectories (/usr/local/etc/rc.d), or nope is not executable\n');
    expect(() => planOne({ 'service nope onestatus': missing }, [serviceModule, { name: 'nope', state: 'started' }])).toThrow(PlanError);
    expect(() => planOne({ 'service odd onestatus': fail(3, 'weird\n') }, [serviceModule, { name: 'odd', state: 'started' }])).toThrow(
      'cannot tell whether service odd runs: weird',
    );
  });

  it('needs state or enabled, and a sane name', () => {
    expect(serviceModule.schema.safeParse({ name: 'sshd' }).success).toBe(false);
    expect(serviceModule.schema.safeParse({ name: 'sshd; reboot', state: 'started' }).success).toBe(false);
    expect(serviceModule.schema.safeParse({ name: 'sshd', state: 'started', jail: '-x' }).success).toBe(false);
  });
});
