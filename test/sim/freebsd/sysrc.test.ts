import { beforeEach, describe, expect, it } from 'vitest';
import { emptyState, runner, type Runner } from './harness.js';

const DEFAULTS = `#!/bin/sh
# defaults
rc_conf_files="/etc/rc.conf /etc/rc.conf.local"
sshd_enable="NO"		# Enable sshd
syslogd_flags="-s"		# Flags to syslogd (if enabled).
inetd_flags="-wW -C 60"
if [ -z "\${source_rc_confs_defined}" ]; then
	source_rc_confs_defined="yes"
	source_rc_confs() {
		local i sourced_files
		for i in \${rc_conf_files}; do
			case \${sourced_files} in
			*:$i:*)
				;;
			*)
				sourced_files="\${sourced_files}:$i:"
				if [ -r $i ]; then
					. $i
				fi
				;;
			esac
		done
	}
fi
`;

const CONF = '/tmp/sysrc_test.conf';
let h: Runner;
const sysrc = (...args: string[]) => h.exec(['sysrc', ...args]);

beforeEach(() => {
  h = runner(emptyState());
  h.write('/etc/defaults/rc.conf', DEFAULTS);
});

describe('sysrc: upstream atf cases (tests/sysrc_test.sh @5ecc60f)', () => {
  it('check_variable', () => {
    h.write(CONF, 'test_enable="NO"\ntest_list="item1 item2"\ntest2_list=""\n');
    expect(sysrc('-f', CONF, 'test_enable')).toEqual({ stdout: 'test_enable: NO\n', stderr: '', code: 0 });
    expect(sysrc('-f', CONF, 'test2_list')).toEqual({ stdout: 'test2_list: \n', stderr: '', code: 0 });
    expect(sysrc('-f', CONF, 'test_enable', 'test_list').stdout).toBe('test_enable: NO\ntest_list: item1 item2\n');
    expect(sysrc('-f', CONF, 'noexist')).toEqual({ stdout: '', stderr: "sysrc: unknown variable 'noexist'\n", code: 1 });
    expect(sysrc('-f', CONF, 'test_enable', 'noexist')).toEqual({
      stdout: 'test_enable: NO\n',
      stderr: "sysrc: unknown variable 'noexist'\n",
      code: 1,
    });
  });

  it('set_variable', () => {
    expect(sysrc('-f', CONF, 'test_enable=YES')).toEqual({ stdout: 'test_enable:  -> YES\n', stderr: '', code: 0 });
    expect(h.read(CONF)).toBe('test_enable="YES"\n');
    expect(sysrc('-f', CONF, 'test_enable=YES').stdout).toBe('test_enable: YES -> YES\n');
    expect(h.read(CONF)).toBe('test_enable="YES"\n');
    expect(sysrc('-f', CONF, 'test_enable=NO').stdout).toBe('test_enable: YES -> NO\n');
    expect(h.read(CONF)).toBe('test_enable="NO"\n');
    expect(sysrc('-f', CONF, 'test2_enable=').stdout).toBe('test2_enable:  -> \n');
    expect(h.read(CONF)).toBe('test_enable="NO"\ntest2_enable=""\n');
  });

  it('remove_variable_x_flag', () => {
    h.write(CONF, 'test1_enable="YES"\ntest2_enable="NO"\ntest3_enable=""\n');
    expect(sysrc('-f', CONF, '-x', 'test1_enable')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.read(CONF)).toBe('test2_enable="NO"\ntest3_enable=""\n');
    expect(sysrc('-f', CONF, '-x', 'test2_enable', 'test3_enable').code).toBe(0);
    expect(h.read(CONF)).toBe('');
    expect(sysrc('-f', CONF, '-x', 'noexist')).toEqual({ stdout: '', stderr: "sysrc: unknown variable 'noexist'\n", code: 1 });
  });

  it('append_list', () => {
    expect(sysrc('-f', CONF, 'test_list+=item1').stdout).toBe('test_list:  -> item1\n');
    expect(h.read(CONF)).toBe('test_list="item1"\n');
    expect(sysrc('-f', CONF, 'test_list+=item1').stdout).toBe('test_list: item1 -> item1\n');
    expect(h.read(CONF)).toBe('test_list="item1"\n');
    expect(sysrc('-f', CONF, 'test_list+=item2').stdout).toBe('test_list: item1 -> item1 item2\n');
    expect(h.read(CONF)).toBe('test_list="item1 item2"\n');
  });

  it('subtract_list', () => {
    h.write(CONF, 'test_list="item1 item2"\n');
    expect(sysrc('-f', CONF, 'test_list-=item2').stdout).toBe('test_list: item1 item2 -> item1\n');
    expect(h.read(CONF)).toBe('test_list="item1"\n');
    expect(sysrc('-f', CONF, 'test_list-=item1').stdout).toBe('test_list: item1 -> \n');
    expect(h.read(CONF)).toBe('test_list=""\n');
    expect(sysrc('-f', CONF, 'test_list-=item3').stdout).toBe('test_list:  -> \n');
    expect(sysrc('-f', CONF, 'test2_list-=item1').stdout).toBe('test2_list:  -> \n');
    expect(h.read(CONF)).toBe('test_list=""\ntest2_list=""\n');
  });

  it('multiple_operations', () => {
    expect(sysrc('-f', CONF, 'test1_enable=YES', 'test1_list+=item1').stdout).toBe(
      'test1_enable:  -> YES\ntest1_list:  -> item1\n',
    );
    expect(h.read(CONF)).toBe('test1_enable="YES"\ntest1_list="item1"\n');
    const r = sysrc('-f', CONF, 'test1_enable', 'test1_enable=NO', 'noexist', 'test2_enable=YES', 'test1_list-=item1', 'test2_list+=item3');
    expect(r).toEqual({
      stdout: 'test1_enable: YES\ntest1_enable: YES -> NO\ntest2_enable:  -> YES\ntest1_list: item1 -> \ntest2_list:  -> item3\n',
      stderr: "sysrc: unknown variable 'noexist'\n",
      code: 1,
    });
    expect(h.read(CONF)).toBe('test1_enable="NO"\ntest1_list=""\ntest2_enable="YES"\ntest2_list="item3"\n');
  });

  it('a_flag and f_flag ordering', () => {
    h.write(CONF, 'test_enable="YES"\n');
    expect(sysrc('-f', CONF, '-a')).toEqual({ stdout: 'test_enable: YES\n', stderr: '', code: 0 });
    h.write('/tmp/sysrc2.conf', 'test_list="item1"\ntest_enable="NO"\n');
    expect(sysrc('-f', '/tmp/sysrc2.conf', '-f', CONF, 'test_enable').stdout).toBe('test_enable: YES\n');
    expect(sysrc('-f', CONF, '-f', '/tmp/sysrc2.conf', 'test_enable').stdout).toBe('test_enable: NO\n');
    expect(sysrc('-f', '/tmp/sysrc2.conf', '-f', CONF, '-a').stdout).toBe('test_enable: YES\ntest_list: item1\n');
  });

  it('f_flag: a failed query creates no file, a set does', () => {
    expect(sysrc('-f', CONF, 'noexist').code).toBe(1);
    expect(h.api.fs.exists(CONF)).toBe(false);
    expect(sysrc('-f', CONF, 'test_enable=YES').stdout).toBe('test_enable:  -> YES\n');
    expect(h.api.fs.exists(CONF)).toBe(true);
  });

  it('F_flag', () => {
    h.write('/tmp/sysrc2.conf', 'test_list="item1"\n');
    h.write(CONF, 'test_enable="NO"\n');
    expect(sysrc('-f', CONF, '-F', 'test_enable').stdout).toBe(`test_enable: ${CONF}\n`);
    expect(sysrc('-f', CONF, '-f', '/tmp/sysrc2.conf', '-F', 'test_enable', 'test_list').stdout).toBe(
      `test_enable: ${CONF}\ntest_list: /tmp/sysrc2.conf\n`,
    );
  });

  it('c_flag', () => {
    h.write(CONF, 'test_enable="NO"\ntest_list="item1 item2"\n');
    const code = (...a: string[]) => sysrc('-f', CONF, '-c', ...a).code;
    const cases: Array<[string[], number]> = [
      [['test_enable'], 0],
      [['test_list'], 0],
      [['test_enable', 'test_list'], 0],
      [['noexist'], 1],
      [['test_enable', 'noexist'], 1],
      [['test_enable=NO'], 0],
      [['test_enable=YES'], 1],
      [['noexist=YES'], 1],
      [['test_list+=item1'], 0],
      [['test_list+=item3'], 1],
      [['noexist+=item1'], 1],
      [['test_enable=NO', 'test_list+=item1'], 0],
      [['test_enable=YES', 'test_list+=item1'], 1],
      [['test_enable=NO', 'test_list+=item3'], 1],
      [['test_list-=item3'], 0],
      [['test_list-=item1'], 1],
      [['noexist-=item1'], 1],
      [['test_enable=NO', 'test_list-=item3'], 0],
      [['test_enable=YES', 'test_list-=item1'], 1],
    ];
    for (const [args, want] of cases) expect([args, code(...args)]).toEqual([args, want]);
    expect(sysrc('-f', CONF, '-c', 'noexist1', 'noexist2')).toEqual({
      stdout: '',
      stderr: "sysrc: unknown variable 'noexist1'\nsysrc: unknown variable 'noexist2'\n",
      code: 1,
    });
    expect(sysrc('-f', CONF, '-c', 'test_enable=NO').stdout).toBe('');
    expect(h.read(CONF)).toBe('test_enable="NO"\ntest_list="item1 item2"\n');
  });
});

