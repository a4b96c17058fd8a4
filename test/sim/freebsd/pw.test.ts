/**
 * pw(8) on the simulated host, through the shell, on a jail root (-R).
 * Expectations follow usr.sbin/pw (pw.c, pw_user.c, pw_group.c, pw_log.c,
 * bitmap.c), lib/libutil pw_util.c/gr_util.c (pw_make, pw_copy, gr_make),
 * usr.sbin/pwd_mkdb/pwd_mkdb.c (-p: passwd in v7 form) and the atf tests in
 * usr.sbin/pw/tests (pw_useradd_test.sh, pw_groupadd_test.sh).
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { writeBaseSystem } from '../../../src/sim/seed.js';
import { simHost } from '../../helpers/sim-host.js';

const ROOT = '/usr/jails/x';
/** The head of etc/master.passwd as FreeBSD ships it (freebsd-src etc/master.passwd). */
const MASTER =
  '#\nroot::0:0::0:0:Charlie &:/root:/bin/sh\ntoor:*:0:0::0:0:Bourne-again Superuser:/root:\n' +
  'daemon:*:1:1::0:0:Owner of many system processes:/root:/usr/sbin/nologin\n' +
  'www:*:80:80::0:0:World Wide Web Owner:/nonexistent:/usr/sbin/nologin\n' +
  'nobody:*:65534:65534::0:0:Unprivileged user:/nonexistent:/usr/sbin/nologin\n';

function host(master: string | null = MASTER): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  writeBaseSystem(h.fs, ROOT);
  if (master !== null) h.fs.writeFile(`${ROOT}/etc/master.passwd`, master, { mode: 0o600 });
  return h;
}

const read = (h: SimHost, p: string): string => h.fs.readFile(`${ROOT}${p}`);
const tail = (text: string, n: number): string => `${text.trimEnd().split('\n').slice(-n).join('\n')}\n`;

