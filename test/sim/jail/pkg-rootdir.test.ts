/**
 * pkg -r ROOT on the simulated host, through the shell. pkg.8: "-r <root
 * directory>: pkg will install all packages within the specified root
 * directory"; its database is ROOT/var/db/pkg, so `pkg -j JAIL` for a jail
 * rooted at ROOT sees the same packages. Messages follow freebsd/pkg
 * src/main.c: err(EXIT_FAILURE, "Invalid rootdir") when realpath(3) fails,
 * errx "chdir() failed", and usage() for -j with -r.
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { writeBaseSystem } from '../../../src/sim/seed.js';
import { simHost } from '../../helpers/sim-host.js';

const ROOT = '/usr/jails/www';
const NGINX = 'nginx-1.26.2_3,3               Robust and small WWW server\n';
const SUDO = 'sudo-1.9.16p2                  Allow others to run commands as root\n';

function host(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  writeBaseSystem(h.fs, ROOT);
  h.fs.writeFile('/etc/jail.conf', `www {\n  path = ${ROOT};\n  host.hostname = www.example.org;\n  ip4.addr = 192.0.2.50;\n  persist;\n}\n`);
  return h;
}

describe('pkg -r ROOT', () => {
  it('installs into ROOT; a jail started there later sees the packages, and the other way round', () => {
    const h = host();
    const r = h.exec(`pkg -r ${ROOT} install -y nginx`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[1/1] Installing nginx-1.26.2_3,3...\n');
    expect(h.fs.stat(`${ROOT}/usr/local/etc/rc.d/nginx`)!.mode).toBe(0o555);
    expect(h.fs.exists('/usr/local/etc/rc.d/nginx')).toBe(false);
    expect(h.exec(`pkg -r ${ROOT} info`)).toEqual({ stdout: NGINX, stderr: '', code: 0 });
    expect(h.exec('pkg info -e nginx').code).toBe(1);

    expect(h.exec('jail -c www').code).toBe(0);
    expect(h.exec('pkg -j www info -e nginx')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('jexec www pkg info').stdout).toBe(NGINX);
    expect(h.exec('pkg -j www install -y sudo').code).toBe(0);
    expect(h.exec(`pkg --rootdir=${ROOT} info`).stdout).toBe(NGINX + SUDO);
    expect(h.exec(`pkg -r${ROOT} query '%n %v %a'`).stdout).toBe('nginx 1.26.2_3,3 0\nsudo 1.9.16p2 0\n');
  });

  it('deletes from ROOT only', () => {
    const h = host();
    h.exec(`pkg -r ${ROOT} install -y nginx`);
    h.exec('pkg install -y nginx');
    expect(h.exec(`pkg -r ${ROOT} delete -y nginx`).code).toBe(0);
    expect(h.fs.exists(`${ROOT}/usr/local/etc/rc.d/nginx`)).toBe(false);
    expect(h.fs.exists('/usr/local/etc/rc.d/nginx')).toBe(true);
    expect(h.exec('pkg info -e nginx').code).toBe(0);
  });

  it('-r / is the host; a symbolic link to ROOT is ROOT (realpath)', () => {
    const h = host();
    expect(h.exec('pkg -r / info').stdout).toBe(h.exec('pkg info').stdout);
    h.exec(`ln -s ${ROOT} /www; pkg -r /www install -y sudo`);
    expect(h.exec(`pkg -r ${ROOT} info`).stdout).toBe(SUDO);
  });

  it('reads a database an older state file keyed by jail name', () => {
    const h = host();
    expect(h.exec('jail -c www').code).toBe(0);
    h.state.packages.www = { curl: '8.11.1' };
    h.state.packagesAutomatic = { www: ['curl'] };
    expect(h.exec(`pkg -r ${ROOT} query '%n %a'`)).toEqual({ stdout: 'curl 1\n', stderr: '', code: 0 });
    expect(h.state.packages).toEqual({ '': { pkg: '1.21.3', postfix: '3.9.1,1' }, [ROOT]: { curl: '8.11.1' } });
    expect(h.state.packagesAutomatic).toEqual({ [ROOT]: ['curl'] });
    expect(h.exec('pkg -j www info -e curl').code).toBe(0);
  });

  it.each([
    ['pkg -r /nonexistent info', 'pkg: Invalid rootdir: No such file or directory\n'],
    ['pkg -r /etc/passwd info', 'pkg: chdir() failed\n'],
    [
      `pkg -j www -r ${ROOT} info`,
      'pkg: -j, -c and/or -r cannot be used at the same time!\n\n' +
        'Usage: pkg [-v] [-d] [-l] [-N] [-j <jail name or id>|-c <chroot path>|-r <rootdir>] [-C <configuration file>] [-R <repo config dir>] [-o var=value] [-4|-6] <command> [<args>]\n' +
        "\nFor more information on available commands and options see 'pkg help'.\n",
    ],
  ])('%s fails', (cmd, stderr) => {
    expect(host().exec(cmd)).toEqual({ stdout: '', stderr, code: 1 });
  });
});
