/**
 * Names reached through a symbolic link to a directory. namei(9) follows
 * every link on the way to the last component; only the last one is
 * followed or not as the call asks (lstat(2): "lstat() is like stat() except
 * in the case where the named file is a symbolic link", the directories above
 * it are looked up as ever). So mkdir(2), unlink(2), rmdir(2), rename(2),
 * link(2), symlink(2) and lstat(2) of /tmp/l/x act in /tmp/d when /tmp/l is a
 * link to it, and ls, rm, mv and ln work there as in the directory itself.
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const ok = (stdout = '') => ({ stdout, stderr: '', code: 0 });

function host() {
  const h = simHost('h1', { address: '192.0.2.11' });
  expect(h.exec('mkdir /tmp/d && ln -s /tmp/d /tmp/l')).toEqual(ok());
  return h;
}

describe('paths through a link to a directory', () => {
  it('mkdir and rm -r make and remove the directory in the link target', () => {
    const h = host();
    expect(h.exec('mkdir /tmp/l/x && ls /tmp/d')).toEqual(ok('x\n'));
    expect(h.exec('rm -r /tmp/l/x && ls /tmp/d')).toEqual(ok());
  });

  it('ls -ld shows a link inside it, and rm removes that link, not what it points to', () => {
    const h = host();
    expect(h.exec('ln -s /etc /tmp/d/e && ls -ld /tmp/l/e')).toEqual(ok('lrwxr-xr-x  1 root  wheel  4 Nov 28 15:30 /tmp/l/e -> /etc\n'));
    expect(h.exec('rm /tmp/l/e && ls /tmp/d && test -d /etc')).toEqual(ok());
  });

  it('mv renames and ln links within the target', () => {
    const h = host();
    expect(h.exec('echo hi > /tmp/l/f && mv /tmp/l/f /tmp/l/g && ln /tmp/l/g /tmp/l/h && ls /tmp/d && cat /tmp/d/h')).toEqual(ok('g\nh\nhi\n'));
    expect(h.exec('stat -f %l /tmp/d/g')).toEqual(ok('2\n'));
  });

  it('a relative link made through it resolves from the target directory', () => {
    const h = host();
    expect(h.exec('ln -s ../d /tmp/l/up && readlink /tmp/d/up && ls /tmp/l/up/')).toEqual(ok('../d\nup\n'));
  });
});