describe('pw -R ROOT useradd / groupadd', () => {
  it('appends the exact lines to master.passwd, passwd and group of that root', () => {
    const h = host();
    expect(h.exec(`pw -R ${ROOT} groupadd devs -g 2000`)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec(`pw -R ${ROOT} useradd bob -u 1001 -g devs -c 'Bob Smith' -d /home/bob -s /bin/sh`)).toEqual({ stdout: '', stderr: '', code: 0 });
    // pw_copy: every line kept, the new pw_make line appended: name:passwd:uid:gid:class:change:expire:gecos:home:shell.
    // The password is "*" (pw.conf defaultpasswd "no").
    expect(read(h, '/etc/master.passwd')).toBe(`${MASTER}bob:*:1001:2000::0:0:Bob Smith:/home/bob:/bin/sh\n`);
    // pwd_mkdb -p: passwd rebuilt in v7 form, comments kept, every password "*".
    expect(read(h, '/etc/passwd')).toBe(
      '#\nroot:*:0:0:Charlie &:/root:/bin/sh\ntoor:*:0:0:Bourne-again Superuser:/root:\n' +
        'daemon:*:1:1:Owner of many system processes:/root:/usr/sbin/nologin\n' +
        'www:*:80:80:World Wide Web Owner:/nonexistent:/usr/sbin/nologin\n' +
        'nobody:*:65534:65534:Unprivileged user:/nonexistent:/usr/sbin/nologin\n' +
        'bob:*:1001:2000:Bob Smith:/home/bob:/bin/sh\n',
    );
    // gr_make: name:*:gid: with no members.
    expect(tail(read(h, '/etc/group'), 2)).toBe('nobody:*:65534:\ndevs:*:2000:\n');
    // pwd_mkdb: master.passwd 0600, passwd 0644 (PERM_INSECURE).
    expect(h.fs.stat(`${ROOT}/etc/master.passwd`)!.mode).toBe(0o600);
    expect(h.fs.stat(`${ROOT}/etc/passwd`)!.mode).toBe(0o644);
    // The host's own files are untouched.
    expect(h.fs.readFile('/etc/passwd')).not.toContain('bob');
  });

  it('gives a new user the next uid and its own group with gid = uid (pw_uidpolicy, pw_gidpolicy)', () => {
    const h = host();
    // bm_lastset() is 0 on an empty range, so the first uid is 1001 (tests: "foo:*:1001:1001::0:0:User &:/home/foo:/bin/sh").
    expect(h.exec(`pw -R ${ROOT} useradd alice`).code).toBe(0);
    expect(tail(read(h, '/etc/master.passwd'), 1)).toBe('alice:*:1001:1001::0:0:User &:/home/alice:/bin/sh\n');
    expect(tail(read(h, '/etc/group'), 1)).toBe('alice:*:1001:\n');
    expect(h.exec(`pw -R ${ROOT} useradd carol`).code).toBe(0);
    expect(tail(read(h, '/etc/master.passwd'), 1)).toBe('carol:*:1002:1002::0:0:User &:/home/carol:/bin/sh\n');
    expect(h.exec(`pw -R ${ROOT} usernext`)).toEqual({ stdout: '1003:1003\n', stderr: '', code: 0 });
  });

  it('creates the home directory and its missing parents with -m (FreeBSD 14: /home, no /usr/home link)', () => {
    const h = host();
    expect(h.exec(`pw -R ${ROOT} useradd bob -u 1001 -d /home/bob -m`).code).toBe(0);
    const home = h.fs.lstat(`${ROOT}/home`)!;
    expect([home.kind, home.mode, home.uid]).toEqual(['dir', 0o755, 0]);
    const bob = h.fs.lstat(`${ROOT}/home/bob`)!;
    expect([bob.kind, bob.mode, bob.uid, bob.gid]).toEqual(['dir', 0o755, 1001, 1001]);
    expect(h.fs.lstat(`${ROOT}/usr/home`)).toBeUndefined();
  });

  it('adds -G groups as members (gr_add, chggrent)', () => {
    const h = host();
    h.fs.writeFile(`${ROOT}/etc/group`, 'wheel:*:0:root\nwww:*:80:\n');
    expect(h.exec(`pw -R ${ROOT} useradd bob -G wheel,www`).code).toBe(0);
    expect(read(h, '/etc/group')).toBe('wheel:*:0:root,bob\nwww:*:80:bob\nbob:*:1001:\n');
  });

  it.each([
    // pw_user_add: GETPWNAM(name) -> errx(EX_DATAERR, "login name `%s' already exists") (tests: user_add_already_exists).
    [`useradd www`, "pw: login name `www' already exists\n", 65],
    // pw_uidpolicy: errx(EX_DATAERR, "uid `%ju' has already been allocated").
    [`useradd bob -u 80`, "pw: uid `80' has already been allocated\n", 65],
    // pw_group_add: errx(EX_DATAERR, "group name `%s' already exists").
    [`groupadd www`, "pw: group name `www' already exists\n", 65],
    // gr_gidpolicy: errx(EX_DATAERR, "gid `%ju' has already been allocated").
    [`groupadd web -g 80`, "pw: gid `80' has already been allocated\n", 65],
    // group_from_name_or_id: errx(EX_NOUSER, "group `%s' does not exist").
    [`useradd bob -g nosuch`, "pw: group `nosuch' does not exist\n", 67],
    // pw_checkname: errx(EX_DATAERR, "invalid character %s at position %td in %s") (tests: user_add_name_with_spaces).
    [`useradd 'b b'`, "pw: invalid character ` ' at position 1 in userid/group name\n", 65],
    [`useradd bob -c 'a:b'`, "pw: invalid character `:' at position 1 in gecos field\n", 65],
    // pw_checkid: errx(EX_USAGE, "Bad id '%s': %s") (tests: user_add_uid_too_large).
    [`useradd bob -u 9999999999999`, "pw: Bad id '9999999999999': too large\n", 64],
    // shell_path: a named shell not found in /bin -> errx(EX_CONFIG, ...) (tests: user_add_bad_shell exit 78).
    [`useradd bob -s badshell`, 'pw: no default shell available or defined\n', 78],
  ])('refuses %s', (cmd, stderr, code) => {
    const h = host();
    const before = read(h, '/etc/master.passwd');
    expect(h.exec(`pw -R ${ROOT} ${cmd}`)).toEqual({ stdout: '', stderr, code });
    expect(read(h, '/etc/master.passwd')).toBe(before);
  });

  it('-o allows a duplicate uid; -q silences the message but not the exit status', () => {
    const h = host();
    expect(h.exec(`pw -R ${ROOT} useradd webmaster -u 80 -g www -o`).code).toBe(0);
    expect(tail(read(h, '/etc/master.passwd'), 1)).toBe('webmaster:*:80:80::0:0:User &:/home/webmaster:/bin/sh\n');
    // -q: freopen(_PATH_DEVNULL, "w", stderr) after the option loop.
    expect(h.exec(`pw -R ${ROOT} useradd www -q`)).toEqual({ stdout: '', stderr: '', code: 65 });
  });

  it('checks the -R directory (pw.c main)', () => {
    const h = host();
    expect(h.exec('pw -R /nonexistent useradd bob')).toEqual({ stdout: '', stderr: "pw: no such directory `/nonexistent'\n", code: 72 });
    expect(h.exec('pw -R/nonexistent useradd bob')).toEqual({ stdout: '', stderr: "pw: Unable to open '/nonexistent'\n", code: 1 });
    expect(h.exec(`pw -R ${ROOT} frobnicate`)).toEqual({ stdout: '', stderr: "pw: unknown keyword `frobnicate'\n", code: 64 });
  });

  it('logs to the host userlog (pw_log: "%Y-%m-%d %T [LOGNAME:whichmode] ...")', () => {
    const h = host();
    h.exec(`pw -R ${ROOT} useradd bob -c Bob`);
    expect(h.fs.readFile('/var/log/userlog')).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[root:groupadd\] bob\(1001\)\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[root:useradd\] bob\(1001\):bob\(1001\):Bob:\/home\/bob:\/bin\/sh\n$/,
    );
  });
});

