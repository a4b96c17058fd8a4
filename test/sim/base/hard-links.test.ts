/**
 * Hard links as FreeBSD makes them: link(2) "atomically creates the
 * specified directory entry (hard link) name2 with the attributes of the
 * underlying object pointed at by name1"; both names are then one file, so
 * a write, chmod or chown through either is seen through both, and
 * unlink(2) of one name leaves the other ("the link count of the file ...
 * is decremented"). ls(1) -l prints the link count, -i the inode number;
 * stat(1) %i is st_ino and %l st_nlink; test(1) -ef is "file1 and file2
 * exist and refer to the same file" (bin/test/test.c equalf: same st_dev
 * and st_ino). sed -i writes a new file renamed over the old name
 * (usr.bin/sed/main.c), and its backup is link(2) of the original; mv(1)
 * renames another file over the name: both leave the other names with the
 * old file.
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { packState, unpackState } from '../../../src/sim/state-pack.js';
import { full, newHost, sh, type Case } from './helpers.js';

const setup = 'printf "one\\n" > /tmp/a; ln /tmp/a /tmp/b; ';

const cases: Case[] = [
  [`${setup}cat /tmp/b; echo two >> /tmp/b; cat /tmp/a; echo three > /tmp/a; cat /tmp/b`, { stdout: 'one\none\ntwo\nthree\n' }],
  [`${setup}cp /etc/group /tmp/a; head -n 1 /tmp/b`, { stdout: 'wheel:*:0:root\n' }],
  [`${setup}chmod 600 /tmp/b; chown www /tmp/a; stat -f '%Lp %Su' /tmp/a /tmp/b`, { stdout: '600 www\n600 www\n' }],
  [`${setup}ls -l /tmp/a /tmp/b; stat -f %l /tmp/a`, { stdout: '-rw-r--r--  2 root  wheel  4 Nov 28 15:09 /tmp/a\n-rw-r--r--  2 root  wheel  4 Nov 28 15:09 /tmp/b\n2\n' }],
  [`${setup}ln /tmp/b /tmp/c; stat -f %l /tmp/a; rm /tmp/a; cat /tmp/b; ls -l /tmp/c; rm /tmp/b; ls -l /tmp/c`, { stdout: '3\none\n-rw-r--r--  2 root  wheel  4 Nov 28 15:09 /tmp/c\n-rw-r--r--  1 root  wheel  4 Nov 28 15:09 /tmp/c\n' }],
  [`${setup}[ "$(stat -f %i /tmp/a)" = "$(stat -f %i /tmp/b)" ] && echo same; [ "$(stat -f %i /tmp/a)" = "$(stat -f %i /etc/group)" ] || echo other`, { stdout: 'same\nother\n' }],
  [`${setup}ls -i /tmp/a /tmp/b | awk '{ print $1 }' | uniq | wc -l | tr -d ' '; [ "$(ls -i /tmp/b | awk '{ print $1 }')" = "$(stat -f %i /tmp/a)" ] && echo agrees`, { stdout: '1\nagrees\n' }],
  [`${setup}[ /tmp/a -ef /tmp/b ]; echo $?; cp /tmp/a /tmp/c; [ /tmp/a -ef /tmp/c ]; echo $?; [ /tmp/a -ef /nope ]; echo $?; ln -s /tmp/b /tmp/s; test /tmp/s -ef /tmp/a; echo $?`, { stdout: '0\n1\n1\n0\n' }],
  [`${setup}sed -i '' s/one/new/ /tmp/a; cat /tmp/a /tmp/b; [ /tmp/a -ef /tmp/b ]; echo $?; stat -f %l /tmp/b`, { stdout: 'new\none\n1\n1\n' }],
  [`${setup}sed -i .bak s/one/new/ /tmp/b; cat /tmp/a /tmp/b /tmp/b.bak; [ /tmp/a -ef /tmp/b.bak ]; echo $?`, { stdout: 'one\nnew\none\n0\n' }],
  [`${setup}echo other > /tmp/c; mv /tmp/c /tmp/b; cat /tmp/a /tmp/b; stat -f %l /tmp/a`, { stdout: 'one\nother\n1\n' }],
  // kern_renameat (vfs_syscalls.c): a rename between two links to the same vnode does nothing.
  [`${setup}mv /tmp/a /tmp/b; cat /tmp/a /tmp/b; stat -f %l /tmp/b`, { stdout: 'one\none\n2\n' }],
  [`${setup}ln /tmp/a /tmp/b; echo $?; ln -f /etc/group /tmp/b; cat /tmp/a; [ /tmp/b -ef /etc/group ]; echo $?`, { stdout: '1\none\n0\n', stderr: 'ln: /tmp/b: File exists\n' }],
  // mtree(8) -c: create.c statf() prints "nlink=%ju" for an entry whose st_nlink is not 1 (a directory: 2 + subdirectories).
  [`${setup}touch /tmp/c; mtree -c -n -k nlink -p /tmp | awk '/nlink=2/ { print $1 }'`, { stdout: '.\na\nb\n' }],
  // ln(1) -P: "create a hard link to the symbolic link itself"; -L (the default) to its target.
  [`${setup}ln -s /tmp/a /tmp/s; ln -P /tmp/s /tmp/p; ln /tmp/s /tmp/l; readlink /tmp/p; [ -L /tmp/l ] || cat /tmp/l; stat -f %l /tmp/a /tmp/s`, { stdout: '/tmp/a\none\n3\n2\n' }],
  ['ln /etc /tmp/d; echo $?; ln /nope /tmp/n; echo $?; ls /tmp', { stdout: '1\n1\n', stderr: 'ln: /etc: Is a directory\nln: /nope: No such file or directory\n' }],
];

describe('hard links', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });

  it('ls -i prints the inode number, a space, then the name (print.c printaname "%*ju ")', () => {
    expect(sh(`${setup}ls -i /tmp/a`).stdout).toMatch(/^[0-9]+ \/tmp\/a\n$/);
    expect(sh(`${setup}ls -il /tmp/a`).stdout).toMatch(/^[0-9]+ -rw-r--r-- {2}2 root {2}wheel {2}4 Nov 28 15:09 \/tmp\/a\n$/);
  });

  it('stay one file through a save and load of the state file', () => {
    const host = newHost();
    host.exec(setup);
    const saved = JSON.parse(JSON.stringify(packState(host.state))) as ReturnType<typeof packState>;
    const loaded = new SimHost('host1', unpackState(saved));
    const script = 'echo more >> /tmp/b; chmod 640 /tmp/b; cat /tmp/a; stat -f "%Lp %l" /tmp/a; [ /tmp/a -ef /tmp/b ] && echo same';
    expect(loaded.exec(script)).toEqual(full({ stdout: 'one\nmore\n640 2\nsame\n' }));
  });
});