describe('sysrc: -c -v messages (sysrc @09711cc)', () => {
  it.each([
    ['noexist=YES', 'noexist: not currently set\n', 1],
    ['test_enable=YES', `${CONF}: test_enable: would change from \`NO' to \`YES'\n`, 1],
    ['test_enable=NO', `${CONF}: test_enable: already set to \`NO'\n`, 0],
  ])('%s', (arg, stdout, code) => {
    h.write(CONF, 'test_enable="NO"\n');
    expect(sysrc('-f', CONF, '-c', '-v', arg)).toEqual({ stdout, stderr: '', code });
  });
});

describe('sysrc: rc_conf_files', () => {
  beforeEach(() => {
    h.write('/etc/rc.conf', 'hostname="host1"\nsshd_enable="YES"\n');
  });

  it('reads defaults, then rc.conf, then rc.conf.local (last wins)', () => {
    expect(sysrc('sshd_enable', 'syslogd_flags').stdout).toBe('sshd_enable: YES\nsyslogd_flags: -s\n');
    h.write('/etc/rc.conf.local', 'sshd_enable=NO\n');
    expect(sysrc('sshd_enable').stdout).toBe('sshd_enable: NO\n');
  });

  it('a default-only variable is appended to the first rc_conf_files file', () => {
    expect(sysrc('syslogd_flags=-ss')).toEqual({ stdout: 'syslogd_flags: -s -> -ss\n', stderr: '', code: 0 });
    expect(h.read('/etc/rc.conf')).toBe('hostname="host1"\nsshd_enable="YES"\nsyslogd_flags="-ss"\n');
    expect(h.read('/etc/defaults/rc.conf')).toBe(DEFAULTS);
  });

  it('edits the last file that assigns the variable', () => {
    h.write('/etc/rc.conf.local', '# local\nsshd_enable="YES"\n');
    expect(sysrc('sshd_enable=NO').stdout).toBe('sshd_enable: YES -> NO\n');
    expect(h.read('/etc/rc.conf')).toBe('hostname="host1"\nsshd_enable="YES"\n');
    expect(h.read('/etc/rc.conf.local')).toBe('# local\nsshd_enable="NO"\n');
  });

  it('-v prefixes the file; a new variable names the first file', () => {
    expect(sysrc('-v', 'sshd_enable').stdout).toBe('/etc/rc.conf: sshd_enable: YES\n');
    expect(sysrc('-v', 'inetd_flags').stdout).toBe('/etc/defaults/rc.conf: inetd_flags: -wW -C 60\n');
    expect(sysrc('-v', 'jail_enable=YES').stdout).toBe('/etc/rc.conf: jail_enable:  -> YES\n');
    expect(sysrc('-v', 'sshd_enable=NO').stdout).toBe('/etc/rc.conf: sshd_enable: YES -> NO\n');
  });

  it.each([
    [['-n', 'sshd_enable'], 'YES\n'],
    [['-N', 'sshd_enable'], 'sshd_enable\n'],
    [['-e', 'sshd_enable'], 'sshd_enable="YES"\n'],
    [['-e', '-n', 'sshd_enable'], 'YES\n'],
    [['-n', 'sshd_enable=NO'], 'YES -> NO\n'],
    [['-e', 'sshd_enable=NO'], 'sshd_enable="YES" # -> "NO"\n'],
    [['-N', 'sshd_enable=NO'], 'sshd_enable\n'],
    [['-a'], 'hostname: host1\nsshd_enable: YES\n'],
    [['-a', '-e'], 'hostname="host1"\nsshd_enable="YES"\n'],
    [['-a', '-N'], 'hostname\nsshd_enable\n'],
    [
      ['-A'],
      'hostname: host1\ninetd_flags: -wW -C 60\nrc_conf_files: /etc/rc.conf /etc/rc.conf.local\n' +
        'source_rc_confs_defined: yes\nsshd_enable: YES\nsyslogd_flags: -s\n',
    ],
    [['-l'], '/etc/rc.conf /etc/rc.conf.local\n'],
  ])('sysrc %j', (args, stdout) => {
    expect(sysrc(...args)).toEqual({ stdout, stderr: '', code: 0 });
  });

  it('-q and -i hide the unknown-variable message but keep exit 1', () => {
    expect(sysrc('-q', 'nope')).toEqual({ stdout: '', stderr: '', code: 1 });
    expect(sysrc('-i', 'nope')).toEqual({ stdout: '', stderr: '', code: 1 });
  });

  it('-x deletes every assignment in every rc_conf_files file', () => {
    h.write('/etc/rc.conf', 'sshd_enable="YES"\n# sshd_enable="NO"\nfoo=1\n  sshd_enable=NO # again\n');
    h.write('/etc/rc.conf.local', 'sshd_enable="YES"\n');
    expect(sysrc('-x', 'sshd_enable')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.read('/etc/rc.conf')).toBe('# sshd_enable="NO"\nfoo=1\n');
    expect(h.read('/etc/rc.conf.local')).toBe('');
    expect(sysrc('sshd_enable').stdout).toBe('sshd_enable: NO\n');
  });

  it('usage and bad names', () => {
    const usage =
      'Usage: sysrc [OPTIONS] {name[[+|-]=value] ... | -a | -A | -l | -L [name ...]}\n' +
      "Try `sysrc --help' for more information.\n";
    expect(sysrc()).toEqual({ stdout: '', stderr: usage, code: 1 });
    expect(sysrc('-z', 'x')).toEqual({ stdout: '', stderr: usage, code: 1 });
    expect(sysrc('bad.name=1')).toEqual({
      stdout: '',
      stderr: 'sysrc: bad.name: name contains characters not allowed in shell\n',
      code: 1,
    });
    expect(sysrc('-a', '-x')).toEqual({
      stdout: '',
      stderr: "sysrc: `-x' option incompatible with `-a'/`-A' options (use `-X' to override)\n",
      code: 1,
    });
  });
});

