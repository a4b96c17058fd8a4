/**
 * FreeBSD's own jail(8) ATF cases (usr.sbin/jail/tests/jail_basic_test.sh,
 * commands.jail.conf) run on the simulated host. Each `atf_check` becomes an
 * expectation: exit status, and stdout/stderr as the case checks them
 * (`-o empty`, `-o inline:`, `-o match:`; `-o ignore` checks only the status).
 * Left out: "list" (VNET epairs), "setaudit" (audit), the nested jail that
 * children.max=1 would allow (no hierarchical jails in the simulator).
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import type { SimResult } from '../../../src/sim/types.js';
import { simHost } from '../../helpers/sim-host.js';

function atfHost(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  if (h.fs.stat('/etc/jail.conf')) h.fs.remove('/etc/jail.conf');
  h.fs.mkdir('/tmp/atf', { parents: true });
  return h;
}

/** atf_check -s exit:N [-o empty] [-e empty]. */
function check(r: SimResult, code: number, out?: string, err?: string): void {
  expect(r.code).toBe(code);
  if (out !== undefined) expect(r.stdout).toBe(out);
  if (err !== undefined) expect(r.stderr).toBe(err);
}

describe('jail_basic_test.sh', () => {
  it('basic', () => {
    const h = atfHost();
    check(h.exec('jail -c name=basejail persist ip4.addr=192.0.1.1'), 0);
    check(h.exec('jls'), 0);
    check(h.exec('jls -v'), 0);
    check(h.exec('jls -n'), 0);
    check(h.exec('jail -r basejail'), 0);
    h.exec('jail -c name=basejail persist ip4.addr=192.0.1.1');
    check(h.exec('jail -r `jls -j basejail jid`'), 0);
    check(h.exec('jail -cm name=basejail persist ip4.addr=192.0.1.1'), 0);
    check(h.exec('jail -rc name=basejail persist ip4.addr=192.0.1.1'), 0);
    check(h.exec('jail -r basejail'), 0); // basic_cleanup
  });

  it('nested (the children.max=0 half)', () => {
    const h = atfHost();
    h.exec('jail -c name=basejail_nochild persist ip4.addr=192.0.1.1');
    check(h.exec('jexec basejail_nochild jail -c name=nestedjail persist ip4.addr=192.0.1.1'), 1, '', 'jail: jail_set: Operation not permitted\n');
  });

  it('commands', () => {
    const h = atfHost();
    h.fs.writeFile('/tmp/atf/jail.conf', '\nexec.prestop = "echo STOP";\nexec.prestart = "echo START";\nexec.poststart = "env";\npersist;\n\nbasejail {}\npath = "/tmp/atf";\n');
    const c = h.exec('cd /tmp/atf && jail -f jail.conf -qc basejail');
    check(c, 0, undefined, '');
    expect(c.stdout).toMatch(/^START$/m);
    expect(c.stdout).toMatch(/^JID=[0-9]+/m);
    expect(c.stdout).toMatch(/^JNAME=basejail$/m);
    expect(c.stdout).toMatch(/^JPATH=\/tmp\/atf$/m);
    check(h.exec('cd /tmp/atf && jail -f jail.conf -qr basejail'), 0, 'STOP\n');
    h.exec('cd /tmp/atf && jail -f jail.conf -qc basejail');
    check(h.exec('cd /tmp/atf && jail -f jail.conf -qr `jls -j basejail jid`'), 0, 'STOP\n');
  });

  it('jid_name_set', () => {
    const h = atfHost();
    const jid = '5309';
    h.exec(`cd /tmp/atf && echo "${jid} { name = basejail; persist; }" > jail.conf`);
    expect(h.exec(`cd /tmp/atf && jail -f jail.conf -c "${jid}"`).stdout).toMatch(`${jid}: created`);
    expect(h.exec(`jls -j "${jid}" name`).stdout).toMatch('basejail');
    expect(h.exec(`cd /tmp/atf && jail -f jail.conf -r "${jid}"`).stdout).toMatch(`${jid}: removed`);

    h.exec(`cd /tmp/atf && echo "${jid} { host.hostname = \\"\\\${name}\\"; persist; }" > jail.conf`);
    expect(h.exec(`cd /tmp/atf && jail -f jail.conf -c "${jid}"`).stdout).toMatch(`${jid}: created`);
    expect(h.exec(`jls -j "${jid}" host.hostname`).stdout).toMatch(jid);
    expect(h.exec(`cd /tmp/atf && jail -f jail.conf -r "${jid}"`).stdout).toMatch(`${jid}: removed`);

    h.exec(`cd /tmp/atf && echo "basejail { jid = ${jid}; persist; }" > jail.conf`);
    expect(h.exec('cd /tmp/atf && jail -f jail.conf -c basejail').stdout).toMatch('basejail: created');
    expect(h.exec('jls -j "basejail" jid').stdout).toMatch(jid);
    expect(h.exec('cd /tmp/atf && jail -f jail.conf -r basejail').stdout).toMatch('basejail: removed');
  });

  it('param_consistency (without the vnet.interface step)', () => {
    const h = atfHost();
    check(h.exec('jail -c path=/ exec.poststart="true" command=/usr/bin/true'), 0, '', '');

    h.exec("cd /tmp/atf && echo \"basejail {path = /; exec.prestop = 'echo STOP'; persist; }\" > jail.conf");
    check(h.exec('cd /tmp/atf && jail -f jail.conf -c basejail'), 0);
    expect(h.exec('cd /tmp/atf && jail -f jail.conf -r basejail').stdout).toMatch('STOP');

    h.exec("cd /tmp/atf && echo \"5309 {path = /; exec.prestop = 'echo STOP'; persist; }\" > jail.conf");
    check(h.exec('cd /tmp/atf && jail -f jail.conf -c 5309'), 0);
    expect(h.exec('cd /tmp/atf && jail -f jail.conf -r 5309').stdout).toMatch('STOP');

    h.exec("cd /tmp/atf && echo \"5309 {name = basejail; path = /; exec.prestop = 'echo STOP'; persist; }\" > jail.conf");
    check(h.exec('cd /tmp/atf && jail -f jail.conf -c 5309'), 0);
    expect(h.exec('cd /tmp/atf && jail -f jail.conf -r 5309').stdout).toMatch('STOP');

    h.exec("cd /tmp/atf && echo \"basejail {path = /; exec.poststop = 'echo JID=\\$JID'; persist; }\" > jail.conf");
    check(h.exec('cd /tmp/atf && jail -f jail.conf -c basejail'), 0);
    const jid = h.exec('jls -j basejail jid').stdout.trim();
    expect(h.exec('cd /tmp/atf && jail -f jail.conf -r basejail').stdout).toMatch(`JID=${jid}`);
  });
});
