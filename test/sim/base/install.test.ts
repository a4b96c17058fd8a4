/**
 * install(1), FreeBSD's usr.bin/xinstall/xinstall.c (the version that always
 * installs through a temporary file), with the cases of its ATF tests
 * (usr.bin/xinstall/tests/install_test.sh) rewritten here: copy_to_empty,
 * copy_to_nonexistent and its -S, -C, -b -B.bak and -p variants, copy_self,
 * overwrite, overwrite_eq, overwrite_backup, mkdir_simple,
 * set_owner_group_mode and set_optional_exec. Messages and exit codes from
 * the source: usage and the target checks (EX_USAGE 64), a source that
 * cannot be read (EX_OSERR 71), a target that is not a regular file
 * (EX_CANTCREAT 73), an unknown user or group (1); -v's `install: A -> B`.
 */
import { describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

const TESTF = "printf 'test\\n123\\r456\\r\\n789\\0z' >testf";
function host(): SimHost {
  const h = simHost('www', { address: '192.0.2.11' });
  h.exec('mkdir /tmp/t');
  return h;
}
const run = (h: SimHost, script: string) => h.exec(`cd /tmp/t && ${script}`);

describe('install (install_test.sh)', () => {
  it('copy_to_empty: an empty destination is refused', () => {
    const h = host();
    expect(run(h, `${TESTF}; install testf ""`)).toEqual({ stdout: '', stderr: 'install: destination cannot be an empty string\n', code: 64 });
  });

  for (const opts of ['', '-S', '-C', '-S -C', '-b -B.bak', '-b -B.bak -S', '-p']) {
    it(`copy_to_nonexistent ${opts || '(no options)'}: the same bytes, no backup, mode 0755`, () => {
      const h = host();
      expect(run(h, `${TESTF}; install ${opts} testf copyf && cmp testf copyf && [ ! testf -nt copyf ] && [ ! -e copyf.bak ] && stat -f %Sp copyf`)).toEqual({
        stdout: '-rwxr-xr-x\n',
        stderr: '',
        code: 0,
      });
    });
  }

  for (const opts of ['', '-S', '-C', '-S -C']) {
    it(`copy_self ${opts || '(no options)'}: refused, the file unchanged`, () => {
      const h = host();
      const r = run(h, `${TESTF}; cp testf testf2; install ${opts} testf testf; echo "rc=$?"; cmp testf testf2 && echo same`);
      expect(r).toEqual({ stdout: 'rc=64\nsame\n', stderr: 'install: testf and testf are the same file\n', code: 0 });
    });
  }

  for (const opts of ['', '-S', '-C', '-S -C']) {
    it(`overwrite and overwrite_eq ${opts || '(no options)'}: the target gets the source's bytes`, () => {
      const h = host();
      expect(run(h, `${TESTF}; printf 'test\\n123\\r456\\r\\n789\\0w' >otherf; install ${opts} testf otherf && cmp testf otherf && echo ok`).stdout).toBe('ok\n');
      expect(run(h, `cp testf eqf; install ${opts} testf eqf && cmp testf eqf && echo ok`).stdout).toBe('ok\n');
    });
  }

  for (const opts of ['', '-S', '-C', '-S -C']) {
    it(`overwrite_backup ${opts || '(no options)'}: the old file kept as NAME.bak`, () => {
      const h = host();
      const setup = `${TESTF}; printf 'test\\n123\\r456\\r\\n789\\0w' >otherf; cp otherf otherf2`;
      expect(run(h, `${setup}; install -b -B.bak ${opts} testf otherf && cmp testf otherf && cmp otherf.bak otherf2 && echo ok`).stdout).toBe('ok\n');
    });
  }

  it('mkdir_simple: -d makes each missing directory, and an existing one is fine', () => {
    const h = host();
    expect(run(h, 'install -d dir1/dir2 && [ -d dir1/dir2 ] && install -d dir1/dir2/dir3 && install -d dir1 && install -d dir1/dir2/dir3 && echo ok').stdout).toBe('ok\n');
  });

  it('set_owner_group_mode: -o, -g and -m, alone and together, on a file installed by root', () => {
    const h = host();
    run(h, "printf test >testf; chown 65531:65531 testf; chmod 0755 testf");
    const cases: Array<[string, string]> = [
      ['', '0:0:100755'],
      ['-o 65532', '65532:0:100755'],
      ['-g 65532', '0:65532:100755'],
      ['-o 65532 -g 65532', '65532:65532:100755'],
      ['-m 4444', '0:0:104444'],
      ['-o 65532 -m 4444', '65532:0:104444'],
      ['-g 65532 -m 4444', '0:65532:104444'],
      ['-o 65532 -g 65532 -m 4444', '65532:65532:104444'],
    ];
    for (const [opts, want] of cases) {
      run(h, 'rm -f testc');
      expect(run(h, `install ${opts} testf testc && stat -f '%u:%g:%p' testc`).stdout, opts).toBe(`${want}\n`);
    }
  });

  it('set_optional_exec: -m ug+rX sets x on a directory, not on a file', () => {
    const h = host();
    expect(run(h, 'echo abc > testfile.src; install -d -m ug+rX testdir; test -x testdir && echo dir-x; install -m ug+rX testfile.src testfile; test -x testfile || echo file-not-x').stdout).toBe('dir-x\nfile-not-x\n');
  });
});

describe('install (xinstall.c)', () => {
  it('-v says what it does; into a directory each file keeps its name', () => {
    const h = host();
    expect(run(h, 'echo a > a; echo b > b; mkdir d; install -v a b d; install -v -b a b; install -d -v x/y')).toEqual({
      stdout: 'install: a -> d/a\ninstall: b -> d/b\ninstall: b -> b.old\ninstall: a -> b\ninstall: mkdir x\ninstall: mkdir x/y\n',
      stderr: '',
      code: 0,
    });
  });

  it('-C leaves an equal target alone (its time too) and still sets its mode', () => {
    const h = host();
    run(h, 'echo a > a; install -m 0644 a b');
    h.exec('true'); // the clock moves on a second
    expect(run(h, "stat -f %m b > before; install -C -v -m 0600 a b; stat -f %m b | cmp -s - before && echo same-time; stat -f %Sp b")).toEqual({
      stdout: 'same-time\n-rw-------\n',
      stderr: '',
      code: 0,
    });
  });

  it('errors: a missing source (71), a directory in the way (73), a missing target directory (64), an unknown user (1)', () => {
    const h = host();
    run(h, 'echo a > a; mkdir -p d/a');
    expect(run(h, 'install nofile b')).toEqual({ stdout: '', stderr: 'install: nofile: No such file or directory\n', code: 71 });
    expect(run(h, 'install a d')).toEqual({ stdout: '', stderr: 'install: d/a: Inappropriate file type or format\n', code: 73 });
    const r = run(h, 'install a a nodir');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([64, "install: target directory `nodir' does not exist"]);
    expect(run(h, 'install -o nosuchuser a b')).toEqual({ stdout: '', stderr: 'install: unknown user nosuchuser\n', code: 1 });
    expect(run(h, 'install -m u+q a b')).toEqual({ stdout: '', stderr: 'install: invalid file mode: u+q\n', code: 64 });
    expect(run(h, 'install -s a b')).toEqual({ stdout: '', stderr: 'install: -s is not simulated by jailfleet\n', code: 64 });
  });
});
