import { TEMP_CLEANUP } from '../../src/modules/file-edit/atomic-write.js';
import { describe, expect, it } from 'vitest';
import { lineModule } from '../../src/modules/line/index.js';
import { copyModule } from '../../src/modules/copy/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { absent, commands, context, fileCmd, lsFile, NASTY, NASTY_QUOTED, play, planOne, type Captured } from './harness.js';
import { fileOn, simHost } from '../engine/engine-harness.js';
import { checkApplyAgain, statuses } from './sim-contract.js';

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

describe('line: Ansible lineinfile arguments', () => {
  const p = '/etc/x';
  const on = (content: string) => ({ [fileCmd(p)]: lsFile(p, content) });
  const after = (content: string, args: Record<string, unknown>) => planOne(on(content), [lineModule, { path: p, ...args }]);

  it('backrefs: the last matching line becomes `line` with \\1 and \\g<name> filled from the match', () => {
    const conf = '  #ListenAddress 0.0.0.0\nPort 22\n\t#ListenAddress 0.0.0.0\n';
    const positional = after(conf, { regexp: '^(\\s*)#ListenAddress (\\S+)$', line: '\\1ListenAddress 192.0.2.23 # was \\2', backrefs: true });
    expect(positional).toMatchObject({ changed: true, message: 'line replaced' });
    expect(positional.diffs[0]?.after).toBe('  #ListenAddress 0.0.0.0\nPort 22\n\tListenAddress 192.0.2.23 # was 0.0.0.0\n');
    // Python's named groups, (?P<name>...), and \g<name> / \g<1>.
    const named = after(conf, { regexp: '^(?P<indent>\\s*)#ListenAddress (\\S+)$', line: '\\g<indent>ListenAddress \\g<2>', backrefs: true, firstmatch: true });
    expect(named.diffs[0]?.after).toBe('  ListenAddress 0.0.0.0\nPort 22\n\t#ListenAddress 0.0.0.0\n');
    // A group that took no part is empty (Python 3.5+).
    expect(after('Port 22\n', { regexp: '^Port (\\d+)(x)?$', line: 'Port \\1\\2!', backrefs: true }).diffs[0]?.after).toBe('Port 22!\n');
  });

  it('backrefs without a match leaves the file as it is, even with insertafter, and does not create it', () => {
    expect(after('Port 22\n', { regexp: '^#?ListenAddress', line: 'ListenAddress 192.0.2.23', backrefs: true, insertafter: '^Port' })).toEqual({
      changed: false, message: `no line matches regexp (backrefs: left unchanged) in ${p}`, steps: [], diffs: [], updates: [],
    });
    expect(planOne({ [fileCmd(p)]: absent }, [lineModule, { path: p, regexp: '^a', line: 'b', backrefs: true, create: true }])).toMatchObject({ changed: false, steps: [] });
    // Without backrefs the same task inserts after the anchor.
    expect(after('Port 22\nX\n', { regexp: '^#?ListenAddress', line: 'ListenAddress 192.0.2.23', insertafter: '^Port' }).diffs[0]?.after).toBe('Port 22\nListenAddress 192.0.2.23\nX\n');
  });

  it('backrefs: bad references and a missing regexp are input errors', () => {
    const bad = (args: Record<string, unknown>) => lineModule.schema.safeParse({ path: p, ...args }).error?.issues.map((i) => i.message);
    expect(bad({ regexp: '^(a)$', line: '\\2', backrefs: true })).toEqual(['backrefs: invalid group reference 2']);
    expect(bad({ regexp: '^(a)$', line: '\\g<nope>', backrefs: true })).toEqual(['backrefs: unknown group name "nope"']);
    expect(bad({ regexp: '^(a)$', line: '\\q', backrefs: true })).toEqual(['backrefs: bad escape "\\q" in replacement "\\q"']);
    expect(bad({ line: 'a', backrefs: true })).toEqual(['regexp is required with backrefs: true']);
    expect(bad({ search_string: 'a', line: 'a', backrefs: true })).toContain('backrefs and search_string are mutually exclusive');
  });

  it('firstmatch: insertafter / insertbefore use the first anchor line, regexp its first match', () => {
    const conf = 'a\n[s]\nb\n[s]\nc\n';
    expect(after(conf, { line: 'N', insertafter: '^\\[s\\]', firstmatch: true }).diffs[0]?.after).toBe('a\n[s]\nN\nb\n[s]\nc\n');
    expect(after(conf, { line: 'N', insertbefore: '^\\[s\\]', firstmatch: 'yes' }).diffs[0]?.after).toBe('a\nN\n[s]\nb\n[s]\nc\n');
    expect(after('x=1\nx=2\n', { regexp: '^x=', line: 'x=3', firstmatch: true }).diffs[0]?.after).toBe('x=3\nx=2\n');
    // The line already right after the first anchor is not added again.
    expect(after('[s]\nN\n[s]\n', { line: 'N', insertafter: '^\\[s\\]', firstmatch: true }).changed).toBe(false);
  });

  it('as Ansible: a regexp that matches nothing still finds the line itself, so it is not added twice', () => {
    expect(after('ListenAddress 192.0.2.23\n', { regexp: '^#ListenAddress', line: 'ListenAddress 192.0.2.23' })).toMatchObject({ changed: false });
    // insertbefore takes BOF only: "EOF" there is a regexp (lineinfile.py compiles it).
    expect(after('a\nEOF marker\nb\n', { line: 'N', insertbefore: 'EOF' }).diffs[0]?.after).toBe('a\nN\nEOF marker\nb\n');
    expect(after('a\n', { line: 'N', insertafter: 'BOF' }).diffs[0]?.after).toBe('N\na\n');
  });

  it('search_string: a literal text, not a pattern; replaces the last line holding it, or removes every one', () => {
    const conf = 'opt[1]=a\nopt1=b\nopt[1]=c\n';
    expect(after(conf, { search_string: 'opt[1]=', line: 'opt[1]=z' }).diffs[0]?.after).toBe('opt[1]=a\nopt1=b\nopt[1]=z\n');
    expect(after(conf, { search_string: 'opt[1]=', line: 'opt[1]=z', firstmatch: true }).diffs[0]?.after).toBe('opt[1]=z\nopt1=b\nopt[1]=c\n');
    expect(after(conf, { search_string: 'opt[1]', state: 'absent' })).toMatchObject({ message: '2 line(s) removed', diffs: [{ after: 'opt1=b\n' }] });
    expect(after(conf, { search_string: 'nothing', line: 'n=1' }).diffs[0]?.after).toBe(`${conf}n=1\n`);
    expect(lineModule.schema.safeParse({ path: p, regexp: 'a', search_string: 'a', line: 'a' }).success).toBe(false);
  });

  it('validate: the check runs on the temp file, after its mode and owner, before the rename', () => {
    const plan = after('Port 22\n', { line: 'UseDNS no', validate: '/usr/sbin/sshd -t -f %s' });
    expect(commands(plan)).toEqual([write(p, '/etc', "'Port 22\nUseDNS no\n'", '0644', ' && chown root:wheel "$t" && /usr/sbin/sshd -t -f "$t"')]);
    // Not folded into a later write of the same file: its check must run.
    expect(plan.steps[0]?.replaces).toBeUndefined();
    // shlex words, quoted one by one; %s inside a word; %% is a literal %.
    const odd = after('', { line: 'a', validate: `sh -c 'test -s "$1" && echo 100%%' sh --file=%s` });
    expect(commands(odd)[0]).toContain(`&& sh -c 'test -s "$1" && echo 100%' sh --file="$t" && mv -f "$t" /etc/x`);
  });

  it('validate must hold exactly one %s (Python formats it with one path)', () => {
    const problems = (validate: string) => lineModule.schema.safeParse({ path: p, line: 'a', validate }).error?.issues.map((i) => i.message);
    expect(problems('sshd -t')).toEqual(['validate must contain %s (the path of the file to check)']);
    expect(problems('diff %s %s')).toEqual(['validate may contain %s only once (Python\'s "validate % path")']);
    expect(problems('check %d %s')).toEqual(['unsupported format character "%d"']);
    expect(problems("check '%s")).toEqual(['no closing quotation']);
  });
});

