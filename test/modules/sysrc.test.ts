import { describe, expect, it } from 'vitest';
import { sysrcModule } from '../../src/modules/sysrc/index.js';
import { FactParseError } from '../../src/modules/facts/fact-parse-error.js';
import { commands, fail, factsOf, ok, play, planOne, type Captured } from './harness.js';

const GET = (name: string, path = '/etc/rc.conf') => `sysrc -f ${path} -n ${name}`;
const GREP = (name: string) => `grep -Eq '^[[:space:]]*${name}=' /etc/rc.conf`;
const DEFAULT = (name: string) => `sysrc -D -n ${name}`;
const unknown = (name: string) => fail(1, `sysrc: unknown variable '${name}'\n`);

describe('sysrc present', () => {
  it('sets a value that differs from the effective one (defaults count)', () => {
    const plan = planOne({ [GET('sshd_enable')]: ok('NO\n') }, [sysrcModule, { name: 'sshd_enable', value: 'YES' }]);
    expect(plan).toEqual({
      changed: true,
      message: '/etc/rc.conf: sshd_enable: "NO" -> "YES"',
      steps: [{ title: 'sysrc sshd_enable', command: 'sysrc -f /etc/rc.conf sshd_enable=YES', changes: ['path:/etc/rc.conf'] }],
      diffs: [{ label: '/etc/rc.conf: sshd_enable', before: 'sshd_enable="NO"\n', after: 'sshd_enable="YES"\n' }],
      updates: [
        { spec: expect.objectContaining({ key: 'sysrc::/etc/rc.conf:sshd_enable' }), value: { set: true, value: 'YES' } },
        { spec: expect.objectContaining({ key: 'sysrc-in-file::/etc/rc.conf:sshd_enable' }), value: true },
      ],
    });
  });

  it('is no change when the effective value is already right, even from defaults', () => {
    const plan = planOne({ [GET('sendmail_enable')]: ok('NO\n') }, [sysrcModule, { name: 'sendmail_enable', value: 'NO' }]);
    expect(plan).toEqual({ changed: false, message: '/etc/rc.conf: sendmail_enable is already "NO"', steps: [], diffs: [], updates: [] });
  });

  it('sets an unknown variable with an empty "before" and a quoted word', () => {
    const plan = planOne({ [GET('syslogd_flags')]: unknown('syslogd_flags') }, [sysrcModule, { name: 'syslogd_flags', value: '-ss' }]);
    expect(commands(plan)).toEqual(['sysrc -f /etc/rc.conf syslogd_flags=-ss']);
    expect(plan.diffs).toEqual([{ label: '/etc/rc.conf: syslogd_flags', before: '', after: 'syslogd_flags="-ss"\n' }]);
    expect(plan.message).toBe('/etc/rc.conf: syslogd_flags: (unset) -> "-ss"');
  });

  it('accepts the older sysrc that printed "unknown variable" on stdout', () => {
    const plan = planOne({ [GET('x_flags')]: fail(1, '', "sysrc: unknown variable 'x_flags'\n") }, [sysrcModule, { name: 'x_flags', value: 'a' }]);
    expect(plan.changed).toBe(true);
  });

  it('keeps spaces and quotes inside one single-quoted word', () => {
    const plan = planOne({ [GET('inetd_flags')]: ok('-wW -C 60\n') }, [sysrcModule, { name: 'inetd_flags', value: "-wW -a 192.0.2.1; it's" }]);
    expect(commands(plan)).toEqual([`sysrc -f /etc/rc.conf 'inetd_flags=-wW -a 192.0.2.1; it'\\''s'`]);
  });

  it('refuses values sysrc would write unescaped into a file sh sources', () => {
    for (const value of ['$(reboot)', '`id`', 'a"b', 'a\\b', 'a\nb']) {
      const r = sysrcModule.schema.safeParse({ name: 'x_flags', value });
      expect(r.success).toBe(false);
    }
  });

  it('writes booleans as YES/NO and numbers as text', () => {
    expect(sysrcModule.schema.parse({ name: 'a_enable', value: true }).value).toBe('YES');
    expect(sysrcModule.schema.parse({ name: 'a_enable', value: false }).value).toBe('NO');
    expect(sysrcModule.schema.parse({ name: 'a_n', value: 3 }).value).toBe('3');
  });

  it('runs inside a jail with -j, for the fact and the step', () => {
    const captured: Captured = { 'sysrc -j www -f /etc/rc.conf -n sshd_enable': ok('NO\n') };
    const plan = planOne(captured, [sysrcModule, { name: 'sshd_enable', value: 'YES', jail: 'www' }]);
    expect(commands(plan)).toEqual(['sysrc -j www -f /etc/rc.conf sshd_enable=YES']);
    expect(plan.diffs[0]?.label).toBe('jail www: /etc/rc.conf: sshd_enable');
    expect(plan.updates[0]?.spec.key).toBe('sysrc:www:/etc/rc.conf:sshd_enable');
  });

  it('uses another file with path', () => {
    const plan = planOne({ [GET('x_enable', '/etc/rc.conf.local')]: unknown('x_enable') }, [
      sysrcModule,
      { name: 'x_enable', value: 'YES', path: '/etc/rc.conf.local' },
    ]);
    expect(commands(plan)).toEqual(['sysrc -f /etc/rc.conf.local x_enable=YES']);
  });

  it('chains predictions: a second identical task changes nothing', () => {
    const task = [sysrcModule, { name: 'syslogd_flags', value: '-ss' }] as const;
    const [first, second] = play({ [GET('syslogd_flags')]: ok('-s\n') }, [[...task], [...task]]);
    expect(first?.changed).toBe(true);
    expect(second).toMatchObject({ changed: false, steps: [], message: '/etc/rc.conf: syslogd_flags is already "-ss"' });
  });

  it('rejects output it does not understand', () => {
    expect(() => planOne({ [GET('x')]: fail(127, 'sysrc: not found\n') }, [sysrcModule, { name: 'x', value: 'a' }])).toThrow(FactParseError);
  });
});

