/**
 * jail(8) exec.* commands, from FreeBSD's usr.sbin/jail/tests/jail_basic_test.sh
 * ("commands" with commands.jail.conf, "param_consistency"): commands outside
 * the jail see JID, JNAME and JPATH; their output is shown, also under -q,
 * which hides only jail(8)'s own notes (jail.8 -q: "Suppress the message
 * printed whenever a jail is created, modified or removed").
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

// commands.jail.conf as the upstream test builds it (exec.poststart = "env" is how it reads the environment).
const CONF = 'exec.prestop = "echo STOP";\nexec.prestart = "echo START";\nexec.poststart = "env";\npersist;\n\nbasejail {}\npath = "/usr/jail/base";\n';

function host(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  h.fs.mkdir('/usr/jail/base', { parents: true });
  h.fs.writeFile('/root/jail.conf', CONF);
  return h;
}

describe('jail(8) exec.* environment and output', () => {
  it('commands: -qc shows exec.prestart output and exec.poststart sees JID, JNAME, JPATH', () => {
    const r = host().exec('cd /root && jail -f jail.conf -qc basejail');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('START');
    expect(lines).toContain('JID=1');
    expect(lines).toContain('JNAME=basejail');
    expect(lines).toContain('JPATH=/usr/jail/base');
  });

  it('commands: exec.prestop by jail name under -q prints exactly "STOP\\n"', () => {
    const h = host();
    h.exec('cd /root && jail -f jail.conf -qc basejail');
    expect(h.exec('cd /root && jail -f jail.conf -qr basejail')).toEqual({ stdout: 'STOP\n', stderr: '', code: 0 });
  });

  it('commands: exec.prestop by jid under -q prints exactly "STOP\\n"', () => {
    const h = host();
    h.exec('cd /root && jail -f jail.conf -qc basejail');
    expect(h.exec('cd /root && jail -f jail.conf -qr `jls -j basejail jid`')).toEqual({ stdout: 'STOP\n', stderr: '', code: 0 });
    expect(h.exec('jls -j basejail').code).toBe(1);
  });

  it('without -q the "removed" note comes after exec.prestop and before exec.poststop (jail.c stopcommands[])', () => {
    const h = host();
    h.fs.writeFile('/root/jail.conf', 'basejail { path = /usr/jail/base; persist; exec.prestop = "echo PRE"; exec.poststop = "echo POST"; }\n');
    h.exec('jail -f /root/jail.conf -c basejail');
    expect(h.exec('jail -f /root/jail.conf -r basejail')).toEqual({ stdout: 'PRE\nbasejail: removed\nPOST\n', stderr: '', code: 0 });
  });

  it('param_consistency: exec.poststop still sees the removed jail\'s JID', () => {
    const h = host();
    h.fs.writeFile('/root/jail.conf', "basejail {path = /; exec.poststop = 'echo JID=$JID'; persist; }\n");
    h.exec('jail -f /root/jail.conf -c basejail');
    expect(h.exec('jail -f /root/jail.conf -r basejail').stdout).toBe('basejail: removed\nJID=1\n');
  });

  it('param_consistency: exec.prestop on a jid-named jail prints STOP', () => {
    const h = host();
    h.fs.writeFile('/root/jail.conf', "5309 {path = /; exec.prestop = 'echo STOP'; persist; }\n");
    expect(h.exec('jail -f /root/jail.conf -c 5309')).toEqual({ stdout: '5309: created\n', stderr: '', code: 0 });
    expect(h.exec('jail -f /root/jail.conf -r 5309')).toEqual({ stdout: 'STOP\n5309: removed\n', stderr: '', code: 0 });
  });

  it('a failing exec.prestop leaves the jail running and exits 1 (jail.c: failed jail with a jid skips the removal)', () => {
    const h = host();
    h.fs.writeFile('/root/jail.conf', 'basejail { path = /; persist; exec.prestop = "false"; }\n');
    h.exec('jail -f /root/jail.conf -c basejail');
    expect(h.exec('jail -f /root/jail.conf -r basejail')).toEqual({ stdout: '', stderr: 'jail: basejail: false: failed\n', code: 1 });
    expect(h.exec('jls -j basejail name')).toEqual({ stdout: 'basejail\n', stderr: '', code: 0 });
  });
});