describe('line: the Ansible arguments on a simulated host', () => {
  const CONF = '/usr/local/etc/app.conf';
  const seeded = () => {
    const sim = simHost('h1');
    sim.exec(`mkdir -p /usr/local/etc && printf '  #ListenAddress 0.0.0.0\\nPort 22\\nopt[1]=a\\n' > ${CONF}`);
    return sim;
  };
  const tasks = [
    { name: 'backrefs', lineinfile: { dest: CONF, regex: '^(\\s*)#?ListenAddress (?:0\\.0\\.0\\.0|192\\.0\\.2\\.23)$', line: '\\1ListenAddress 192.0.2.23', backrefs: true } },
    { name: 'firstmatch', line: { path: CONF, line: 'UseDNS no', insertbefore: '^(Port|opt)', firstmatch: true, validate: 'sh -n %s' } },
    { name: 'search_string', line: { path: CONF, search_string: 'opt[1]=', line: 'opt[1]=b', validate: 'sh -n %s' } },
  ];

  it('check changes nothing, apply writes what the diffs showed, the second apply runs nothing', async () => {
    const sim = seeded();
    const runs = await checkApplyAgain(sim, tasks, () => expect(fileOn(sim, CONF)).toBe('  #ListenAddress 0.0.0.0\nPort 22\nopt[1]=a\n'));
    expect(statuses(runs.check)).toEqual([['backrefs', 'changed'], ['firstmatch', 'changed'], ['search_string', 'changed']]);
    expect(runs.apply.map((t) => t.diffs)).toEqual(runs.check.map((t) => t.diffs));
    expect(runs.apply.map((t) => t.diffs?.[0]?.after)).toEqual([
      '  ListenAddress 192.0.2.23\nPort 22\nopt[1]=a\n',
      '  ListenAddress 192.0.2.23\nUseDNS no\nPort 22\nopt[1]=a\n',
      '  ListenAddress 192.0.2.23\nUseDNS no\nPort 22\nopt[1]=b\n',
    ]);
    expect(fileOn(sim, CONF)).toBe('  ListenAddress 192.0.2.23\nUseDNS no\nPort 22\nopt[1]=b\n');
    expect(statuses(runs.again)).toEqual([['backrefs', 'ok'], ['firstmatch', 'ok'], ['search_string', 'ok']]);
    expect(runs.sentAgain).toEqual([]);
  });

  it('a failing validate fails the task and leaves the file and its directory as they were', async () => {
    const sim = simHost('h1');
    sim.exec(`mkdir -p /usr/local/etc && printf 'Port 22\\n' > ${CONF}`);
    const bad = [{ name: 'bad', line: { path: CONF, line: 'Bogus yes', validate: '/usr/sbin/sshd -t -f %s' } }];
    const { apply } = await checkApplyAgain(sim, bad);
    // sshd(8) -t exits 255 on a bad option; the step's own exit is 1 (its cleanup path).
    expect(apply[0]).toMatchObject({ status: 'failed', step: `write ${CONF}`, exitCode: 1 });
    expect(apply[0]?.stderr).toMatch(/^\/usr\/local\/etc\/\.jailfleet\.\w+: line 2: Bad configuration option: Bogus\r\n/);
    expect(fileOn(sim, CONF)).toBe('Port 22\n');
    expect(sim.exec('ls -a /usr/local/etc').stdout).not.toContain('.jailfleet.');
  });
});
