import { describe, expect, it } from 'vitest';
import { FactParseError } from '../../src/modules/facts/fact-parse-error.js';
import { inetdFlags, syslogdFlags } from '../../src/modules/rebind/flags.js';
import { jailIpsFact } from '../../src/modules/rebind/jail-ips.js';
import { listenersFact } from '../../src/modules/rebind/listeners.js';
import { withInetInterfaces } from '../../src/modules/rebind/main-cf.js';
import { withListenAddresses } from '../../src/modules/rebind/sshd-config.js';
import { verifyCommand } from '../../src/modules/rebind/verify.js';
import { writeBaseSystem } from '../../src/sim/seed.js';
import { fail, ok } from './harness.js';
import { simHost } from '../helpers/sim-host.js';

describe('sockstat -4l parsing', () => {
  const parse = (stdout: string) => listenersFact().parse(ok(stdout));

  it('reads FreeBSD 14 rows, marks PIDs seen under `sockstat -j` as jailed', () => {
    const out =
      'USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      \n' +
      'root     sshd         700 3   tcp4   192.0.2.111:22        *:*\n' +
      'root     syslogd      600 4   udp4   *:514                 *:*\n' +
      '@@jailfleet-jail 1\n' +
      'root     sshd         700 3   tcp4   192.0.2.111:22        *:*\n';
    expect(parse(out)).toEqual([
      { user: 'root', command: 'sshd', pid: 700, proto: 'tcp4', addr: '192.0.2.111', port: '22', jailed: true },
      { user: 'root', command: 'syslogd', pid: 600, proto: 'udp4', addr: '*', port: '514', jailed: false },
    ]);
  });

  it('copes with the 12/13 FD width, "??" descriptors and a COMMAND with a space', () => {
    const rows = parse('root     my daemon    812 ?? tcp4   10.0.0.1:8080         *:*\n');
    expect(rows).toEqual([{ user: 'root', command: 'my daemon', pid: 812, proto: 'tcp4', addr: '10.0.0.1', port: '8080', jailed: false }]);
  });

  it('refuses output it cannot read', () => {
    expect(() => parse('garbage\n')).toThrow(FactParseError);
    expect(() => listenersFact().parse(fail(1, 'sockstat: jail "1" not found\n'))).toThrow(/sockstat failed/);
  });
});

describe('jls -v --libxo json parsing', () => {
  it('collects every IPv4 address of every jail', () => {
    const out = ok('{"__version":"2","jail-information":{"jail":[{"jid":1,"ipv4_addrs":["192.0.2.111","192.0.2.112"]},{"jid":2,"ipv4":"192.0.2.120"},{"jid":3,"ipv4_addrs":[]}]}}\n');
    expect(jailIpsFact().parse(out)).toEqual(['192.0.2.111', '192.0.2.112', '192.0.2.120']);
    expect(jailIpsFact().parse(ok('{"__version":"2","jail-information":{"jail":[]}}\n'))).toEqual([]);
    expect(() => jailIpsFact().parse(ok('   JID  IP Address\n'))).toThrow(/did not print JSON/);
  });
});

describe('rc.conf flags', () => {
  it('syslogd: -s/-ss/-b are replaced, other flags kept', () => {
    expect(syslogdFlags('-s', 'none', '192.0.2.11')).toBe('-ss');
    expect(syslogdFlags('-4 -s -b 10.0.0.1 -v', 'none', '192.0.2.11')).toBe('-4 -v -ss');
    expect(syslogdFlags('-s -b10.0.0.1', 'bind', '192.0.2.11')).toBe('-b 192.0.2.11');
  });

  it('inetd: -a ADDR is added to the defaults and replaces an earlier -a', () => {
    expect(inetdFlags('-wW -C 60', '192.0.2.11')).toBe('-wW -C 60 -a 192.0.2.11');
    expect(inetdFlags('-wW -a10.0.0.1 -C 60', '192.0.2.11')).toBe('-wW -C 60 -a 192.0.2.11');
    expect(inetdFlags('', '192.0.2.11')).toBe('-a 192.0.2.11');
  });
});

