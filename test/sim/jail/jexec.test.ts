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

  it('reports an unknown jail', () => {
    const h = setup();
    expect(h.call(jexecCommand, ['jexec', 'foo', 'ls'])).toEqual({ stdout: '', stderr: 'jexec: jail "foo" not found\n', code: 1 });
    expect(h.calls).toEqual([]);
  });

  it('prints usage without a jail', () => {
    expect(setup().call(jexecCommand, ['jexec']).code).toBe(1);
  });
});
