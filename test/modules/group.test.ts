/**
 * The group module: pw groupadd / groupmod -g / groupdel (usr.sbin/pw/pw.8)
 * planned from `pw groupshow -a` (gr_make lines: name:passwd:gid:members),
 * on the host and in a jail; then on the simulator with a second run.
 */
import { describe, expect, it } from 'vitest';
import { groupModule } from '../../src/modules/group/index.js';
import { simHost } from '../helpers/sim-host.js';
import { applier, commands, ok, planOne, type Captured, type Task } from './harness.js';

const ACCOUNTS = "pw usershow -a && printf '%s\\n' @@jailfleet-groups && pw groupshow -a";
const IN_WWW = "jexec -l www /bin/sh -c 'pw usershow -a && printf '\\''%s\\n'\\'' @@jailfleet-groups && pw groupshow -a'";
const hostWith = (groups: string[]): Captured => ({
  [ACCOUNTS]: ok(['root:*:0:0::0:0:Charlie &:/root:/bin/sh', 'bob:*:1001:1001::0:0:Bob:/home/bob:/bin/sh', '@@jailfleet-groups', 'wheel:*:0:root', 'bob:*:1001:', ...groups, ''].join('\n')),
});
const group = (args: Record<string, unknown>): Task => [groupModule, { name: 'devs', ...args }];

describe('group: planned', () => {
  it('adds a group, with or without a gid', () => {
    const plan = planOne(hostWith([]), group({ gid: 2000 }));
    expect(plan).toMatchObject({ changed: true, message: 'group devs added', diffs: [{ label: 'group devs', before: '', after: 'gid: 2000\n' }] });
    expect(commands(plan)).toEqual(['pw groupadd -n devs -g 2000']);
    expect(plan.steps[0]!.changes).toEqual(['path:/etc/group', 'path:/var/log/userlog']);
    expect(commands(planOne(hostWith([]), group({})))).toEqual(['pw groupadd -n devs']);
  });

  it('changes a gid with groupmod; nothing when it is as declared; removes with groupdel', () => {
    const plan = planOne(hostWith(['devs:*:2000:bob']), group({ gid: '2100' }));
    expect(commands(plan)).toEqual(['pw groupmod -n devs -g 2100']);
    expect(plan).toMatchObject({ message: 'group devs: gid 2000 -> 2100', diffs: [{ before: 'gid: 2000\n', after: 'gid: 2100\n' }] });
    expect(planOne(hostWith(['devs:*:2000:bob']), group({ gid: 2000 }))).toEqual({ changed: false, message: 'group devs is as declared', steps: [], diffs: [], updates: [] });
    expect(planOne(hostWith(['devs:*:2000:bob']), group({}))).toMatchObject({ changed: false });
    expect(commands(planOne(hostWith(['devs:*:2000:']), group({ state: 'absent' })))).toEqual(['pw groupdel -n devs']);
    expect(planOne(hostWith([]), group({ state: 'absent' }))).toMatchObject({ changed: false, message: 'group devs is absent' });
  });

  it('refuses a gid another group has, and removing a user\'s primary group', () => {
    expect(() => planOne(hostWith(['devs:*:2000:']), group({ gid: 1001 }))).toThrow('gid 1001 already belongs to group bob');
    expect(() => planOne(hostWith([]), [groupModule, { name: 'bob', state: 'absent' }])).toThrow('group bob is the primary group of user bob');
  });

  it('in a jail: through jexec -l', () => {
    const plan = planOne({ [IN_WWW]: hostWith([])[ACCOUNTS]! }, group({ gid: 2000, jail: 'www' }));
    expect(commands(plan)).toEqual(['jexec -l www pw groupadd -n devs -g 2000']);
    expect(plan.steps[0]).toMatchObject({ title: 'pw groupadd devs in jail www', changes: ['jail:www'] });
  });

  it('rejects a bad name or gid', () => {
    expect(groupModule.schema.safeParse({ name: 'a b' }).success).toBe(false);
    expect(groupModule.schema.safeParse({ name: 'devs', gid: 'x' }).success).toBe(false);
  });
});

describe('group: on the simulator', () => {
  it('adds, changes the gid, removes; every second run changes nothing', () => {
    const sim = simHost('h1', { address: '192.0.2.23' });
    const run = applier((c) => sim.exec(c));
    const line = () => sim.fs.readFile('/etc/group').split('\n').find((l) => l.startsWith('devs:'));
    expect(run(group({ gid: 2000 })).changed).toBe(true);
    expect(line()).toBe('devs:*:2000:');
    expect(run(group({ gid: 2000 })).changed).toBe(false);
    expect(run(group({ gid: 2100 })).changed).toBe(true);
    expect(line()).toBe('devs:*:2100:');
    expect(run(group({ state: 'absent' })).changed).toBe(true);
    expect(line()).toBeUndefined();
    expect(run(group({ state: 'absent' })).changed).toBe(false);
  });
});
