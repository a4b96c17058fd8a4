/**
 * pkg -c DIR and pkg autoremove on the simulated host, through the shell.
 * pkg.8: "-c <chroot path>: pkg will chroot in the <chroot path>
 * environment"; freebsd/pkg src/main.c: `if (chroot(chroot_path) == -1)
 * err(EXIT_FAILURE, "chroot failed")` and "-j, -c and/or -r cannot be
 * used at the same time!". src/autoremove.c: "Nothing to do." (exit 0)
 * when no automatic package is left unneeded; otherwise the jobs summary,
 * and in a dry run without -y `retcode = EXIT_FAILURE`. pkg-install.8:
 * "-A: Mark the installed packages as automatic".
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const host = () => simHost('h1', { address: '192.0.2.23' });

describe('pkg -c DIR', () => {
  it('works on the database inside DIR, as -r does; a missing DIR is "chroot failed"', () => {
    const h = host();
    h.exec('mkdir -p /jails/c');
    expect(h.exec('pkg -c /jails/c install -y nginx').code).toBe(0);
    expect(h.exec('pkg -c /jails/c info -e nginx; echo $?; pkg --chroot=/jails/c info -e nginx; echo $?; pkg -r /jails/c info -e nginx; echo $?; pkg info -e nginx; echo $?').stdout).toBe('0\n0\n0\n1\n');
    expect(h.exec('pkg -c /nope info')).toEqual({ stdout: '', stderr: 'pkg: chroot failed: No such file or directory\n', code: 1 });
    expect(h.exec('pkg -c /jails/c -r /jails/c info').stderr).toMatch(/^pkg: -j, -c and\/or -r cannot be used at the same time!\n/);
  });
});

describe('pkg autoremove', () => {
  it('removes the automatic packages; -n lists them and exits 1; nothing left is "Nothing to do." and 0', () => {
    const h = host();
    h.exec('pkg install -y -A curl >/dev/null && pkg install -y nginx >/dev/null');
    expect(h.exec('pkg autoremove -n')).toEqual({
      stdout: 'Deinstallation has been requested for the following 1 packages:\n\nInstalled packages to be REMOVED:\n\tcurl: 8.11.1\n\nNumber of packages to be removed: 1\n',
      stderr: '',
      code: 1,
    });
    expect(h.exec('pkg info -e curl').code).toBe(0);
    const done = h.exec('pkg autoremove -y');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('[1/1] Deinstalling curl-8.11.1...\n');
    expect(h.exec('pkg info -e curl; echo $?; pkg info -e nginx; echo $?').stdout).toBe('1\n0\n');
    expect(h.exec('pkg autoremove -n')).toEqual({ stdout: 'Nothing to do.\n', stderr: '', code: 0 });
  });
});