describe('sysrc absent', () => {
  const captured: Captured = {
    [GET('sendmail_enable')]: ok('NONE\n'),
    [GREP('sendmail_enable')]: ok(''),
    [DEFAULT('sendmail_enable')]: ok('NO\n'),
  };

  it('asks whether the file itself assigns the variable, and for its default', () => {
    expect(factsOf([sysrcModule, { name: 'sendmail_enable', state: 'absent' }]).map((f) => f.command)).toEqual([
      GET('sendmail_enable'),
      GREP('sendmail_enable'),
      DEFAULT('sendmail_enable'),
    ]);
  });

  it('deletes with -x and predicts the default showing through', () => {
    const [plan, again, present] = play(captured, [
      [sysrcModule, { name: 'sendmail_enable', state: 'absent' }],
      [sysrcModule, { name: 'sendmail_enable', state: 'absent' }],
      [sysrcModule, { name: 'sendmail_enable', value: 'NO' }],
    ]);
    expect(plan).toMatchObject({
      changed: true,
      message: '/etc/rc.conf: sendmail_enable: removed (was "NONE")',
      steps: [{ title: 'sysrc -x sendmail_enable', command: 'sysrc -f /etc/rc.conf -x sendmail_enable' }],
      diffs: [{ label: '/etc/rc.conf: sendmail_enable', before: 'sendmail_enable="NONE"\n', after: '' }],
    });
    expect(plan?.updates.map((u) => [u.spec.key, u.value])).toEqual([
      ['sysrc::/etc/rc.conf:sendmail_enable', { set: true, value: 'NO' }],
      ['sysrc-in-file::/etc/rc.conf:sendmail_enable', false],
    ]);
    expect(again).toMatchObject({ changed: false, message: '/etc/rc.conf: sendmail_enable is not set in /etc/rc.conf' });
    expect(present).toMatchObject({ changed: false, message: '/etc/rc.conf: sendmail_enable is already "NO"' });
  });

  it('is no change when only /etc/defaults/rc.conf sets it', () => {
    const plan = planOne(
      { [GET('sendmail_enable')]: ok('NO\n'), [GREP('sendmail_enable')]: fail(1, ''), [DEFAULT('sendmail_enable')]: ok('NO\n') },
      [sysrcModule, { name: 'sendmail_enable', state: 'absent' }],
    );
    expect(plan).toMatchObject({ changed: false, steps: [] });
  });

  it('treats a missing file as assigning nothing', () => {
    const plan = planOne(
      { [GET('x')]: unknown('x'), [GREP('x')]: fail(2, 'grep: /etc/rc.conf: No such file or directory\n'), [DEFAULT('x')]: unknown('x') },
      [sysrcModule, { name: 'x', state: 'absent' }],
    );
    expect(plan.changed).toBe(false);
  });

  it('greps inside the jail with jexec', () => {
    const specs = factsOf([sysrcModule, { name: 'x', state: 'absent', jail: 'www' }]);
    expect(specs.map((s) => s.command)).toEqual([
      'sysrc -j www -f /etc/rc.conf -n x',
      `jexec www grep -Eq '^[[:space:]]*x=' /etc/rc.conf`,
      'sysrc -j www -D -n x',
    ]);
  });
});

