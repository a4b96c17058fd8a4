/**
 * The cron module: jobs as Ansible's cron module writes them (a
 * "#Ansible: NAME" line, then the job; "#" in front when disabled; the user
 * column only in a system crontab, crontab(5)), installed with
 * `crontab -u USER -` (crontab(1): the file "-" is stdin) or written to a
 * file of /etc/cron.d; then on the simulator, with a second run.
 */
import { describe, expect, it } from 'vitest';
import { TEMP_CLEANUP } from '../../src/modules/file-edit/atomic-write.js';
import { cronModule } from '../../src/modules/cron/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { userModule } from '../../src/modules/user/index.js';
import { writeBaseSystem } from '../../src/sim/seed.js';
import { simHost } from '../helpers/sim-host.js';
import { absent, applier, commands, fail, fileCmd, lsFile, NASTY, ok, planOne, play, type Task } from './harness.js';

const LIST = 'crontab -u root -l';
const NONE = fail(1, 'crontab: no crontab for root\n');
const cron = (args: Record<string, unknown>): Task => [cronModule, { name: 'backup', job: '/usr/local/bin/backup', ...args }];
const OTHER = 'MAILTO=ops@example.org\n@daily /usr/bin/true\n';

describe('cron: a user\'s crontab', () => {
  it('adds a named job at the end of the crontab, through crontab -u USER -', () => {
    const plan = planOne({ [LIST]: ok(OTHER) }, cron({ minute: 0, hour: '3' }));
    const after = `${OTHER}#Ansible: backup\n0 3 * * * /usr/local/bin/backup\n`;
    expect(commands(plan)).toEqual([`printf '%s' '${after}' | crontab -u root -`]);
    expect(plan).toMatchObject({
      changed: true,
      message: "cron job backup added to root's crontab",
      diffs: [{ label: 'crontab -u root', before: OTHER, after }],
      steps: [{ title: 'crontab -u root -', changes: ['path:/var/cron/tabs/root', 'node:/var/cron/tabs'] }],
    });
    expect(plan.updates.map((u) => [u.spec.key, u.value])).toEqual([['crontab::root', { kind: 'tab', content: after }]]);
  });

  it('changes the job under its marker in place; a converged job changes nothing; a chained repeat neither', () => {
    const tab = `#Ansible: backup\n0 3 * * * /usr/local/bin/backup\n${OTHER}`;
    const plan = planOne({ [LIST]: ok(tab) }, cron({ special_time: 'daily', disabled: true }));
    expect(plan.diffs[0]!.after).toBe(`#Ansible: backup\n#@daily /usr/local/bin/backup\n${OTHER}`);
    expect(plan.message).toBe("cron job backup changed in root's crontab");
    expect(planOne({ [LIST]: ok(tab) }, cron({ minute: '0', hour: 3 }))).toEqual({
      changed: false, message: "cron job backup is as declared in root's crontab", steps: [], diffs: [], updates: [],
    });
    const [first, again] = play({ [LIST]: NONE }, [cron({ hour: 4 }), cron({ hour: 4 })]);
    expect(first!.changed).toBe(true);
    expect(again).toMatchObject({ changed: false, steps: [] });
  });

  it('removes the job and its marker; the last job removes the crontab (crontab -r)', () => {
    const tab = `${OTHER}#Ansible: backup\n0 3 * * * /usr/local/bin/backup\n`;
    expect(commands(planOne({ [LIST]: ok(tab) }, cron({ state: 'absent' })))).toEqual([`printf '%s' '${OTHER}' | crontab -u root -`]);
    const last = planOne({ [LIST]: ok('#Ansible: backup\n0 3 * * * /usr/local/bin/backup\n') }, cron({ state: 'absent' }));
    expect(commands(last)).toEqual(['crontab -u root -r']);
    expect(last.updates.map((u) => u.value)).toEqual([{ kind: 'none' }]);
    expect(planOne({ [LIST]: NONE }, cron({ state: 'absent' }))).toMatchObject({ changed: false, message: "cron job backup is not in root's crontab" });
  });

  it('another user; a user that does not exist is a plan error', () => {
    expect(commands(planOne({ 'crontab -u www -l': fail(1, 'crontab: no crontab for www\n') }, cron({ user: 'www' })))).toEqual([
      "printf '%s' '#Ansible: backup\n* * * * * /usr/local/bin/backup\n' | crontab -u www -",
    ]);
    expect(() => planOne({ 'crontab -u bob -l': fail(1, "crontab: user `bob' unknown\n") }, cron({ user: 'bob' }))).toThrow(PlanError);
  });

  it('a job with every shell character reaches the crontab as written', () => {
    const sim = simHost('h2', { address: '192.0.2.24' });
    applier((c) => sim.exec(c))(cron({ job: NASTY }));
    expect(sim.exec('crontab -l').stdout).toBe(`#Ansible: backup\n* * * * * ${NASTY}\n`);
  });

  it('in a jail: crontab through jexec -l, the jail as the only scope', () => {
    const plan = planOne({ 'jexec -l www crontab -u root -l': fail(1, 'crontab: no crontab for root\n') }, cron({ jail: 'www', special_time: 'hourly' }));
    expect(commands(plan)).toEqual(["printf '%s' '#Ansible: backup\n@hourly /usr/local/bin/backup\n' | jexec -l www crontab -u root -"]);
    expect(plan).toMatchObject({ message: "cron job backup added to root's crontab in jail www", steps: [{ title: 'crontab -u root - in jail www', changes: ['jail:www'] }] });
    expect(cronModule.schema.safeParse({ name: 'x', job: 'true', jail: 'www', cron_file: 'x' }).success).toBe(false);
    // jexec's own error is no crontab state: the task fails, naming the jail.
    expect(() => planOne({ 'jexec -l db crontab -u root -l': fail(1, 'jexec: jail "db" not found\n') }, cron({ jail: 'db' }))).toThrow('jail db is not running');
  });

  it('rejects what would break the crontab line', () => {
    const ok_ = (args: Record<string, unknown>) => cronModule.schema.safeParse({ name: 'x', job: 'true', ...args }).success;
    expect(ok_({ minute: '0 3' })).toBe(false);
    expect(ok_({ job: 'a\nb' })).toBe(false);
    expect(ok_({ special_time: 'daily', hour: 3 })).toBe(false);
    expect(ok_({ special_time: 'fortnightly' })).toBe(false);
    expect(cronModule.schema.safeParse({ name: 'x' }).success).toBe(false);
    expect(ok_({ cron_file: 'a.b' })).toBe(false);
  });
});