describe('sshd_config ListenAddress', () => {
  it('replaces every ListenAddress (commented or not) at the place of the first', () => {
    const text = 'Port 22\n#ListenAddress 0.0.0.0\nPermitRootLogin no\n  ListenAddress 10.0.0.1\n';
    expect(withListenAddresses(text, ['192.0.2.11'])).toBe('Port 22\nListenAddress 192.0.2.11\nPermitRootLogin no\n');
  });

  it('goes before the first Match block when the file has none', () => {
    const text = 'Port 22\nMatch User anoncvs\n\tX11Forwarding no\n';
    expect(withListenAddresses(text, ['192.0.2.11', '10.0.0.5'])).toBe('Port 22\nListenAddress 192.0.2.11\nListenAddress 10.0.0.5\nMatch User anoncvs\n\tX11Forwarding no\n');
  });

  it('appends after an unterminated last line, and is stable once applied', () => {
    const once = withListenAddresses('Port 22', ['192.0.2.11']);
    expect(once).toBe('Port 22\nListenAddress 192.0.2.11\n');
    expect(withListenAddresses(once, ['192.0.2.11'])).toBe(once);
  });
});

describe('main.cf inet_interfaces', () => {
  it('replaces the active assignments (with continuation lines) where the last one was; comments stay', () => {
    const text = '#inet_interfaces = $myhostname\ninet_interfaces = all\nmyhostname = h1\ninet_interfaces = 10.0.0.1,\n    10.0.0.2\ninet_protocols = ipv4\n';
    expect(withInetInterfaces(text, '$myhostname')).toBe(
      '#inet_interfaces = $myhostname\nmyhostname = h1\ninet_interfaces = $myhostname\ninet_protocols = ipv4\n',
    );
  });

  it('appends when there is none', () => {
    expect(withInetInterfaces('mail_owner = postfix', '192.0.2.11')).toBe('mail_owner = postfix\ninet_interfaces = 192.0.2.11\n');
  });
});

// The verification text is shell: run it on a simulated host rather than only reading it.
describe('verification step on a simulated host', () => {
  const verify = verifyCommand({
    daemons: [
      { name: 'syslogd', command: 'syslogd' },
      { name: 'sshd', command: 'sshd' },
      { name: 'postfix', command: 'master' },
    ],
    jailIps: ['192.0.2.111'],
  });

  it('names every daemon still on the wildcard', () => {
    const h = simHost('t', { hostname: 't', address: '192.0.2.11' });
    expect(h.exec(verify)).toEqual({
      stdout: '',
      stderr: 'postfix (master) still listens on *:25\nsshd (sshd) still listens on *:22\nsyslogd (syslogd) still listens on *:514\n',
      code: 1,
    });
  });

  it('passes once they moved, ignores jailed daemons, and flags any host process on a jail address', () => {
    const h = simHost('t', { hostname: 't', address: '192.0.2.11' });
    const setup = h.exec(
      `sysrc syslogd_flags=-ss && service syslogd onerestart && printf 'ListenAddress 192.0.2.11\\n' >> /etc/ssh/sshd_config && service sshd onereload && ` +
        `sed -i '' 's/^inet_interfaces = all/inet_interfaces = 192.0.2.11/' /usr/local/etc/postfix/main.cf && service postfix onerestart && ` +
        `mkdir -p /usr/jails/www && jail -c name=www path=/usr/jails/www 'ip4.addr=em0|192.0.2.111/32' persist`,
    );
    expect(setup.code).toBe(0);
    // The jail's own sshd on its address is what the jail is for.
    writeBaseSystem(h.fs, '/usr/jails/www', { hostname: 'www', address: '192.0.2.111' });
    expect(h.exec('service -j www sshd onestart').code).toBe(0);
    expect(h.exec('sockstat -4l').stdout).toMatch(/sshd .* 192\.0\.2\.111:22 /);
    expect(h.exec(verify)).toEqual({ stdout: '', stderr: '', code: 0 });
    // inetd (not in this check's daemon list) moved onto the jail's address.
    h.exec(`sysrc inetd_flags='-wW -a 192.0.2.111' && service inetd onerestart`);
    const pid = /inetd is running as pid (\d+)/.exec(h.exec('service inetd onestatus').stdout)?.[1];
    expect(h.exec(verify)).toMatchObject({ stderr: `inetd (pid ${pid}) listens on 192.0.2.111:21, an address of a jail on this host\n`, code: 1 });
  });
});
