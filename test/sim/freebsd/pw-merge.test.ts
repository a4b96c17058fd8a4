/**
 * pw(8) as a machine move uses it: merging the old machine's groups and
 * users into a jail root (-R), encrypted passwords on fd 0 (-H 0), and the
 * host's whole account files (usershow -a / groupshow -a). Expectations
 * follow usr.sbin/pw (pw_user.c pw_user_add / pw_set_passwd, pw_group.c,
 * pw_utils.c pw_checkfd), lib/libutil pw_util.c pw_make / pw_copy (comment
 * lines kept, a new entry appended) and gr_util.c gr_make,
 * usr.sbin/pwd_mkdb/pwd_mkdb.c (-p: the v7 passwd), and FreeBSD 14.2's own
 * etc/master.passwd and etc/group, kept as test fixtures
 * (test/fixtures/freebsd/README.md says where each comes from) — never the
 * simulator's seed.
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { entries, freebsdFile, v7Passwd } from '../../helpers/freebsd-files.js';
import { simHost } from '../../helpers/sim-host.js';

const ROOT = '/usr/jails/www';
const BASE = 'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz';
const HASH = '$6$5fQ1mVhz$Y2kb3m1rGm0Pn5Hj3Gqv7e0q2lq3WqQk1b8w8zYwqgS0Ww3r8bA6nJx2lq4o8e3Q1nP3v0r2t4y6u8i0o2p4a/';
const MASTER_PASSWD = freebsdFile('etc/master.passwd');
const GROUP = freebsdFile('etc/group');

/** A host with a jail root extracted from the release's base.txz, as the jail module builds one. */
function host(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  h.fs.mkdir(ROOT, { parents: true });
  expect(h.exec(`fetch -q -o /tmp/base.txz ${BASE} && tar -xf /tmp/base.txz -C ${ROOT}`).code).toBe(0);
  return h;
}

const read = (h: SimHost, p: string): string => h.fs.readFile(`${ROOT}${p}`);

describe('the seeded account files', () => {
  it('base.txz and the host carry FreeBSD 14.2 master.passwd entries (0600) with the passwd pwd_mkdb -p makes from it', () => {
    const h = host();
    for (const at of ['', ROOT]) {
      const master = h.fs.readFile(`${at}/etc/master.passwd`);
      expect(entries(master)).toBe(entries(MASTER_PASSWD));
      expect(h.fs.stat(`${at}/etc/master.passwd`)!.mode).toBe(0o600);
      expect(h.fs.readFile(`${at}/etc/passwd`)).toBe(v7Passwd(master));
    }
    expect(h.exec('pw usershow -a -7')).toEqual({ stdout: entries(v7Passwd(MASTER_PASSWD)), stderr: '', code: 0 });
  });

  it('pw usershow -a / groupshow -a print every entry in master.passwd / group format, in file order', () => {
    const h = host();
    const users = h.exec('pw usershow -a');
    expect(users).toEqual({ stdout: entries(MASTER_PASSWD), stderr: '', code: 0 });
    expect(users.stdout.split('\n', 2)[0]).toBe('root::0:0::0:0:Charlie &:/root:/bin/sh');
    expect(users.stdout.split('\n').filter(Boolean)).toHaveLength(27);
    expect(h.exec('pw groupshow -a')).toEqual({ stdout: entries(GROUP), stderr: '', code: 0 });
  });
});

describe('pw -R ROOT: merging users into a jail root', () => {
  it('adds a group with members and a user with an encrypted password read from fd 0', () => {
    const h = host();
    const [master, passwd] = [read(h, '/etc/master.passwd'), read(h, '/etc/passwd')];
    expect(h.exec(`pw -R ${ROOT} groupadd devs -g 2000 -M www,nobody`)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec(`printf '%s\\n' '${HASH}' | pw -R ${ROOT} useradd bob -u 1001 -g 2000 -c 'Bob Smith' -d /home/bob -s /bin/sh -H 0`)).toEqual({ stdout: '', stderr: '', code: 0 });
    const line = `bob:${HASH}:1001:2000::0:0:Bob Smith:/home/bob:/bin/sh`;
    expect(read(h, '/etc/master.passwd')).toBe(`${master}${line}\n`);
    // pwd_mkdb -p: the v7 passwd never holds the hash.
    expect(read(h, '/etc/passwd')).toBe(`${passwd}bob:*:1001:2000:Bob Smith:/home/bob:/bin/sh\n`);
    expect(read(h, '/etc/group').endsWith('devs:*:2000:www,nobody\n')).toBe(true);
    expect(h.exec(`pw -R ${ROOT} usershow bob`)).toEqual({ stdout: `${line}\n`, stderr: '', code: 0 });
    expect(h.exec(`pw -R ${ROOT} groupshow devs`)).toEqual({ stdout: 'devs:*:2000:www,nobody\n', stderr: '', code: 0 });
    expect(h.exec('pw usershow bob')).toEqual({ stdout: '', stderr: "pw: no such user `bob'\n", code: 67 });
  });

  it('-H - is refused; -h - keeps "*"; only one of -h and -H', () => {
    const h = host();
    expect(h.exec(`pw -R ${ROOT} useradd bob -H -`)).toEqual({ stdout: '', stderr: 'pw: -H expects a file descriptor\n', code: 64 });
    expect(h.exec(`pw -R ${ROOT} useradd bob -H x`)).toEqual({ stdout: '', stderr: "pw: Bad file descriptor 'x': invalid\n", code: 64 });
    expect(h.exec(`pw -R ${ROOT} useradd bob -H -1`)).toEqual({ stdout: '', stderr: "pw: Bad file descriptor '-1': too small\n", code: 64 });
    expect(h.exec(`pw -R ${ROOT} useradd bob -h - -H 0`)).toEqual({ stdout: '', stderr: "pw: '-h' and '-H' are mutually exclusive options\n", code: 64 });
    expect(h.exec(`pw -R ${ROOT} useradd bob -w none -h -`).code).toBe(0);
    expect(read(h, '/etc/master.passwd').endsWith('bob:*:1001:1001::0:0:User &:/home/bob:/bin/sh\n')).toBe(true);
  });

  it('rejects an empty or colon-bearing password after making the user\'s own group (pw_set_passwd comes late)', () => {
    const h = host();
    const before = read(h, '/etc/master.passwd');
    expect(h.exec(`pw -R ${ROOT} useradd carol -H 0 </dev/null`)).toEqual({ stdout: '', stderr: 'pw: empty password read on file descriptor 0\n', code: 65 });
    expect(h.exec(`echo 'a:b' | pw -R ${ROOT} useradd dave -H 0`)).toEqual({ stdout: '', stderr: 'pw: bad encrypted password\n', code: 65 });
    expect(read(h, '/etc/master.passwd')).toBe(before);
    expect(read(h, '/etc/group').endsWith('carol:*:1001:\ndave:*:1002:\n')).toBe(true);
  });

  it('says -H other than 0 is not modelled', () => {
    expect(host().exec(`pw -R ${ROOT} useradd bob -H 3`)).toEqual({
      stdout: '',
      stderr: "pw: useradd -H 3 is not supported by the simulator (only 0, the command's stdin)\n",
      code: 1,
    });
  });
});
