import { TEMP_CLEANUP } from '../../src/modules/file-edit/atomic-write.js';
import { describe, expect, it } from 'vitest';
import { sysctlModule } from '../../src/modules/sysctl/index.js';
import { lineModule } from '../../src/modules/line/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { absent, commands, fail, factsOf, fileCmd, lsFile, NASTY, NASTY_QUOTED, ok, play, planOne, type Captured } from './harness.js';
import { fileOn, simHost } from '../engine/engine-harness.js';
import { checkApplyAgain, statuses } from './sim-contract.js';

const NAME = 'security.jail.set_hostname_allowed';
const CONF = '/etc/sysctl.conf';
const GET = `sysctl -n ${NAME}`;
const task = { name: NAME, value: 0 };
const fresh: Captured = { [GET]: ok('1\n'), [fileCmd(CONF)]: lsFile(CONF, '# $FreeBSD$\n#\n') };

describe('sysctl', () => {
  it('sets the runtime value and appends the setting to sysctl.conf', () => {
    const plan = planOne(fresh, [sysctlModule, task]);
    expect(plan).toMatchObject({
      changed: true,
      message: `${NAME}: 1 -> 0; ${CONF}: ${NAME}=0 added`,
      diffs: [
        { label: `sysctl ${NAME}`, before: '1\n', after: '0\n' },
        { label: CONF, before: '# $FreeBSD$\n#\n', after: `# $FreeBSD$\n#\n${NAME}=0\n` },
      ],
    });
    expect(commands(plan)).toEqual([
      `sysctl ${NAME}=0`,
      `${TEMP_CLEANUP}t=$(mktemp /etc/.jailfleet.XXXXXX) && printf '%s' '# $FreeBSD$\n#\n${NAME}=0\n' > "$t" && chmod 0644 "$t" && chown root:wheel "$t" && mv -f "$t" ${CONF} || { rm -f "$t"; exit 1; }`,
    ]);
    expect(plan.updates.map((u) => [u.spec.key, u.value])).toEqual([
      [`sysctl::${NAME}`, { kind: 'value', value: '0' }],
      [`file::${CONF}`, { kind: 'file', content: `# $FreeBSD$\n#\n${NAME}=0\n`, mode: 0o644, owner: 'root', group: 'wheel' }],
    ]);
  });

  it('changes nothing when converged, and a chained repeat changes nothing', () => {
    const converged: Captured = { [GET]: ok('0\n'), [fileCmd(CONF)]: lsFile(CONF, `${NAME}=0\n`) };
    expect(planOne(converged, [sysctlModule, task])).toEqual({
      changed: false, message: `${NAME} is already 0`, steps: [], diffs: [], updates: [],
    });
    const [, again, line] = play(fresh, [[sysctlModule, task], [sysctlModule, task], [lineModule, { path: CONF, line: `${NAME}=0` }]]);
    expect(again).toMatchObject({ changed: false, steps: [] });
    expect(line).toMatchObject({ changed: false });
  });

  it('replaces the last setting line, keeping indentation, trailing comment and other lines', () => {
    const conf = `${NAME}=1\nkern.x=2\n  ${NAME}=1 # jails may not rename\n`;
    const plan = planOne({ [GET]: ok('0\n'), [fileCmd(CONF)]: lsFile(CONF, conf) }, [sysctlModule, task]);
    expect(plan.diffs).toEqual([{ label: CONF, before: conf, after: `${NAME}=1\nkern.x=2\n  ${NAME}=0 # jails may not rename\n` }]);
    expect(plan.message).toBe(`${CONF}: ${NAME} 1 -> 0`);
  });

  it('creates a missing sysctl.conf', () => {
    const plan = planOne({ [GET]: ok('0\n'), [fileCmd(CONF)]: absent }, [sysctlModule, task]);
    expect(commands(plan)).toEqual([
      `${TEMP_CLEANUP}t=$(mktemp /etc/.jailfleet.XXXXXX) && printf '%s' '${NAME}=0\n' > "$t" && chmod 0644 "$t" && mv -f "$t" ${CONF} || { rm -f "$t"; exit 1; }`,
    ]);
  });

  it('fails with sysctl\'s message on an unknown oid', () => {
    const captured: Captured = { 'sysctl -n net.inet.nope': fail(1, "sysctl: unknown oid 'net.inet.nope'\n"), [fileCmd(CONF)]: lsFile(CONF, '') };
    expect(() => planOne(captured, [sysctlModule, { name: 'net.inet.nope', value: 1 }])).toThrow(PlanError);
    expect(() => planOne(captured, [sysctlModule, { name: 'net.inet.nope', value: 1 }])).toThrow("sysctl: unknown oid 'net.inet.nope'");
  });

  it('reads only what it will set: persist false / runtime false', () => {
    expect(factsOf([sysctlModule, { ...task, persist: false }]).map((f) => f.command)).toEqual([GET]);
    expect(factsOf([sysctlModule, { ...task, runtime: 'no' }]).map((f) => f.command)).toEqual([fileCmd(CONF)]);
    expect(factsOf([sysctlModule, { ...task, reload: false }]).map((f) => f.command)).toEqual([fileCmd(CONF)]);
  });

  it('refuses to persist a value sysctl.conf cannot hold', () => {
    expect(() => planOne({ [GET]: ok('a\n'), [fileCmd(CONF)]: lsFile(CONF, '') }, [sysctlModule, { name: NAME, value: 'a b' }])).toThrow(
      `${NAME}: ${CONF} cannot hold an empty value or one with white space (persist: false to set it at runtime only)`,
    );
  });

  it('quotes a runtime value as one single-quoted word', () => {
    const plan = planOne({ 'sysctl -n kern.hostname': ok('old\n') }, [sysctlModule, { name: 'kern.hostname', value: `${NASTY}\nx`, persist: false }]);
    expect(commands(plan)).toEqual([`sysctl 'kern.hostname=${NASTY_QUOTED.slice(1, -1)}\nx'`]);
  });

  it('writes booleans as 1/0 and validates names', () => {
    expect(sysctlModule.schema.parse({ name: NAME, value: true }).value).toBe('1');
    expect(sysctlModule.schema.safeParse({ name: '-a', value: 1 }).success).toBe(false);
    expect(sysctlModule.schema.safeParse({ name: 'a b', value: 1 }).success).toBe(false);
  });
});

