import { describe, expect, it } from 'vitest';
import { pkgCommand } from '../../../src/sim/commands/jail/pkg.js';
import { harness, makeJailRoot } from './helpers.js';

function setup() {
  const h = harness();
  makeJailRoot(h.state, '/usr/jails/mail');
  h.state.jails.push({ name: 'mail', jid: 1, path: '/usr/jails/mail', hostname: 'mail', ip4: [], params: {}, state: 'ACTIVE' });
  return h;
}

describe('pkg', () => {
  it('installs into a jail with -j, creating the package files there', () => {
    const h = setup();
    const r = h.call(pkgCommand, ['pkg', '-j', 'mail', 'install', '-y', 'postfix']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('New packages to be INSTALLED:\n\tpostfix: 3.9.1,1\n');
    expect(r.stdout).toContain('[1/1] Installing postfix-3.9.1,1...\n');
    // Databases are keyed by the root's host path ("" for the host): pkg -r on the jail's root sees the same one (pkg-db.ts).
    expect(h.state.packages).toEqual({ '': {}, '/usr/jails/mail': { postfix: '3.9.1,1' } });
    expect(h.fs.readFile('/usr/jails/mail/usr/local/etc/postfix/main.cf')).toContain('inet_interfaces');
    expect(h.fs.stat('/usr/jails/mail/usr/local/etc/rc.d/postfix')!.mode).toBe(0o555);
    expect(h.fs.exists('/usr/local/etc/postfix/main.cf')).toBe(false);
  });

  it('answers info -e silently with 0/1 and lists installed packages', () => {
    const h = setup();
    h.call(pkgCommand, ['pkg', 'install', '-y', 'sudo', 'nginx']);
    expect(h.call(pkgCommand, ['pkg', 'info', '-e', 'nginx'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.call(pkgCommand, ['pkg', 'info', '-e', 'postfix'])).toEqual({ stdout: '', stderr: '', code: 1 });
    expect(h.call(pkgCommand, ['pkg', 'info']).stdout).toBe('nginx-1.26.2_3,3               Robust and small WWW server\nsudo-1.9.16p2                  Allow others to run commands as root\n');
  });

  it('is idempotent and keeps an edited config on reinstall', () => {
    const h = setup();
    h.call(pkgCommand, ['pkg', 'install', '-y', 'postfix']);
    h.fs.writeFile('/usr/local/etc/postfix/main.cf', 'edited\n');
    expect(h.call(pkgCommand, ['pkg', 'install', '-y', 'postfix']).stdout).toContain('The most recent versions of packages are already installed\n');
    h.call(pkgCommand, ['pkg', 'delete', '-y', 'postfix']);
    h.call(pkgCommand, ['pkg', 'install', '-y', 'postfix']);
    expect(h.fs.readFile('/usr/local/etc/postfix/main.cf')).toContain('inet_interfaces');
  });

  it('deletes a package and its files', () => {
    const h = setup();
    h.call(pkgCommand, ['pkg', 'install', '-y', 'nginx']);
    expect(h.call(pkgCommand, ['pkg', 'delete', '-y', 'nginx']).code).toBe(0);
    expect(h.state.packages['']).toEqual({});
    expect(h.fs.exists('/usr/local/etc/rc.d/nginx')).toBe(false);
  });

  it.each([
    [['pkg', 'install', '-y', 'nosuch'], "pkg: No packages available to install matching 'nosuch' have been found in the repositories\n"],
    [['pkg', '-j', 'ghost', 'info'], 'pkg: jail "ghost" not found\n'],
  ])('%j fails with %j', (argv, stderr) => {
    const h = setup();
    const r = h.call(pkgCommand, argv);
    expect([r.stderr, r.code]).toEqual([stderr, 1]);
    expect(h.state.packages).toEqual({ '': {} });
  });

  it('does nothing without -y and no answer', () => {
    const h = setup();
    expect(h.call(pkgCommand, ['pkg', 'install', 'nginx']).code).toBe(1);
    expect(h.state.packages['']).toEqual({});
  });
});
