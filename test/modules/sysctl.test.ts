import { TEMP_CLEANUP } from '../../src/modules/file-edit/atomic-write.js';
import { describe, expect, it } from 'vitest';
import { sysctlModule } from '../../src/modules/sysctl/index.js';
import { lineModule } from '../../src/modules/line/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { absent, commands, fail, factsOf, fileCmd, lsFile, NASTY, NASTY_QUOTED, ok, play, planOne, type Captured } from './harness.js';

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
