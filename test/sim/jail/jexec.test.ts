import { describe, expect, it } from 'vitest';
import { jexecCommand } from '../../../src/sim/commands/jail/jexec.js';
import { harness } from './helpers.js';

function setup() {
  const h = harness();
  h.state.jails.push({ name: 'www', jid: 3, path: '/usr/jails/www', hostname: 'www', ip4: [], params: {}, state: 'ACTIVE' });
  h.answer = (script) => ({ stdout: `ran ${script}\n`, stderr: '', code: 7 });
  return h;
}

describe('jexec', () => {
  it.each([
    [['www', 'sysrc', '-n', 'sshd_enable'], 'sysrc -n sshd_enable'],
    [['-U', 'root', '3', 'sh', '-c', "echo 'a b'"], `sh -c 'echo '\\''a b'\\'''`],
    [['-l', 'www'], '/bin/sh'],
  ])('jexec %j runs %j in the jail and passes its status through', (args, script) => {
    const h = setup();
    expect(h.call(jexecCommand, ['jexec', ...args], { stdin: 'in' })).toEqual({ stdout: `ran ${script}\n`, stderr: '', code: 7 });
    expect(h.calls).toEqual([{ script, options: { root: '/usr/jails/www', jail: 'www', cwd: '/', stdin: 'in' } }]);
  });

  // usr.sbin/jexec/jexec.c: chdir("/") after jail_attach; with -l, `if (clean && chdir(pwd->pw_dir) < 0)`, the
  // user's home (root's unless -u/-U names one; -U looks the user up in the jail, -u and -l alone on the host).
  it.each([
    [['-l', 'www', 'pwd'], '/root'],
    [['-l', '-U', 'alice', 'www', 'pwd'], '/home/alice'],
    [['-l', '-u', 'bob', 'www', 'pwd'], '/usr/home/bob'],
    [['www', 'pwd'], '/'],
    [['-d', '/tmp', 'www', 'pwd'], '/tmp'],
  ])('jexec %j runs in %s', (args, cwd) => {
    const h = setup();
    h.fs.mkdir('/etc', { parents: true });
    h.fs.mkdir('/usr/jails/www/etc', { parents: true });
    h.fs.writeFile('/etc/passwd', 'root:*:0:0:Charlie &:/root:/bin/sh\nbob:*:1002:1002:Bob:/usr/home/bob:/bin/sh\n');
    h.fs.writeFile('/usr/jails/www/etc/passwd', 'root:*:0:0:Charlie &:/root:/bin/sh\nalice:*:1001:1001:Alice:/home/alice:/bin/sh\n');
    h.call(jexecCommand, ['jexec', ...args]);
    expect(h.calls.map((c) => c.options?.cwd)).toEqual([cwd]);
  });

  it('reports an unknown jail', () => {
    const h = setup();
    expect(h.call(jexecCommand, ['jexec', 'foo', 'ls'])).toEqual({ stdout: '', stderr: 'jexec: jail "foo" not found\n', code: 1 });
    expect(h.calls).toEqual([]);
  });

  it('prints usage without a jail', () => {
    expect(setup().call(jexecCommand, ['jexec']).code).toBe(1);
  });
});