describe('sysctl: ansible.posix.sysctl arguments', () => {
  const LOCAL = '/etc/sysctl.conf.local';

  it('sysctl_file is path; sysctl_set and reload set the running value, reload: false only writes the file', () => {
    const cmds = (args: Record<string, unknown>) => factsOf([sysctlModule, { ...task, ...args }]).map((f) => f.command);
    expect(cmds({ sysctl_file: LOCAL })).toEqual([GET, fileCmd(LOCAL)]);
    expect(cmds({ reload: false })).toEqual([fileCmd(CONF)]);
    expect(cmds({ reload: false, sysctl_set: true })).toEqual([GET, fileCmd(CONF)]);
    expect(cmds({ sysctl_set: false })).toEqual([GET, fileCmd(CONF)]);
    expect(sysctlModule.schema.safeParse({ ...task, path: CONF, sysctl_file: LOCAL }).success).toBe(false);
    expect(sysctlModule.schema.safeParse({ ...task, runtime: false, sysctl_set: true }).success).toBe(false);
  });

  it('ignoreerrors: an unknown oid is skipped at runtime and still written to the file', () => {
    const unknown = fail(1, "sysctl: unknown oid 'net.inet.nope'\n");
    const captured: Captured = { 'sysctl -n net.inet.nope': unknown, [fileCmd(CONF)]: lsFile(CONF, '') };
    const plan = planOne(captured, [sysctlModule, { name: 'net.inet.nope', value: 1, ignoreerrors: true }]);
    expect(plan.message).toBe('net.inet.nope: unknown oid ignored (ignoreerrors); /etc/sysctl.conf: net.inet.nope=1 added');
    expect(commands(plan)).toHaveLength(1);
    const converged: Captured = { 'sysctl -n net.inet.nope': unknown, [fileCmd(CONF)]: lsFile(CONF, 'net.inet.nope=1\n') };
    expect(planOne(converged, [sysctlModule, { name: 'net.inet.nope', value: 1, ignoreerrors: 'yes' }])).toEqual({
      changed: false, message: 'net.inet.nope: unknown oid ignored (ignoreerrors); /etc/sysctl.conf already sets 1', steps: [], diffs: [], updates: [],
    });
  });

  it('on a simulated host: key/val/sysctl_file/sysctl_set through the alias; check, apply, a second apply that runs nothing', async () => {
    const sim = simHost('h1');
    const tasks = [
      { name: 'forwarding', 'ansible.posix.sysctl': { key: 'net.inet.ip.forwarding', val: 1, sysctl_set: true, sysctl_file: LOCAL } },
      { name: 'unknown', 'ansible.posix.sysctl': { name: 'net.inet.nope', value: 1, sysctl_file: LOCAL, ignoreerrors: true } },
    ];
    const runs = await checkApplyAgain(sim, tasks, () => expect(sim.exec('sysctl -n net.inet.ip.forwarding').stdout).toBe('0\n'));
    expect(statuses(runs.check)).toEqual([['forwarding', 'changed'], ['unknown', 'changed']]);
    expect(runs.apply[0]?.diffs).toEqual([
      { label: 'sysctl net.inet.ip.forwarding', before: '0\n', after: '1\n' },
      { label: LOCAL, before: '', after: 'net.inet.ip.forwarding=1\n' },
    ]);
    expect(sim.exec('sysctl -n net.inet.ip.forwarding').stdout).toBe('1\n');
    expect(fileOn(sim, LOCAL)).toBe('net.inet.ip.forwarding=1\nnet.inet.nope=1\n');
    expect(statuses(runs.again)).toEqual([['forwarding', 'ok'], ['unknown', 'ok']]);
    expect(runs.sentAgain).toEqual([]);
  });
});
