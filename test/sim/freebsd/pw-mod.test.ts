/**
 * pw usermod / userdel / groupmod / groupdel on the simulated host.
 * Expectations from usr.sbin/pw/pw_user.c (pw_user_mod, pw_user_del),
 * pw_group.c (pw_group_mod, pw_group_del, getgroup), rm_r.c, and the line
 * formats of lib/libutil pw_make / gr_make.
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const host = () => {
  const h = simHost('h1', { address: '192.0.2.23' });
  // FreeBSD has /var/mail (etc/mtree/BSD.var.dist); the seed does not, and pw makes a mail file only where it exists.
  h.fs.mkdir('/var/mail', { mode: 0o775 });
  for (const cmd of ['pw groupadd devs -g 2000', 'pw groupadd ops -g 2001', 'pw useradd bob -u 1001 -G devs -m -c Bob']) expect(h.exec(cmd).code).toBe(0);
  return h;
};
const line = (h: ReturnType<typeof simHost>, file: string, name: string): string | undefined =>
  h.fs.readFile(file).split('\n').find((l) => l.startsWith(`${name}:`));

describe('pw usermod', () => {
  it('changes the fields given, in place (pw_make line), and passwd in v7 form', () => {
    const h = host();
    expect(h.exec("pw usermod -n bob -u 1500 -g ops -c 'Robert B' -d /home/robert -s /bin/csh")).toEqual({
      stdout: '',
      // pw_user_mod: a new home that does not exist, without -m.
      stderr: "pw: WARNING: home `/home/robert' does not exist\n",
      code: 0,
    });
    expect(line(h, '/etc/master.passwd', 'bob')).toBe('bob:*:1500:2001::0:0:Robert B:/home/robert:/bin/csh');
    expect(line(h, '/etc/passwd', 'bob')).toBe('bob:*:1500:2001:Robert B:/home/robert:/bin/csh');
  });

  it('-G replaces every secondary membership; -G "" leaves none', () => {
    const h = host();
    expect(line(h, '/etc/group', 'devs')).toBe('devs:*:2000:bob');
    expect(h.exec('pw usermod bob -G ops,wheel').code).toBe(0);
    expect([line(h, '/etc/group', 'devs'), line(h, '/etc/group', 'ops'), line(h, '/etc/group', 'wheel')]).toEqual(['devs:*:2000:', 'ops:*:2001:bob', 'wheel:*:0:root,bob']);
    expect(h.exec("pw usermod bob -G ''").code).toBe(0);
    expect([line(h, '/etc/group', 'ops'), line(h, '/etc/group', 'wheel')]).toEqual(['ops:*:2001:', 'wheel:*:0:root']);
    expect(h.exec('pw usermod bob -G nosuch')).toEqual({ stdout: '', stderr: "pw: group `nosuch' does not exist\n", code: 67 });
  });

  it('-H 0 sets the encrypted password read from stdin; a missing user is EX_NOUSER', () => {
    const h = host();
    expect(h.exec("printf '%s\\n' '$6$salt$hash' | pw usermod -n bob -H 0").code).toBe(0);
    expect(line(h, '/etc/master.passwd', 'bob')).toBe('bob:$6$salt$hash:1001:1001::0:0:Bob:/home/bob:/bin/sh');
    expect(line(h, '/etc/passwd', 'bob')).toBe('bob:*:1001:1001:Bob:/home/bob:/bin/sh');
    expect(h.exec('pw usermod -n nobody2 -s /bin/sh')).toEqual({ stdout: '', stderr: "pw: no such user `nobody2'\n", code: 67 });
  });
});

describe('pw userdel', () => {
  it('removes the user, its own member-less group, its memberships and mail file; -r what it owns in its home', () => {
    const h = host();
    h.fs.writeFile('/home/bob/notes', 'x', { uid: 1001, gid: 1001 });
    h.fs.writeFile('/home/bob/roots', 'x', { uid: 0, gid: 0 });
    expect(h.fs.exists('/var/mail/bob')).toBe(true);
    expect(h.exec('pw userdel -n bob -r')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(line(h, '/etc/master.passwd', 'bob')).toBeUndefined();
    expect(line(h, '/etc/passwd', 'bob')).toBeUndefined();
    expect(line(h, '/etc/group', 'bob')).toBeUndefined();
    expect(line(h, '/etc/group', 'devs')).toBe('devs:*:2000:');
    expect(h.fs.exists('/var/mail/bob')).toBe(false);
    // rm_r: the file root owns stays, so the directory (not empty) stays too.
    expect(h.fs.readdir('/home/bob')).toEqual(['roots']);
  });

  it('refuses root; a missing user is EX_NOUSER', () => {
    const h = host();
    expect(h.exec('pw userdel root')).toEqual({ stdout: '', stderr: "pw: cannot remove user 'root'\n", code: 65 });
    expect(h.exec('pw userdel -n nobody2')).toEqual({ stdout: '', stderr: "pw: no such user `nobody2'\n", code: 67 });
  });
});

describe('pw groupmod / groupdel', () => {
  it('groupmod -g sets the gid (no duplicate check), keeping the members', () => {
    const h = host();
    expect(h.exec('pw groupmod -n devs -g 2100')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(line(h, '/etc/group', 'devs')).toBe('devs:*:2100:bob');
    expect(h.exec('pw groupmod devs -m root').code).toBe(0);
    expect(line(h, '/etc/group', 'devs')).toBe('devs:*:2100:bob,root');
    expect(h.exec('pw groupmod -n nosuch -g 3')).toEqual({ stdout: '', stderr: "pw: unknown group `nosuch'\n", code: 65 });
  });

  it('groupdel removes the line; a missing group is "unknown group", EX_DATAERR', () => {
    const h = host();
    expect(h.exec('pw groupdel -n ops')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(line(h, '/etc/group', 'ops')).toBeUndefined();
    expect(h.exec('pw groupdel ops')).toEqual({ stdout: '', stderr: "pw: unknown group `ops'\n", code: 65 });
  });
});