describe('cron: a file in /etc/cron.d', () => {
  const FILE = '/etc/cron.d/backup';

  it('writes the job with its user column, atomically, 0644', () => {
    const plan = planOne({ [fileCmd(FILE)]: absent }, cron({ cron_file: 'backup', user: 'operator', minute: '*/15' }));
    const content = '#Ansible: backup\n*/15 * * * * operator /usr/local/bin/backup\n';
    expect(commands(plan)).toEqual([
      `${TEMP_CLEANUP}t=$(mktemp /etc/cron.d/.jailfleet.XXXXXX) && printf '%s' '${content}' > "$t" && chmod 0644 "$t" && mv -f "$t" ${FILE} || { rm -f "$t"; exit 1; }`,
    ]);
    expect(plan.message).toBe(`${FILE} created`);
  });

  it('removes the job; a file left with no job is removed', () => {
    const two = '#Ansible: backup\n0 3 * * * root /usr/local/bin/backup\n#Ansible: other\n@hourly root /bin/date\n';
    expect(planOne({ [fileCmd(FILE)]: lsFile(FILE, two) }, cron({ cron_file: FILE, state: 'absent' })).diffs[0]!.after).toBe('#Ansible: other\n@hourly root /bin/date\n');
    const one = planOne({ [fileCmd(FILE)]: lsFile(FILE, '#Ansible: backup\n0 3 * * * root /usr/local/bin/backup\n') }, cron({ cron_file: FILE, state: 'absent' }));
    expect(commands(one)).toEqual([`rm -f ${FILE}`]);
    expect(one.updates.map((u) => u.value)).toEqual([{ kind: 'absent' }]);
  });
});

describe('cron: on the simulator', () => {
  it('a user, then jobs in its crontab and in /etc/cron.d; every second run changes nothing', () => {
    const sim = simHost('h1', { address: '192.0.2.23' });
    const run = applier((c) => sim.exec(c));
    const bobs = cron({ user: 'bob', minute: 5, hour: 4, weekday: 'mon-fri' });
    expect(() => run(bobs)).toThrow('user bob does not exist');
    expect(run([userModule, { name: 'bob' }]).changed).toBe(true);
    expect(run(bobs).changed).toBe(true);
    expect(sim.exec('crontab -u bob -l').stdout).toBe('#Ansible: backup\n5 4 * * mon-fri /usr/local/bin/backup\n');
    expect(sim.fs.stat('/var/cron/tabs/bob')).toMatchObject({ mode: 0o600, uid: 0 });
    expect(run(bobs).changed).toBe(false);

    const system = cron({ cron_file: 'backup', special_time: 'reboot' });
    expect(run(system).changed).toBe(true);
    expect(sim.fs.readFile('/etc/cron.d/backup')).toBe('#Ansible: backup\n@reboot root /usr/local/bin/backup\n');
    expect(run(system).changed).toBe(false);

    expect(run(cron({ user: 'bob', state: 'absent' })).changed).toBe(true);
    expect(sim.exec('crontab -u bob -l')).toMatchObject({ code: 1, stderr: 'crontab: no crontab for bob\n' });
    expect(run(cron({ user: 'bob', state: 'absent' })).changed).toBe(false);
  });

  it('in a running jail: the jail\'s own spool, not the host\'s', () => {
    const sim = simHost('h3', { address: '192.0.2.25' });
    writeBaseSystem(sim.fs, '/usr/jails/www');
    expect(sim.exec('jail -c name=www path=/usr/jails/www host.hostname=www persist').code).toBe(0);
    const run = applier((c) => sim.exec(c));
    const task = cron({ jail: 'www', minute: 0 });
    expect(run(task).changed).toBe(true);
    expect(sim.fs.stat('/usr/jails/www/var/cron/tabs/root')).toMatchObject({ mode: 0o600, uid: 0 });
    expect(sim.exec('jexec www crontab -l').stdout).toBe('#Ansible: backup\n0 * * * * /usr/local/bin/backup\n');
    expect(sim.fs.exists('/var/cron/tabs/root')).toBe(false);
    expect(run(task).changed).toBe(false);
  });
});
