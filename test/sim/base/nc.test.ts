/**
 * nc -z against the simulated host's listening sockets (what sockstat -l
 * shows). Expectations follow FreeBSD's contrib/netcat/netcat.c (OpenBSD
 * netcat): main's `if (vflag || zflag)` success line on stderr,
 * remote_connect's warn() with -v, build_ports, strtonum errors, usage().
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { writeBaseSystem } from '../../../src/sim/seed.js';
import { simHost } from '../../helpers/sim-host.js';

/** A fresh host (192.0.2.23): sshd *:22 (tcp4+tcp6), inetd *:21, postfix *:25 (tcp4), syslogd udp 514. */
function host(): SimHost {
  return simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
}

/** The same host with a running jail `www` at 192.0.2.10 (an em0 alias), its root a base system. */
function withJail(): SimHost {
  const h = host();
  writeBaseSystem(h.fs, '/usr/jail/www');
  h.fs.writeFile('/etc/jail.conf', 'www {\n  path = /usr/jail/www;\n  host.hostname = www.example.org;\n  ip4.addr = "em0|192.0.2.10/32";\n  persist;\n}\n');
  expect(h.exec('jail -c www').code).toBe(0);
  return h;
}

describe('nc -z', () => {
  it('exits 0 on a listening port and reports it on stderr even without -v', () => {
    // netcat.c main: ret = 0 once connected; `if (vflag || zflag)` prints
    // "Connection to %s %s port [%s/%s] succeeded!\n" (getservbyport: ssh).
    expect(host().exec('nc -z 192.0.2.23 22')).toEqual({ stdout: '', stderr: 'Connection to 192.0.2.23 22 port [tcp/ssh] succeeded!\n', code: 0 });
    expect(host().exec('/usr/bin/nc -z -w 2 h1.example.org 25').stderr).toBe('Connection to h1.example.org 25 port [tcp/smtp] succeeded!\n');
  });

  it('exits 1 with no output on a closed port; -v warns "connect to ... failed: Connection refused"', () => {
    const h = host();
    expect(h.exec('nc -z 192.0.2.23 8080')).toEqual({ stdout: '', stderr: '', code: 1 });
    // remote_connect: `else if (vflag) warn("connect to %s port %s (%s) failed", ...)` -> ": strerror(errno)".
    expect(h.exec('nc -zv 192.0.2.23 8080')).toEqual({ stdout: '', stderr: 'nc: connect to 192.0.2.23 port 8080 (tcp) failed: Connection refused\n', code: 1 });
  });

  it('tries every address of a name in turn (localhost: ::1, then 127.0.0.1)', () => {
    // postfix listens on tcp4 *:25 only: the ::1 attempt is refused, 127.0.0.1 connects.
    expect(host().exec('nc -zv localhost 25')).toEqual({
      stdout: '',
      stderr: 'nc: connect to localhost port 25 (tcp) failed: Connection refused\nConnection to localhost 25 port [tcp/smtp] succeeded!\n',
      code: 0,
    });
    expect(host().exec('nc -z -4 localhost 25').stderr).toBe('Connection to localhost 25 port [tcp/smtp] succeeded!\n');
  });

  it('cannot reach addresses outside the host: the connect times out', () => {
    const h = host();
    expect(h.exec('nc -z -w 1 198.51.100.7 22')).toEqual({ stdout: '', stderr: '', code: 1 });
    expect(h.exec('nc -zv -w 1 198.51.100.7 22').stderr).toBe('nc: connect to 198.51.100.7 port 22 (tcp) failed: Operation timed out\n');
  });

  it('scans a port range and prints "*" for an unnamed port with -n', () => {
    // build_ports: lo-hi, swapped when reversed; -n: sv = NULL -> "*".
    expect(host().exec('nc -zn 192.0.2.23 23-21')).toEqual({
      stdout: '',
      stderr: 'Connection to 192.0.2.23 21 port [tcp/*] succeeded!\nConnection to 192.0.2.23 22 port [tcp/*] succeeded!\n',
      code: 0,
    });
  });

  it('a host daemon bound to * answers on a jail address; a jailed one only on its jail', () => {
    const h = withJail();
    // Host sshd *:22 accepts connections to every local address, the jail's alias included.
    expect(h.exec('nc -z 192.0.2.10 22').code).toBe(0);
    // A daemon in the jail, bound to * (it has two addresses, so sockstat shows *:8080).
    h.state.jails[0]!.ip4.push('192.0.2.11');
    h.state.processes.push({ service: 'web', command: 'httpd', user: 'www', pid: 900, jail: 'www', listeners: [{ proto: 'tcp4', addr: '*', port: 8080, fd: 3 }] });
    expect(h.exec('nc -z 192.0.2.10 8080').code).toBe(0);
    expect(h.exec('nc -z 192.0.2.23 8080').code).toBe(1);
  });

  it('inside a jail, loopback is the jail\'s own address (prison_remote_ip4)', () => {
    const h = withJail();
    expect(h.exec('jexec www nc -z 127.0.0.1 22')).toEqual({ stdout: '', stderr: 'Connection to 127.0.0.1 22 port [tcp/ssh] succeeded!\n', code: 0 });
    expect(h.exec('jexec www nc -z 127.0.0.1 25').code).toBe(0); // postfix *:25 on the host
    expect(h.exec('jexec www nc -z 127.0.0.1 26').code).toBe(1);
    // getservbyport reads the jail's own /etc/services: none there, "*".
    h.fs.remove('/usr/jail/www/etc/services');
    expect(h.exec('jexec www nc -z 127.0.0.1 22').stderr).toBe('Connection to 127.0.0.1 22 port [tcp/*] succeeded!\n');
  });

  it.each([
    // build_ports: strtonum(p, 1, PORT_MAX) -> errx(1, "port number %s: %s").
    ['nc -z 192.0.2.23 ssh', 'nc: port number invalid: ssh\n'],
    ['nc -z 192.0.2.23 70000', 'nc: port number too large: 70000\n'],
    // -w: strtonum(optarg, 0, INT_MAX / 1000) -> errx(1, "timeout %s: %s").
    ['nc -z -w x 192.0.2.23 22', 'nc: timeout invalid: x\n'],
    // remote_connect: errx(1, "getaddrinfo: %s", gai_strerror(EAI_NONAME)).
    ['nc -z nosuchhost 22', 'nc: getaddrinfo: hostname nor servname provided, or not known\n'],
    ['nc -zn localhost 22', 'nc: getaddrinfo: hostname nor servname provided, or not known\n'],
  ])('%s fails', (cmd, stderr) => {
    expect(host().exec(cmd)).toEqual({ stdout: '', stderr, code: 1 });
  });

  it('prints usage without a port (usage(1))', () => {
    const r = host().exec('nc -z 192.0.2.23');
    expect([r.stdout, r.code]).toEqual(['', 1]);
    expect(r.stderr.startsWith('usage: nc [-46DdEhklnrStUuvz] [-e policy]')).toBe(true);
  });
});
