/**
 * find(1)'s operators and the -perm/-user/-group primaries (FreeBSD
 * usr.bin/find: find.1 "OPERATORS" — `( )`, `!`, -and (or juxtaposition),
 * -or, in decreasing precedence; "-perm [-|+]mode: ... Otherwise, this
 * primary evaluates to true if the bits in the mode exactly match the
 * file's mode bits"; "-user uname ... If uname is numeric and there is no
 * such user name, then uname is treated as a user ID"; without an action
 * the expression is `( expression ) -print`, find.c).
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

function tree() {
  const h = simHost('h', { address: '192.0.2.21' });
  h.exec('mkdir -p /t/a/b && touch /t/a/f /t/a/b/g && chmod 755 /t /t/a /t/a/b && chmod 644 /t/a/f && chmod 600 /t/a/b/g && ln -s f /t/a/l && chown -R www /t/a/b');
  return h;
}

describe('find expressions', () => {
  it('! and ( -o ) select the entries that differ from wanted attributes, -print once each', () => {
    const h = tree();
    expect(h.exec('find /t ! -type l \\( ! -perm 0755 -o ! -user root \\) -print').stdout).toBe('/t/a/b\n/t/a/b/g\n/t/a/f\n');
    expect(h.exec('find /t ! -type l \\( ! -perm 0755 -o ! -user root \\) -print | head -n 1').stdout).toBe('/t/a/b\n');
  });

  it('-perm exact, -perm -mode (all of), -perm +mode (any of)', () => {
    const h = tree();
    expect(h.exec('find /t -type f -perm 644').stdout).toBe('/t/a/f\n');
    expect(h.exec('find /t -type f -perm -600').stdout).toBe('/t/a/b/g\n/t/a/f\n');
    expect(h.exec('find /t -type f -perm +044').stdout).toBe('/t/a/f\n');
  });

  it('-user, -group and -a/-and/-or spelled out; numeric ids; unknown names are errors', () => {
    const h = tree();
    expect(h.exec('find /t -user www -and -type d -or -name f').stdout).toBe('/t/a/b\n/t/a/f\n');
    expect(h.exec('find /t -user 80 -a -group wheel').stdout).toBe('/t/a/b\n/t/a/b/g\n');
    expect(h.exec('find /t -user nosuchuser')).toEqual({ stdout: '', stderr: 'find: -user: nosuchuser: no such user\n', code: 1 });
    expect(h.exec('find /t -group nosuchgroup').stderr).toBe('find: -group: nosuchgroup: no such group\n');
  });

  it('an unknown primary is refused before anything is printed', () => {
    expect(tree().exec('find /t -frob')).toEqual({ stdout: '', stderr: 'find: -frob: unknown primary or operator\n', code: 1 });
  });
});