describe('pw usershow / groupshow', () => {
  it('prints the master.passwd line (pw_make), v7 with -7, and the -P card', () => {
    const h = host();
    h.exec(`pw -R ${ROOT} useradd bob -u 1001 -c 'Bob Smith,Room 1' -d /home/bob`);
    expect(h.exec(`pw -R ${ROOT} usershow bob`)).toEqual({ stdout: 'bob:*:1001:1001::0:0:Bob Smith,Room 1:/home/bob:/bin/sh\n', stderr: '', code: 0 });
    expect(h.exec(`pw -R ${ROOT} usershow 1001 -7`).stdout).toBe('bob:*:1001:1001:Bob Smith,Room 1:/home/bob:/bin/sh\n');
    // print_user pretty: "Login Name: %-15s   #%-12ju Group: %-15s   #%ju\n" ...
    expect(h.exec(`pw -R ${ROOT} usershow bob -P`).stdout).toBe(
      'Login Name: bob               #1001         Group: bob               #1001\n' +
        ' Full Name: Bob Smith\n' +
        '      Home: /home/bob                       Class: \n' +
        '     Shell: /bin/sh                        Office: Room 1\n' +
        'Work Phone: [None]                     Home Phone: [None]\n' +
        'Acc Expire: [None]                     Pwd Expire: [None]\n',
    );
    expect(h.exec(`pw -R ${ROOT} groupshow bob`).stdout).toBe('bob:*:1001:\n');
  });

  it('lists every user with -a, in file order', () => {
    const h = host();
    expect(h.exec(`pw -R ${ROOT} usershow -a`).stdout).toBe(MASTER.slice(2));
    expect(h.exec(`pw -R ${ROOT} groupshow -a`).stdout.split('\n')[0]).toBe('wheel:*:0:root');
  });

  it.each([
    // pw_user_show: errx(EX_NOUSER, "no such user `%s'" / "no such uid `%ju'").
    ['usershow ghost', "pw: no such user `ghost'\n", 67, ''],
    ['usershow 4242', "pw: no such uid `4242'\n", 67, ''],
    // -F prints fakeuser ("nouser", uid/gid (uid_t)-1).
    ['usershow ghost -F', '', 0, 'nouser:*:4294967295:4294967295::0:0:User &:/nonexistent:/bin/sh\n'],
    // getgroup: errx(EX_DATAERR, "unknown group `%s'").
    ['groupshow ghost', "pw: unknown group `ghost'\n", 65, ''],
    ['usershow', 'pw: username or id required\n', 65, ''],
  ])('%s', (cmd, stderr, code, stdout) => {
    expect(host().exec(`pw -R ${ROOT} ${cmd}`)).toEqual({ stdout, stderr, code });
  });

  it('without -R reads the system files', () => {
    const h = host();
    // The seeded /etc/master.passwd is FreeBSD 14.2's: root has an empty password field.
    expect(h.exec('pw usershow root')).toEqual({ stdout: 'root::0:0::0:0:Charlie &:/root:/bin/sh\n', stderr: '', code: 0 });
    expect(h.exec('/usr/sbin/pw groupshow wheel').stdout).toBe('wheel:*:0:root\n');
  });
});

describe('pw on a root that has no master.passwd (a hand-made tree)', () => {
  it('reads its passwd as master.passwd and creates master.passwd on the first change', () => {
    const h = host(null);
    // The simulated base system ships master.passwd now: take it away to test a bare tree.
    h.fs.remove(`${ROOT}/etc/master.passwd`);
    expect(h.exec(`pw -R ${ROOT} usershow sshd`).stdout).toBe('sshd:*:22:22::0:0:Secure Shell Daemon:/var/empty:/usr/sbin/nologin\n');
    expect(h.exec(`pw -R ${ROOT} useradd bob`).code).toBe(0);
    const master = read(h, '/etc/master.passwd');
    expect(master.startsWith('#\nroot:*:0:0::0:0:Charlie &:/root:/bin/sh\n')).toBe(true);
    expect(tail(master, 1)).toBe('bob:*:1001:1001::0:0:User &:/home/bob:/bin/sh\n');
    expect(tail(read(h, '/etc/passwd'), 2)).toBe('nobody:*:65534:65534:Unprivileged user:/nonexistent:/usr/sbin/nologin\nbob:*:1001:1001:User &:/home/bob:/bin/sh\n');
  });
});
