import { describe, expect, it } from 'vitest';
import { full, newHost, sh, type Case } from './helpers.js';

// ls -l rows follow FreeBSD bin/ls/print.c printlong(): "%s %*ju %-*s  %-*s  " (two spaces after owner and
// group), the size right-aligned to the widest in the list; the directory "total" is in 512-byte blocks (ls(1) BLOCKSIZE).
const cases: Case[] = [
  ['mkdir /a/b; echo $?; mkdir -p /a/b/c && ls -d /a/b/c; mkdir /a; echo $?', { stdout: '1\n/a/b/c\n1\n', stderr: 'mkdir: /a/b: No such file or directory\nmkdir: /a: File exists\n' }],
  ["mkdir -m 700 /m; mkdir -p -m 750 /p/q; stat -f '%Lp %Su %Sg %HT %N' /m /p /p/q", { stdout: '700 root wheel Directory /m\n755 root wheel Directory /p\n750 root wheel Directory /p/q\n' }],
  ['mkdir; echo $?', { stdout: '64\n', stderr: 'usage: mkdir [-pv] [-m mode] directory_name ...\n' }],
  ['mkdir /d; rmdir /d; rmdir /etc; echo $?; rmdir /nope; echo $?', { stdout: '1\n1\n', stderr: 'rmdir: /etc: Directory not empty\nrmdir: /nope: No such file or directory\n' }],
  ['mv /nope /tmp; echo $?; mv /etc/passwd /tmp; ls /tmp; mkdir /d1 /d2; mv /d1 /d2; ls /d2', { stdout: '1\npasswd\nd1\n', stderr: 'mv: /nope: No such file or directory\n' }],
  ['echo old > /tmp/t; echo new > /tmp/n; mv -f /tmp/n /tmp/t; cat /tmp/t; ls /tmp', { stdout: 'new\nt\n' }],
  ['touch /tmp/a; cp /tmp/a /tmp/b; cp /etc /tmp/e; echo $?; cp -R /etc /tmp/e; ls /tmp/e', { stdout: '1\ngroup\npasswd\n', stderr: 'cp: /etc is a directory (not copied).\n' }],
  ['chown www /etc/passwd; chmod 600 /etc/passwd; cp /etc/passwd /tmp/plain; cp -p /etc/passwd /tmp/kept; ls -l /tmp/plain /tmp/kept', { stdout: '-rw-------  1 www   wheel  278 Nov 28 15:09 /tmp/kept\n-rw-------  1 root  wheel  278 Nov 28 15:09 /tmp/plain\n' }],
  ['cp /etc/group /tmp; cp /nope /tmp; echo $?; ls /tmp', { stdout: '1\ngroup\n', stderr: 'cp: /nope: No such file or directory\n' }],
  ['rm /nope; echo $?; rm -f /nope; echo $?; rm /etc; echo $?; rm -rf /etc; ls /', { stdout: '1\n0\n1\nbin\ndev\nroot\nsbin\ntmp\nusr\nvar\n', stderr: 'rm: /nope: No such file or directory\nrm: /etc: is a directory\n' }],
  ['mkdir -p /x/y; touch /x/y/z; rm -r /x; ls /x; echo $?', { stdout: '1\n', stderr: 'ls: /x: No such file or directory\n' }],
  ['ln -s /etc/passwd /tmp/pw; ls -l /tmp/pw; readlink /tmp/pw; ln -s /etc/group /tmp/pw; echo $?; ln -sf /etc/group /tmp/pw; readlink /tmp/pw', { stdout: 'lrwxr-xr-x  1 root  wheel  11 Nov 28 15:09 /tmp/pw -> /etc/passwd\n/etc/passwd\n1\n/etc/group\n', stderr: 'ln: /tmp/pw: File exists\n' }],
  ['ln -s /etc /tmp/l; ln -sfn /tmp /tmp/l; readlink /tmp/l; ln /etc/group /tmp/hard; cat /tmp/hard | head -n 1', { stdout: '/tmp\nwheel:*:0:root\n' }],
  ['chmod u+x,go-w /etc/passwd; stat -f %Lp /etc/passwd; chmod 4755 /etc/passwd; ls -l /etc/passwd; chmod a=r /etc/passwd; stat -f %Lp /etc/passwd', { stdout: '744\n-rwsr-xr-x  1 root  wheel  278 Nov 28 15:09 /etc/passwd\n444\n' }],
  ['chmod bad /etc/passwd; echo $?; chmod 644 /nope; echo $?', { stdout: '1\n1\n', stderr: 'chmod: Invalid file mode: bad\nchmod: /nope: No such file or directory\n' }],
  ['mkdir -p /r/s; touch /r/s/f; chmod -R 700 /r; stat -f %Lp /r /r/s /r/s/f', { stdout: '700\n700\n700\n' }],
  ["chown www:www /etc/passwd; ls -l /etc/passwd; chown :wheel /etc/passwd; stat -f '%u %g %Su:%Sg' /etc/passwd", { stdout: '-rw-r--r--  1 www  www  278 Nov 28 15:09 /etc/passwd\n80 0 www:wheel\n' }],
  ['chown bob /etc/passwd; echo $?; chown root:nogrp /etc/passwd; echo $?; chgrp www /etc/group; chown 1234:5678 /etc/passwd; ls -ln /etc/passwd; ls -l /etc/group', { stdout: '1\n1\n-rw-r--r--  1 1234  5678  278 Nov 28 15:09 /etc/passwd\n-rw-r--r--  1 root  www  53 Nov 28 15:09 /etc/group\n', stderr: 'chown: bob: illegal user name\nchown: nogrp: illegal group name\n' }],
  ['ls -ld /etc /etc/passwd', { stdout: 'drwxr-xr-x  2 root  wheel  512 Nov 28 15:09 /etc\n-rw-r--r--  1 root  wheel  278 Nov 28 15:09 /etc/passwd\n' }],
  ['ln -s /etc/passwd /tmp/pw; ls -ldL /tmp/pw', { stdout: '-rw-r--r--  1 root  wheel  278 Nov 28 15:09 /tmp/pw\n' }],
  ['ls /etc; ls -n /etc; ls -a /tmp; ls /nope; echo $?', { stdout: 'group\npasswd\ntotal 16\n-rw-r--r--  1 0  0   53 Nov 28 15:09 group\n-rw-r--r--  1 0  0  278 Nov 28 15:09 passwd\n.\n..\n1\n', stderr: 'ls: /nope: No such file or directory\n' }],
  ['ls -@; echo $?', { stdout: '1\n', stderr: 'ls: illegal option -- @\nusage: ls [-ABCFGHILPRSTUWZabcdfghiklmnopqrstuvwxy1,] [--color=when] [-D format] [file ...]\n' }],
  ["stat -f '%p %Lp %z %HT' /etc /etc/group; stat /nope; echo $?", { stdout: '40755 755 512 Directory\n100644 644 53 Regular File\n1\n', stderr: 'stat: /nope: stat: No such file or directory\n' }],
  ['ln -s ../etc/passwd /tmp/rel; readlink /tmp/rel; readlink -f /tmp/rel; readlink /etc; echo $?; realpath /tmp/../etc; realpath /nope; echo $?', { stdout: '../etc/passwd\n/etc/passwd\n1\n/etc\n1\n', stderr: 'realpath: /nope: No such file or directory\n' }],
  ['dirname /usr/local/etc/rc.conf; dirname rc.conf; dirname /; basename /usr/local/etc/rc.conf .conf; basename /; basename /a/b/', { stdout: '/usr/local/etc\n.\n/\nrc\n/\nb\n' }],
  ['touch /tmp/t; ls /tmp; touch /no/t; echo $?', { stdout: 't\n1\n', stderr: 'touch: /no/t: No such file or directory\n' }],
  ['a=$(mktemp); b=$(mktemp -d); c=$(mktemp /etc/x.XXXX); stat -f "%Lp %HT" "$a" "$b" "$c"; [ "$a" != "$(mktemp)" ] && echo distinct; echo "$c" | grep -c "^/etc/x\\.....$"', { stdout: '600 Regular File\n700 Directory\n600 Regular File\ndistinct\n1\n' }],
  ['find /etc -type f; find / -maxdepth 1 -type d -name "t*"; find /nope; echo $?', { stdout: '/etc/group\n/etc/passwd\n/tmp\n1\n', stderr: 'find: /nope: No such file or directory\n' }],
];

describe('file utilities', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });

  it('mv -f replaces atomically, keeping the new file\'s mode and owner', () => {
    const host = newHost();
    host.exec('printf new > /etc/.tmp && chmod 600 /etc/.tmp && chown www /etc/.tmp && mv -f /etc/.tmp /etc/passwd');
    expect(host.state.fs['/etc/passwd']).toMatchObject({ kind: 'file', content: 'new', mode: 0o600, uid: 80 });
    expect(host.state.fs['/etc/.tmp']).toBeUndefined();
  });
});