describe('sysrc lists', () => {
  it('value_present appends a run of items once', () => {
    const task = [sysrcModule, { name: 'inetd_flags', state: 'value_present', value: '-a 192.0.2.1' }] as const;
    const [plan, again] = play({ [GET('inetd_flags')]: ok('-wW -C 60\n') }, [[...task], [...task]]);
    expect(commands(plan!)).toEqual([`sysrc -f /etc/rc.conf 'inetd_flags=-wW -C 60 -a 192.0.2.1'`]);
    expect(plan!.diffs[0]).toEqual({ label: '/etc/rc.conf: inetd_flags', before: 'inetd_flags="-wW -C 60"\n', after: 'inetd_flags="-wW -C 60 -a 192.0.2.1"\n' });
    expect(again).toMatchObject({ changed: false, message: '/etc/rc.conf: inetd_flags already lists "-a 192.0.2.1"' });
  });

  it('value_present on an unset list, with another delimiter', () => {
    const plan = planOne({ [GET('jail_list')]: unknown('jail_list') }, [sysrcModule, { name: 'jail_list', state: 'value_present', value: 'www', delim: ',' }]);
    expect(commands(plan)).toEqual(['sysrc -f /etc/rc.conf jail_list=www']);
    const more = planOne({ [GET('jail_list')]: ok('db,,mail\n') }, [sysrcModule, { name: 'jail_list', state: 'value_present', value: 'www', delim: ',' }]);
    expect(commands(more)).toEqual(['sysrc -f /etc/rc.conf jail_list=db,mail,www']);
  });

  it('value_absent removes every occurrence, and only when present', () => {
    const plan = planOne({ [GET('jail_list')]: ok('www db www\n') }, [sysrcModule, { name: 'jail_list', state: 'value_absent', value: 'www' }]);
    expect(commands(plan)).toEqual(['sysrc -f /etc/rc.conf jail_list=db']);
    const none = planOne({ [GET('jail_list')]: ok('db\n') }, [sysrcModule, { name: 'jail_list', state: 'value_absent', value: 'www' }]);
    expect(none).toMatchObject({ changed: false, message: '/etc/rc.conf: jail_list does not list "www"' });
  });

  it('value_absent emptying the list sets an empty value', () => {
    const plan = planOne({ [GET('jail_list')]: ok('www\n') }, [sysrcModule, { name: 'jail_list', state: 'value_absent', value: 'www' }]);
    expect(commands(plan)).toEqual([`sysrc -f /etc/rc.conf jail_list=`]);
    expect(plan.diffs[0]?.after).toBe('jail_list=""\n');
  });

  it('requires a value except for absent', () => {
    expect(sysrcModule.schema.safeParse({ name: 'x', state: 'value_present' }).success).toBe(false);
    expect(sysrcModule.schema.safeParse({ name: 'x', state: 'absent' }).success).toBe(true);
    expect(sysrcModule.schema.safeParse({ name: 'bad-name', value: 'a' }).success).toBe(false);
  });
});
