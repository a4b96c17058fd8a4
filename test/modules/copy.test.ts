import { TEMP_CLEANUP } from '../../src/modules/file-edit/atomic-write.js';
import { describe, expect, it } from 'vitest';
import { copyModule } from '../../src/modules/copy/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { absent, commands, context, fileCmd, lsDir, lsFile, NASTY, NASTY_QUOTED, play, planOne } from './harness.js';
import { fileOn, simHost } from '../engine/engine-harness.js';
import { checkApplyAgain, statuses } from './sim-contract.js';

const DEST = '/usr/local/etc/app.conf';
const task = { dest: DEST, content: 'listen=192.0.2.23\n', mode: '0640', owner: 'root', group: 'wheel' };
const WRITE = `${TEMP_CLEANUP}t=$(mktemp /usr/local/etc/.jailfleet.XXXXXX) && printf '%s' 'listen=192.0.2.23\n' > "$t" && chmod 0640 "$t" && chown root:wheel "$t" && mv -f "$t" ${DEST} || { rm -f "$t"; exit 1; }`;

describe('copy', () => {
  it('creates a missing file with its mode and owner in one atomic write', () => {
    const plan = planOne({ [fileCmd(DEST)]: absent }, [copyModule, task]);
    expect(plan).toEqual({
      changed: true,
      message: `${DEST} created`,
      steps: [{ title: `write ${DEST}`, command: WRITE, replaces: DEST, changes: [`path:${DEST}`] }],
      diffs: [{ label: DEST, before: '', after: 'listen=192.0.2.23\n' }],
      updates: [
        { spec: expect.objectContaining({ key: `file::${DEST}` }), value: { kind: 'file', content: 'listen=192.0.2.23\n', mode: 0o640, owner: 'root', group: 'wheel' } },
      ],
    });
  });

  it('changes nothing when content, mode and owner match; a second task chained changes nothing', () => {
    const converged = planOne({ [fileCmd(DEST)]: lsFile(DEST, 'listen=192.0.2.23\n', '-rw-r-----') }, [copyModule, task]);
    expect(converged).toEqual({ changed: false, message: `${DEST} is up to date`, steps: [], diffs: [], updates: [] });
    const [, second] = play({ [fileCmd(DEST)]: absent }, [[copyModule, task], [copyModule, task]]);
    expect(second).toMatchObject({ changed: false, steps: [] });
  });

  it('fixes only mode and owner when the content is right', () => {
    const plan = planOne({ [fileCmd(DEST)]: lsFile(DEST, 'listen=192.0.2.23\n', '-rw-r--r--', 'www', 'www') }, [copyModule, task]);
    expect(commands(plan)).toEqual([`chmod 0640 ${DEST}`, `chown root:wheel ${DEST}`]);
    expect(plan.message).toBe('mode 0644 -> 0640; owner www -> root; group www -> wheel');
    const groupOnly = planOne({ [fileCmd(DEST)]: lsFile(DEST, 'x', '-rw-r--r--', 'root', 'www') }, [copyModule, { dest: DEST, content: 'x', group: 'wheel' }]);
    expect(commands(groupOnly)).toEqual([`chgrp wheel ${DEST}`]);
  });

  it('rewrites changed content keeping the existing mode and owner, with the diff', () => {
    const plan = planOne({ [fileCmd(DEST)]: lsFile(DEST, 'old\n', '-rw-------', 'www', 'staff') }, [copyModule, { dest: DEST, content: 'new\n' }]);
    expect(commands(plan)).toEqual([
      `${TEMP_CLEANUP}t=$(mktemp /usr/local/etc/.jailfleet.XXXXXX) && printf '%s' 'new\n' > "$t" && chmod 0600 "$t" && chown www:staff "$t" && mv -f "$t" ${DEST} || { rm -f "$t"; exit 1; }`,
    ]);
    expect(plan.diffs).toEqual([{ label: DEST, before: 'old\n', after: 'new\n' }]);
    expect(plan.message).toBe('content changed');
  });

  it('puts shell metacharacters and newlines only inside single quotes', () => {
    const plan = planOne({ [fileCmd('/root/x')]: absent }, [copyModule, { dest: '/root/x', content: `${NASTY}\nline2` }]);
    expect(commands(plan)).toEqual([
      `${TEMP_CLEANUP}t=$(mktemp /root/.jailfleet.XXXXXX) && printf '%s' ${NASTY_QUOTED.slice(0, -1)}\nline2' > "$t" && chmod 0644 "$t" && mv -f "$t" /root/x || { rm -f "$t"; exit 1; }`,
    ]);
  });

  it('quotes odd paths, and writes into / without a double slash', () => {
    const odd = "/tmp/a b'c";
    const plan = planOne({ [`if [ -e '/tmp/a b'\\''c' ]; then ls -ldL '/tmp/a b'\\''c' && if [ -f '/tmp/a b'\\''c' ]; then printf '%s\\n' @@jailfleet-content && cat '/tmp/a b'\\''c'; fi; else printf '%s\\n' absent; fi`]: absent }, [copyModule, { dest: odd, content: '' }]);
    expect(commands(plan)).toEqual([`${TEMP_CLEANUP}t=$(mktemp /tmp/.jailfleet.XXXXXX) && printf '%s' '' > "$t" && chmod 0644 "$t" && mv -f "$t" '/tmp/a b'\\''c' || { rm -f "$t"; exit 1; }`]);
    const root = planOne({ [fileCmd('/x')]: absent }, [copyModule, { dest: '/x', content: 'a' }]);
    expect(commands(root)[0]!.slice(TEMP_CLEANUP.length)).toMatch(/^t=\$\(mktemp \/\.jailfleet\.XXXXXX\)/);
  });

  it('takes the content of src from the engine as srcContent', () => {
    const plan = planOne({ [fileCmd(DEST)]: absent }, [copyModule, { dest: DEST, src: 'files/app.conf', srcContent: 'from src\n' }]);
    expect(plan.diffs[0]?.after).toBe('from src\n');
    expect(() => planOne({ [fileCmd(DEST)]: absent }, [copyModule, { dest: DEST, src: 'files/app.conf' }])).toThrow(
      'copy: src files/app.conf was not read by the engine (srcContent missing)',
    );
  });

  it('validates its arguments', () => {
    expect(copyModule.schema.safeParse({ dest: DEST }).success).toBe(false);
    expect(copyModule.schema.safeParse({ dest: DEST, content: 'a', src: 'b' }).success).toBe(false);
    expect(copyModule.schema.safeParse({ dest: DEST, content: 'a', mode: '0999' }).success).toBe(false);
    expect(copyModule.schema.safeParse({ dest: DEST, content: 'a', owner: 'a:b' }).success).toBe(false);
    expect(copyModule.schema.parse({ dest: DEST, content: 'a', mode: 644 }).mode).toBe(0o644);
    expect(copyModule.schema.parse({ dest: '/usr//local/./etc/', content: 'a' }).dest).toBe('/usr/local/etc');
  });

  it('refuses a directory as dest', () => {
    expect(() => planOne({ [fileCmd('/etc')]: lsDir('/etc') }, [copyModule, { dest: '/etc', content: 'a' }])).toThrow(PlanError);
  });
});