describe('sysrc: in-place editing rules (f_sysrc_set_awk)', () => {
  const cases: Array<[string, string, string, string]> = [
    ['keeps a trailing comment', 'a="1" # keep me\n', 'a=2', 'a="2" # keep me\n'],
    ['single quotes stay single', "a='1' # c\n", 'a=2', "a='2' # c\n"],
    ['unquoted becomes double-quoted', 'a=1 # c\n', 'a=2', 'a="2" # c\n'],
    ['empty becomes double-quoted', 'a=\n', 'a=2', 'a="2"\n'],
    ['empty double quotes stay', 'a=""\n', 'a=2', 'a="2"\n'],
    ['indentation kept', '\t  a="1"\n', 'a=2', '\t  a="2"\n'],
    ['only the last assignment changes', 'a="1"\nb="x"\na="1"\n', 'a=2', 'a="1"\nb="x"\na="2"\n'],
    ['commented assignment untouched', 'a="1"\n#a="0"\n', 'a=2', 'a="2"\n#a="0"\n'],
    ['escaped quotes inside', 'a="x\\"y" #c\n', 'a=2', 'a="2" #c\n'],
    ['semicolon after value', 'a="1"; b="2"\n', 'a=3', 'a="3"; b="2"\n'],
    ['missing trailing newline, in place', 'x=1\na="1"', 'a=2', 'x=1\na="2"\n'],
    ['missing trailing newline, append', 'x="1"', 'b=2', 'x="1"\nb="2"\n'],
    ['$ value: new line appended', 'a="1"\na=$b\n', 'a=2', 'a="1"\na=$b\na="2"\n'],
    ['backtick value: new line appended', 'a=`hostname`\n', 'a=2', 'a=`hostname`\na="2"\n'],
    ['leading blank lines lost (tail -r round trip)', '\n\na="1"\n', 'a=2', 'a="2"\n'],
  ];
  it.each(cases)('%s', (_label, before, arg, after) => {
    h.write(CONF, before);
    expect(sysrc('-f', CONF, arg).code).toBe(0);
    expect(h.read(CONF)).toBe(after);
  });

  it('keeps mode and owner of the edited file', () => {
    h.write(CONF, 'a="1"\n');
    h.api.fs.chmod(CONF, 0o600);
    h.api.fs.chown(CONF, 0, 5);
    sysrc('-f', CONF, 'a=2');
    expect(h.api.fs.stat(CONF)).toMatchObject({ mode: 0o600, uid: 0, gid: 5 });
  });

  it('custom separators for += and -=', () => {
    h.write(CONF, 'p="a,b"\n');
    expect(sysrc('-f', CONF, 'p+=,c,a').stdout).toBe('p: a,b -> a,b,c\n');
    expect(sysrc('-f', CONF, 'p-=,a').stdout).toBe('p: a,b,c -> b,c\n');
    expect(sysrc('-f', CONF, 'p+=/x').stdout).toBe('p: b,c -> b,c /x\n');
  });

  it('reports an unwritable location', () => {
    expect(sysrc('-f', '/nonexistent/x.conf', 'a=1')).toEqual({
      stdout: '',
      stderr: '/usr/sbin/sysrc: cannot create /nonexistent/x.conf: No such file or directory\n',
      code: 1,
    });
  });
});

