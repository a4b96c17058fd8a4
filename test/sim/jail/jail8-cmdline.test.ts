/**
 * jail(8) with parameters on the command line and -r without a config
 * file (usr.sbin/jail/jail.c main(): the config is read for -r only when it
 * exists; note_remove; command.c IP__OP notes only named jails), checked
 * against FreeBSD's usr.sbin/jail/tests/jail_basic_test.sh.
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

const ok = (stdout = '') => ({ stdout, stderr: '', code: 0 });

function host(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  if (h.fs.stat('/etc/jail.conf')) h.fs.remove('/etc/jail.conf');
  return h;
}

describe('jail(8) without /etc/jail.conf', () => {
  it('basic: -c name=… persist prints nothing and -r NAME removes it silently', () => {
    const h = host();
    expect(h.exec('jail -c name=basejail persist ip4.addr=192.0.1.1')).toEqual(ok());
    expect(h.exec('jail -r basejail')).toEqual(ok());
    expect(h.exec('jls -j basejail').code).toBe(1);
  });

  it('basic: -r by jid', () => {
    const h = host();
    h.exec('jail -c name=basejail persist ip4.addr=192.0.1.1');
    expect(h.exec('jail -r `jls -j basejail jid`')).toEqual(ok());
    expect(h.exec('jls -j basejail').code).toBe(1);
  });

  it('basic: -cm creates, -rc restarts a command-line jail with a new jid', () => {
    const h = host();
    expect(h.exec('jail -cm name=basejail persist ip4.addr=192.0.1.1')).toEqual(ok());
    expect(h.exec('jail -rc name=basejail persist ip4.addr=192.0.1.1')).toEqual(ok());
    expect(h.exec('jls -j basejail jid')).toEqual(ok('2\n'));
  });

  it('-rc on a jail that is not running: "not found", nothing created (jail.c JF_RESTART, jid < 0)', () => {
    const h = host();
    expect(h.exec('jail -rc name=basejail persist')).toEqual({ stdout: '', stderr: 'jail: "basejail" not found\n', code: 1 });
    expect(h.exec('jls -j basejail').code).toBe(1);
  });

  it('-r with several jails notes each removal (note_remove: argc > 1)', () => {
    const h = host();
    h.exec('jail -c name=a persist && jail -c name=b persist');
    expect(h.exec('jail -r a b')).toEqual(ok('b: removed\na: removed\n'));
  });

  it('-r with no jail is a usage error (jail.c: op == JF_STOP needs an argument)', () => {
    const r = host().exec('jail -r');
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith('usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n')).toBe(true);
  });

  it('-r on a jail that does not exist', () => {
    expect(host().exec('jail -r nosuch')).toEqual({ stdout: '', stderr: 'jail: "nosuch" not found\n', code: 1 });
  });

  it('param_consistency: command=/usr/bin/true runs in a jail that goes away, silently', () => {
    const h = host();
    expect(h.exec('jail -c path=/ exec.poststart="true" command=/usr/bin/true')).toEqual(ok());
    expect(h.exec('jls')).toEqual(ok('   JID  IP Address      Hostname                      Path\n'));
  });

  // jail(8) "command": the command runs in the new jail with jail(8)'s own stdin, as `jail -c path=/ command=/bin/sh`
  // at a terminal gives an interactive shell (command.c run_command forks and execs without touching fd 0).
  it('command reads jail(8)\'s stdin', () => {
    expect(host().exec('echo from the host | jail -c path=/ command=/bin/sh -c "read -r l; echo got:\\$l"')).toEqual(ok('got:from the host\n'));
  });

  it('-c on a running command-line jail: "already exists" from its name parameter (jail_quoted_warnx)', () => {
    const h = host();
    h.exec('jail -c name=basejail persist');
    expect(h.exec('jail -c name=basejail persist')).toEqual({ stdout: '', stderr: 'jail: "basejail" already exists\n', code: 1 });
  });

  it('-m NAME param=value: every argument is a parameter, so NAME is an unknown one (libjail jailparam_type)', () => {
    const h = host();
    h.exec('jail -c name=basejail persist');
    expect(h.exec('jail -m basejail host.hostname=x')).toEqual({ stdout: '', stderr: 'jail: unknown parameter: basejail\n', code: 1 });
  });

  it('-m name=NAME param=value updates the jail with no note (unnamed command-line jail)', () => {
    const h = host();
    h.exec('jail -c name=basejail persist ip4.addr=192.0.2.50');
    expect(h.exec('jail -m name=basejail host.hostname=x.example.org')).toEqual(ok());
    expect(h.exec('jls -j basejail host.hostname ip4.addr')).toEqual(ok('x.example.org 192.0.2.50\n'));
  });

  it('nested: jail(8) inside a jail with children.max 0 cannot create one', () => {
    const h = host();
    h.exec('jail -c name=basejail_nochild path=/ persist ip4.addr=192.0.1.1');
    expect(h.exec('jexec basejail_nochild jail -c name=nestedjail persist ip4.addr=192.0.1.1')).toEqual({
      stdout: '',
      stderr: 'jail: jail_set: Operation not permitted\n',
      code: 1,
    });
  });
});
