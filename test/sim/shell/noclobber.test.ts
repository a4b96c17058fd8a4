/**
 * `>` under set -C and the umask, as FreeBSD's sh does them (issue 17: the
 * atomic write makes its temp file this way instead of with mktemp(1)).
 * sh(1): "-C noclobber  Do not overwrite existing files with >"; "[n]>| file
 * Same as >, but override the -C option". bin/sh/redir.c: with -C, a name
 * stat(2) does not find is opened O_WRONLY|O_CREAT|O_EXCL — so a dangling
 * symlink fails with EEXIST (open(2): "O_EXCL ... If O_CREAT and O_EXCL are
 * set, open() shall fail if the file exists", a symlink included) — an
 * existing regular file (a symlink to one too) is refused, anything else is
 * opened as it is. open(2) creates with mode 0666 less the umask (umask(2)).
 */
import { describe, expect, it } from 'vitest';
import { newHost } from './fixture.js';

describe('set -C and the umask in the simulated sh', () => {
  it('creates a new file with 0666 less the umask', () => {
    const host = newHost();
    const r = host.exec("umask 0137; true >/tmp/a; umask 0177; set -C; true >/tmp/b; umask 0022; printf x >/tmp/c; stat -f '%Lp' /tmp/a /tmp/b /tmp/c");
    expect(r.stdout).toBe('640\n600\n644\n');
  });

  it('refuses an existing file, a symlink to one and a dangling symlink, without writing through', () => {
    const host = newHost();
    host.exec('printf victim >/tmp/victim; ln -s /tmp/victim /tmp/l; ln -s /tmp/none /tmp/d');
    const r = host.exec('set -C; for f in /tmp/victim /tmp/l /tmp/d; do printf planted >"$f"; echo "$f rc=$?"; done; [ -e /tmp/none ] || echo none');
    expect(r.stdout).toBe('/tmp/victim rc=2\n/tmp/l rc=2\n/tmp/d rc=2\nnone\n');
    expect(r.stderr).toBe('sh: cannot create /tmp/victim: File exists\nsh: cannot create /tmp/l: File exists\nsh: cannot create /tmp/d: File exists\n');
    expect(host.fs.readFile('/tmp/victim')).toBe('victim');
  });

  it('>| overwrites under set -C; without -C > does', () => {
    const host = newHost();
    const r = host.exec('printf a >/tmp/f; set -C; printf b >|/tmp/f; cat /tmp/f; set +C; printf c >/tmp/f; cat /tmp/f');
    expect(r.stdout).toBe('bc');
  });
});
