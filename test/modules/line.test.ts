import { TEMP_CLEANUP } from '../../src/modules/file-edit/atomic-write.js';
import { describe, expect, it } from 'vitest';
import { lineModule } from '../../src/modules/line/index.js';
import { copyModule } from '../../src/modules/copy/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { absent, commands, context, fileCmd, lsFile, NASTY, NASTY_QUOTED, play, planOne, type Captured } from './harness.js';

const SSHD = '/etc/ssh/sshd_config';
const sshdConfig = '#Port 22\n#ListenAddress 0.0.0.0\n#ListenAddress ::\nPermitRootLogin no\n';
const fresh: Captured = { [fileCmd(SSHD)]: lsFile(SSHD, sshdConfig) };
const listen = { path: SSHD, regexp: '^#?ListenAddress ', line: 'ListenAddress 192.0.2.23' };

const write = (path: string, dir: string, quotedContent: string, mode = '0644', chown = ' && chown root:wheel "$t"') =>
  `${TEMP_CLEANUP}t=$(mktemp ${dir}/.jailfleet.XXXXXX) && printf '%s' ${quotedContent} > "$t" && chmod ${mode} "$t"${chown} && mv -f "$t" ${path} || { rm -f "$t"; exit 1; }`;

describe('line present', () => {
  it('replaces the last matching line, atomically, keeping mode and owner', () => {
    const plan = planOne(fresh, [lineModule, listen]);
    const after = '#Port 22\n#ListenAddress 0.0.0.0\nListenAddress 192.0.2.23\nPermitRootLogin no\n';
    expect(plan).toEqual({
      changed: true,
      message: 'line replaced',
      steps: [{ title: `write ${SSHD}`, command: write(SSHD, '/etc/ssh', `'${after}'`), replaces: SSHD, changes: [`path:${SSHD}`] }],
      diffs: [{ label: SSHD, before: sshdConfig, after }],
      updates: [
        { spec: expect.objectContaining({ key: `file::${SSHD}` }), value: { kind: 'file', content: after, mode: 0o644, owner: 'root', group: 'wheel' } },
      ],
    });
  });

  it('changes nothing on a converged file', () => {
    const converged = { [fileCmd(SSHD)]: lsFile(SSHD, '#ListenAddress 0.0.0.0\nListenAddress 192.0.2.23\n') };
    expect(planOne(converged, [lineModule, listen])).toEqual({
      changed: false, message: `line already present in ${SSHD}`, steps: [], diffs: [], updates: [],
    });
  });

  it('chains: the second task plans against the first one\'s content', () => {
    const [a, b, c] = play(fresh, [
      [lineModule, listen],
      [lineModule, listen],
      [lineModule, { path: SSHD, line: 'UseDNS no' }],
    ]);
    expect(a?.changed).toBe(true);
    expect(b).toMatchObject({ changed: false, steps: [] });
    expect(c?.diffs[0]).toEqual({
      label: SSHD,
      before: '#Port 22\n#ListenAddress 0.0.0.0\nListenAddress 192.0.2.23\nPermitRootLogin no\n',
      after: '#Port 22\n#ListenAddress 0.0.0.0\nListenAddress 192.0.2.23\nPermitRootLogin no\nUseDNS no\n',
    });
  });

  it('without regexp: present anywhere is enough; appending ends an unterminated last line first', () => {
    const p = '/etc/x';
    expect(planOne({ [fileCmd(p)]: lsFile(p, 'a\nb\n') }, [lineModule, { path: p, line: 'a' }]).changed).toBe(false);
    const plan = planOne({ [fileCmd(p)]: lsFile(p, 'a\nb') }, [lineModule, { path: p, line: 'c' }]);
    expect(plan.diffs[0]).toEqual({ label: p, before: 'a\nb', after: 'a\nb\nc\n' });
    expect(plan.message).toBe('line added');
  });

  it('inserts after / before the last anchor match, at BOF, or at EOF when no anchor matches', () => {
    const p = '/etc/x';
    const captured = { [fileCmd(p)]: lsFile(p, 'a\n[s]\nb\n[s]\nc\n') };
    const after = (args: Record<string, unknown>) => planOne(captured, [lineModule, { path: p, line: 'N', ...args }]).diffs[0]?.after;
    expect(after({ insertafter: '^\\[s\\]' })).toBe('a\n[s]\nb\n[s]\nN\nc\n');
    expect(after({ insertbefore: '^\\[s\\]' })).toBe('a\n[s]\nb\nN\n[s]\nc\n');
    expect(after({ insertbefore: 'BOF' })).toBe('N\na\n[s]\nb\n[s]\nc\n');
    expect(after({ insertafter: '^nomatch' })).toBe('a\n[s]\nb\n[s]\nc\nN\n');
    expect(after({ regexp: '^zzz', insertafter: '^a' })).toBe('a\nN\n[s]\nb\n[s]\nc\n');
  });

  it('inserting after an unterminated last line ends it first', () => {
    const p = '/etc/x';
    const plan = planOne({ [fileCmd(p)]: lsFile(p, 'a\nlast') }, [lineModule, { path: p, line: 'N', insertafter: '^last' }]);
    expect(plan.diffs[0]?.after).toBe('a\nlast\nN\n');
  });

  it('a matched final line without newline gets one (as Ansible)', () => {
    const p = '/etc/x';
    const plan = planOne({ [fileCmd(p)]: lsFile(p, 'x=1') }, [lineModule, { path: p, regexp: '^x=', line: 'x=1' }]);
    expect(plan).toMatchObject({ changed: true, message: 'line replaced' });
    expect(plan.diffs[0]?.after).toBe('x=1\n');
  });

  it('fails on a missing file unless create is set', () => {
    const p = '/etc/x';
    const task = { path: p, line: 'a' };
    expect(() => planOne({ [fileCmd(p)]: absent }, [lineModule, task])).toThrow(PlanError);
    expect(() => planOne({ [fileCmd(p)]: absent }, [lineModule, task])).toThrow('/etc/x does not exist (set create: true)');
    const plan = planOne({ [fileCmd(p)]: absent }, [lineModule, { ...task, create: 'yes' }]);
    expect(plan).toMatchObject({ changed: true, message: '/etc/x created', diffs: [{ label: p, before: '', after: 'a\n' }] });
    // A new file: default mode 0644, owner left to whoever runs the script.
    expect(commands(plan)).toEqual([write(p, '/etc', "'a\n'", '0644', '')]);
  });

  it('backs up with the run id before writing', () => {
    const plan = planOne(fresh, [lineModule, { ...listen, backup: true }], context({ jailfleet_run_id: '20251128T151200-ab12' }));
    expect(commands(plan)[0]).toBe(`cp -p ${SSHD} '${SSHD}.20251128T151200-ab12~'`);
    expect(plan.updates.map((u) => u.spec.key)).toEqual([`file::${SSHD}.20251128T151200-ab12~`, `file::${SSHD}`]);
    expect(plan.message).toBe(`line replaced; backup ${SSHD}.20251128T151200-ab12~`);
    const noRunId = planOne(fresh, [lineModule, { ...listen, backup: true }]);
    expect(commands(noRunId)[0]).toBe(`cp -p ${SSHD} ${SSHD}.bak`);
  });

  it('only fixes attributes when the line is already there', () => {
    const p = '/etc/x';
    const plan = planOne({ [fileCmd(p)]: lsFile(p, 'a\n', '-rw-rw-rw-', 'www', 'www') }, [lineModule, { path: p, line: 'a', mode: '0600', owner: 'root', group: 0 }]);
    expect(commands(plan)).toEqual(['chmod 0600 /etc/x', 'chown root:0 /etc/x']);
    expect(plan.message).toBe('mode 0666 -> 0600; owner www -> root; group www -> 0');
    expect(plan.diffs).toEqual([
      { label: '/etc/x: mode', before: '0666\n', after: '0600\n' },
      { label: '/etc/x: owner', before: 'www\n', after: 'root\n' },
      { label: '/etc/x: group', before: 'www\n', after: '0\n' },
    ]);
  });

  it('quotes a line full of shell metacharacters as one single-quoted word', () => {
    const p = '/etc/x';
    const plan = planOne({ [fileCmd(p)]: lsFile(p, '') }, [lineModule, { path: p, line: NASTY }]);
    expect(commands(plan)).toEqual([write(p, '/etc', `${NASTY_QUOTED.slice(0, -1)}\n'`)]);
  });

  it('refuses a directory, bad regexps and conflicting anchors', () => {
    expect(() => planOne({ [fileCmd('/etc')]: { stdout: 'drwxr-xr-x  2 root  wheel  512 Nov 28 15:12 /etc\n', stderr: '', code: 0 } }, [lineModule, { path: '/etc', line: 'a' }])).toThrow(
      '/etc exists and is not a regular file',
    );
    expect(lineModule.schema.safeParse({ path: '/x', line: 'a', regexp: '(' }).success).toBe(false);
    expect(lineModule.schema.safeParse({ path: '/x', line: 'a', insertafter: 'EOF', insertbefore: 'BOF' }).success).toBe(false);
    expect(lineModule.schema.safeParse({ path: 'relative', line: 'a' }).success).toBe(false);
    expect(lineModule.schema.safeParse({ path: '/x', line: 'a\nb' }).success).toBe(false);
  });

  it('shares the file fact with copy', () => {
    const p = '/usr/local/etc/app.conf';
    const [c, l] = play({ [fileCmd(p)]: absent }, [
      [copyModule, { dest: p, content: 'listen=1\n' }],
      [lineModule, { path: p, line: 'listen=1' }],
    ]);
    expect(c?.changed).toBe(true);
    expect(l).toMatchObject({ changed: false, message: `line already present in ${p}` });
  });
});

describe('line absent', () => {
  const p = '/etc/syslog.conf';
  const conf = '*.err;kern.warning\t/dev/console\n*.notice\t/var/log/messages\n*.err\t/dev/console\n';

  it('removes every matching line', () => {
    const plan = planOne({ [fileCmd(p)]: lsFile(p, conf) }, [lineModule, { path: p, regexp: '/dev/console$', state: 'absent' }]);
    expect(plan).toMatchObject({ changed: true, message: '2 line(s) removed', diffs: [{ label: p, before: conf, after: '*.notice\t/var/log/messages\n' }] });
    expect(commands(plan)).toEqual([write(p, '/etc', `'*.notice\t/var/log/messages\n'`)]);
  });

  it('changes nothing when no line matches or the file is missing', () => {
    expect(planOne({ [fileCmd(p)]: lsFile(p, 'x\n') }, [lineModule, { path: p, line: 'y', state: 'absent' }])).toMatchObject({
      changed: false, message: `no matching line in ${p}`,
    });
    expect(planOne({ [fileCmd(p)]: absent }, [lineModule, { path: p, line: 'y', state: 'absent' }])).toMatchObject({
      changed: false, message: `${p} does not exist`,
    });
  });
});
