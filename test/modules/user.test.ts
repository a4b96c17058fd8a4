/**
 * The user module: pw(8) commands (usr.sbin/pw/pw.8: useradd/usermod/userdel
 * with -n, -u, -g, -G, -c, -d, -m, -s, -H 0, -r) planned from the accounts
 * as `pw usershow -a` / `pw groupshow -a` print them (pw_make / gr_make
 * lines), on the host and through `jexec -l JAIL`; then on the simulator:
 * the lines pw writes, and a second run that changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { groupModule } from '../../src/modules/group/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { userModule } from '../../src/modules/user/index.js';
import { writeBaseSystem } from '../../src/sim/seed.js';
import { simHost } from '../helpers/sim-host.js';
import { applier, commands, NASTY, NASTY_QUOTED, ok, planOne, type Captured, type Task } from './harness.js';

const ACCOUNTS = "pw usershow -a && printf '%s\\n' @@jailfleet-groups && pw groupshow -a";
const IN_WWW = "jexec -l www /bin/sh -c 'pw usershow -a && printf '\\''%s\\n'\\'' @@jailfleet-groups && pw groupshow -a'";
const HASH = '$6$rounds=5000$salt$0123456789abcdefghij';
const OLD_HASH = '$6$old$zyxwvutsrq';

const accounts = (users: string[], groups: string[]) =>
  ok(['root:$6$r$roothash:0:0::0:0:Charlie &:/root:/bin/sh', ...users, '@@jailfleet-groups', 'wheel:*:0:root', 'devs:*:2000:', 'ops:*:2001:', ...groups, ''].join('\n'));
const fresh: Captured = { [ACCOUNTS]: accounts([], []) };
const withBob: Captured = {
  [ACCOUNTS]: accounts([`bob:${OLD_HASH}:1001:1001::0:0:Bob:/home/bob:/bin/sh`], ['bob:*:1001:', 'staff:*:20:bob']),
};
const user = (args: Record<string, unknown>): Task => [userModule, { name: 'bob', ...args }];

describe('user: planned', () => {
  it('adds a user with every attribute: one pw useradd, the home made (-m) at /home/NAME', () => {
    const plan = planOne(fresh, user({ uid: 1001, group: 'devs', groups: ['wheel', 'ops'], comment: 'Bob Smith', shell: '/bin/csh' }));
    expect(commands(plan)).toEqual(["pw useradd -n bob -u 1001 -g devs -G wheel,ops -c 'Bob Smith' -d /home/bob -m -s /bin/csh"]);
    expect(plan).toMatchObject({ changed: true, message: 'user bob added', steps: [{ title: 'pw useradd bob' }] });
    expect(plan.diffs).toEqual([
      { label: 'user bob', before: '', after: 'name: bob\nuid: 1001\ngroup: devs\ngroups: wheel,ops\ncomment: Bob Smith\nhome: /home/bob\nshell: /bin/csh\n' },
    ]);
    expect(plan.steps[0]!.changes).toEqual(
      ['/etc/master.passwd', '/etc/passwd', '/etc/pwd.db', '/etc/spwd.db', '/etc/group', '/var/log/userlog', '/var/mail/bob', '/home/bob'].map((p) => `path:${p}`),
    );
  });

  it('gives the encrypted password to pw -H 0 on stdin, never as an argument, and never shows it', () => {
    const plan = planOne(fresh, user({ password: HASH, create_home: false }));
    expect(commands(plan)).toEqual([`printf '%s\\n' '${HASH}' | pw useradd -n bob -H 0`]);
    const shown = JSON.stringify({ message: plan.message, diffs: plan.diffs, titles: plan.steps.map((s) => s.title) });
    expect(shown).not.toContain('salt');
    expect(plan.diffs[0]!.after).toBe('name: bob\npassword: (set)\n');
  });

  it('changes only what differs, in one pw usermod; groups are replaced, or appended to', () => {
    const plan = planOne(withBob, user({ uid: 1001, shell: '/bin/csh', groups: 'devs', comment: 'Bob', password: HASH }));
    expect(commands(plan)).toEqual([`printf '%s\\n' '${HASH}' | pw usermod -n bob -G devs -s /bin/csh -H 0`]);
    expect(plan.message).toBe('user bob: groups staff -> devs, shell /bin/sh -> /bin/csh, password changed');
    expect(plan.diffs).toEqual([{ label: 'user bob', before: 'groups: staff\nshell: /bin/sh\npassword: (set)\n', after: 'groups: devs\nshell: /bin/csh\npassword: (changed)\n' }]);
    const append = planOne(withBob, user({ groups: ['devs'], append: true }));
    expect(commands(append)).toEqual(['pw usermod -n bob -G staff,devs']);
    // Predicted as pw_user_mod leaves them: out of every group, then appended to each listed one.
    const next = append.updates[0]!.value as { groups: Array<{ name: string; members: string[] }> };
    expect(next.groups.filter((g) => g.members.length).map((g) => `${g.name}:${g.members.join(',')}`)).toEqual(['wheel:root', 'devs:bob', 'staff:bob']);
    expect(commands(planOne(withBob, user({ groups: [] })))).toEqual(["pw usermod -n bob -G ''"]);
    expect(commands(planOne(withBob, user({ group: 2000, home: '/usr/home/bob' })))).toEqual(['pw usermod -n bob -g 2000 -d /usr/home/bob -m']);
  });

  it('changes nothing when the user is as declared (update_password: on_create keeps any password)', () => {
    const plan = planOne(withBob, user({ uid: 1001, group: 'bob', groups: ['staff'], comment: 'Bob', home: '/home/bob', shell: '/bin/sh', password: OLD_HASH }));
    expect(plan).toEqual({ changed: false, message: 'user bob is as declared', steps: [], diffs: [], updates: [] });
    expect(planOne(withBob, user({ password: HASH, update_password: 'on_create' })).changed).toBe(false);
    expect(planOne(withBob, user({ groups: 'staff', append: true })).changed).toBe(false);
  });

  it('removes a user (pw userdel, -r with remove), and nothing when absent', () => {
    const plan = planOne(withBob, user({ state: 'absent', remove: true }));
    expect(commands(plan)).toEqual(['pw userdel -n bob -r']);
    expect(plan.message).toBe('user bob removed with its home /home/bob');
    expect(plan.steps[0]!.changes).toContain('path:/var/cron/tabs/bob');
    expect(planOne(fresh, user({ state: 'absent' }))).toMatchObject({ changed: false, message: 'user bob is absent' });
    expect(() => planOne(fresh, [userModule, { name: 'root', state: 'absent' }])).toThrow('refusing to remove user root');
  });

  it('in a jail: the accounts and pw through jexec -l, the jail as the only scope', () => {
    const plan = planOne({ [IN_WWW]: accounts([], []) }, user({ jail: 'www', password: HASH, create_home: false }));
    expect(commands(plan)).toEqual([`printf '%s\\n' '${HASH}' | jexec -l www pw useradd -n bob -H 0`]);
    expect(plan.steps[0]).toMatchObject({ title: 'pw useradd bob in jail www', changes: ['jail:www'] });
  });

  it('a group that does not exist is a plan error, before anything runs', () => {
    expect(() => planOne(fresh, user({ group: 'nosuch' }))).toThrow(PlanError);
    expect(() => planOne(withBob, user({ groups: ['devs', 'nosuch'] }))).toThrow('group nosuch does not exist');
  });

  it('quotes a comment with every shell character as one word, and pw stores it as given', () => {
    expect(commands(planOne(withBob, user({ comment: NASTY })))).toEqual([`pw usermod -n bob -c ${NASTY_QUOTED}`]);
    const sim = simHost('h3', { address: '192.0.2.25' });
    applier((c) => sim.exec(c))(user({ comment: NASTY, create_home: false }));
    expect(sim.fs.readFile('/etc/master.passwd')).toContain(`\nbob:*:1001:1001::0:0:${NASTY}:/home/bob:/bin/sh\n`);
  });

  it('rejects input pw could not take', () => {
    const bad = (args: Record<string, unknown>) => userModule.schema.safeParse({ name: 'bob', ...args }).success;
    expect(bad({ name: '-x' })).toBe(false);
    expect(bad({ name: 'a:b' })).toBe(false);
    expect(bad({ password: 'a:b' })).toBe(false);
    expect(bad({ comment: 'two\nlines' })).toBe(false);
    expect(bad({ shell: 'csh' })).toBe(false);
    expect(bad({ uid: -1 })).toBe(false);
    expect(bad({ groups: 'wheel, ops', createhome: 'no' })).toBe(true);
  });
});

describe('user: on the simulator', () => {
  const sim = simHost('h1', { address: '192.0.2.23' });
  const run = applier((c) => sim.exec(c));
  const line = (file: string, name: string) => sim.fs.readFile(file).split('\n').find((l) => l.startsWith(`${name}:`));

  it('adds, converges, modifies and removes; the second run of each changes nothing', () => {
    expect(run([groupModule, { name: 'devs', gid: 2000 }]).changed).toBe(true);
    const task = user({ uid: 1500, group: 'devs', groups: ['wheel'], comment: 'Bob', shell: '/bin/csh', password: HASH });
    expect(run(task).changed).toBe(true);
    // pw_make: name:passwd:uid:gid:class:change:expire:gecos:home:shell.
    expect(line('/etc/master.passwd', 'bob')).toBe(`bob:${HASH}:1500:2000::0:0:Bob:/home/bob:/bin/csh`);
    expect(line('/etc/group', 'wheel')).toBe('wheel:*:0:root,bob');
    expect(sim.fs.stat('/home/bob')).toMatchObject({ kind: 'dir', uid: 1500, gid: 2000 });
    expect(run(task)).toMatchObject({ changed: false, steps: [] });

    const changed = user({ groups: ['operator'], append: true, shell: '/bin/sh' });
    expect(run(changed).changed).toBe(true);
    expect([line('/etc/group', 'wheel'), line('/etc/group', 'operator')]).toEqual(['wheel:*:0:root,bob', 'operator:*:5:root,bob']);
    expect(run(changed).changed).toBe(false);

    expect(run(user({ state: 'absent', remove: true })).changed).toBe(true);
    expect(line('/etc/master.passwd', 'bob')).toBeUndefined();
    expect(sim.fs.exists('/home/bob')).toBe(false);
    expect(run(user({ state: 'absent', remove: true })).changed).toBe(false);
  });

  it('in a running jail: jexec -l www pw writes the jail\'s files, not the host\'s', () => {
    const host = simHost('h2', { address: '192.0.2.24' });
    writeBaseSystem(host.fs, '/usr/jails/www');
    expect(host.exec('jail -c name=www path=/usr/jails/www host.hostname=www persist').code).toBe(0);
    const apply = applier((c) => host.exec(c));
    const task = user({ jail: 'www', uid: 1200, password: HASH });
    expect(apply(task).changed).toBe(true);
    expect(host.fs.readFile('/usr/jails/www/etc/master.passwd')).toContain(`\nbob:${HASH}:1200:1200::0:0:User &:/home/bob:/bin/sh\n`);
    expect(host.fs.exists('/usr/jails/www/home/bob')).toBe(true);
    expect(host.fs.readFile('/etc/master.passwd')).not.toContain('bob:');
    expect(apply(task).changed).toBe(false);
  });
});