describe('sysrc -j / -R', () => {
  beforeEach(() => {
    const fs = h.api.fs;
    fs.mkdir('/usr/jail/www/etc/defaults', { parents: true });
    fs.writeFile('/usr/jail/www/etc/defaults/rc.conf', DEFAULTS);
    fs.writeFile('/usr/jail/www/etc/rc.conf', 'sshd_enable="NO"\n');
    h.state.jails.push({ name: 'www', jid: 3, path: '/usr/jail/www', hostname: 'www', ip4: ['192.0.2.50'], params: {}, state: 'ACTIVE' });
  });

  it('-j edits the jail rc.conf, not the host one', () => {
    expect(sysrc('-j', 'www', 'sshd_enable=YES')).toEqual({ stdout: 'sshd_enable: NO -> YES\n', stderr: '', code: 0 });
    expect(h.read('/usr/jail/www/etc/rc.conf')).toBe('sshd_enable="YES"\n');
    expect(h.api.fs.exists('/etc/rc.conf')).toBe(false);
    expect(sysrc('-j', '3', '-n', 'sshd_enable').stdout).toBe('YES\n');
  });

  it('-j with an unknown jail', () => {
    expect(sysrc('-j', 'nope', 'sshd_enable')).toEqual({ stdout: '', stderr: 'jexec: jail "nope" not found\n', code: 1 });
  });

  it('-R works on a root directory, entering a jail rooted there', () => {
    expect(sysrc('-R', '/usr/jail/www', '-v', 'sshd_enable').stdout).toBe('/etc/rc.conf: sshd_enable: NO\n');
    expect(sysrc('-R', '/nonexistent', 'x')).toEqual({ stdout: '', stderr: 'chroot: /nonexistent: No such file or directory\n', code: 1 });
  });
});