describe('copy: Ansible copy arguments', () => {
  const SRC = '/usr/local/share/app/app.conf.sample';

  it('force: false leaves an existing dest alone, content and attributes; a missing one is created', () => {
    const existing = lsFile(DEST, 'mine\n', '-rw-rw-rw-', 'www', 'www');
    expect(planOne({ [fileCmd(DEST)]: existing }, [copyModule, { ...task, force: false }])).toEqual({
      changed: false, message: `${DEST} exists (force: false)`, steps: [], diffs: [], updates: [],
    });
    expect(commands(planOne({ [fileCmd(DEST)]: absent }, [copyModule, { ...task, force: 'no' }]))).toEqual([WRITE]);
  });

  it('remote_src: the content of a file on the host, read as a fact', () => {
    const captured = { [fileCmd(DEST)]: absent, [fileCmd(SRC)]: lsFile(SRC, 'listen=192.0.2.23\n') };
    const plan = planOne(captured, [copyModule, { dest: DEST, src: SRC, remote_src: true, mode: '0640', owner: 'root', group: 'wheel' }]);
    expect(commands(plan)).toEqual([WRITE]);
    expect(plan.diffs).toEqual([{ label: DEST, before: '', after: 'listen=192.0.2.23\n' }]);
    expect(() => planOne({ [fileCmd(DEST)]: absent, [fileCmd(SRC)]: absent }, [copyModule, { dest: DEST, src: SRC, remote_src: true }])).toThrow(
      new PlanError(`copy: src ${SRC} does not exist on the host (remote_src)`),
    );
    expect(() => planOne({ [fileCmd(DEST)]: absent, [fileCmd('/usr/local/share')]: lsDir('/usr/local/share') }, [copyModule, { dest: DEST, src: '/usr/local/share', remote_src: true }])).toThrow(
      'copy: src /usr/local/share is not a regular file (remote_src copies one file)',
    );
    expect(copyModule.schema.safeParse({ dest: DEST, src: 'files/app.conf', remote_src: true }).success).toBe(false);
    expect(copyModule.schema.safeParse({ dest: DEST, content: 'x', remote_src: true }).success).toBe(false);
  });

  it('validate and backup: the old file is kept, the new one checked before the rename', () => {
    const plan = planOne({ [fileCmd(DEST)]: lsFile(DEST, 'old\n') }, [copyModule, { dest: DEST, content: 'new\n', backup: true, validate: 'sh -n %s' }], context({ jailfleet_run_id: 'r1' }));
    expect(commands(plan)).toEqual([
      `cp -p ${DEST} '${DEST}.r1~'`,
      `${TEMP_CLEANUP}t=$(mktemp /usr/local/etc/.jailfleet.XXXXXX) && printf '%s' 'new\n' > "$t" && chmod 0644 "$t" && chown root:wheel "$t" && sh -n "$t" && mv -f "$t" ${DEST} || { rm -f "$t"; exit 1; }`,
    ]);
    expect(copyModule.schema.safeParse({ dest: DEST, content: 'x', validate: 'sh -n' }).success).toBe(false);
  });

  it('on a simulated host: check, apply with diffs, a second apply that runs nothing; a failing validate changes nothing', async () => {
    const sim = simHost('h1');
    sim.exec(`mkdir -p /usr/local/share/app /usr/local/etc && printf 'listen=*\\n' > ${SRC} && printf 'mine\\n' > /usr/local/etc/kept.conf`);
    const tasks = [
      { name: 'remote', 'ansible.builtin.copy': { src: SRC, dest: DEST, remote_src: true, validate: 'sh -n %s' } },
      { name: 'keep', copy: { dest: '/usr/local/etc/kept.conf', content: 'theirs\n', force: false } },
    ];
    const runs = await checkApplyAgain(sim, tasks, () => expect(fileOn(sim, DEST)).toBeUndefined());
    expect(statuses(runs.check)).toEqual([['remote', 'changed'], ['keep', 'ok']]);
    expect(runs.apply[0]?.diffs).toEqual([{ label: DEST, before: '', after: 'listen=*\n' }]);
    expect(fileOn(sim, DEST)).toBe('listen=*\n');
    expect(fileOn(sim, '/usr/local/etc/kept.conf')).toBe('mine\n');
    expect(statuses(runs.again)).toEqual([['remote', 'ok'], ['keep', 'ok']]);
    expect(runs.sentAgain).toEqual([]);

    sim.exec(`printf 'if then\\n' > ${SRC}`);
    const broken = await checkApplyAgain(sim, tasks.slice(0, 1));
    // sh -n: 'Syntax error: "then" unexpected' (the step fails; the copy is not renamed over dest).
    expect(broken.apply[0]).toMatchObject({ status: 'failed', step: `write ${DEST}` });
    expect(broken.apply[0]?.stderr).toContain('Syntax error: "then" unexpected');
    expect(fileOn(sim, DEST)).toBe('listen=*\n');
  });
});
