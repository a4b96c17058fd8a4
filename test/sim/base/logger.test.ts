/**
 * logger(1) (usr.bin/logger/logger.c) through syslogd as FreeBSD 14's stock
 * /etc/syslog.conf routes it (usr.sbin/syslogd/syslog.conf, syslog.conf(5)):
 * `*.notice;authpriv.none;kern.debug;lpr.info;mail.crit;news.err
 * /var/log/messages`, `auth.info;authpriv.info /var/log/auth.log`,
 * `mail.info /var/log/maillog`, `*.=debug /var/log/debug.log`. Lines are
 * `Mmm dd hh:mm:ss HOST TAG[PID]: message`, HOST without its domain
 * (syslogd.c, RFC 3164 output). The fresh host's clock is 2025-11-28
 * 15:30:00 UTC and each exec advances it one second.
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

function host(): SimHost {
  return simHost('www', { hostname: 'www.example.org', address: '192.0.2.11' });
}

describe('logger', () => {
  it('logs its operands as one user.notice message tagged with the login name', () => {
    const h = host();
    expect(h.exec('logger hello   world')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('cat /var/log/messages').stdout).toBe('Nov 28 15:30:01 www root: hello world\n');
  });

  it('-t sets the tag, -i adds the pid, -s copies the message to stderr', () => {
    const h = host();
    const r = h.exec('logger -s -i -t backup done');
    expect(r.stderr).toMatch(/^backup\[(\d+)\]: done\n$/);
    const pid = /\[(\d+)\]/.exec(r.stderr)![1];
    expect(h.exec('cat /var/log/messages').stdout).toBe(`Nov 28 15:30:01 www backup[${pid}]: done\n`);
  });

  it('logs each line of stdin as its own message', () => {
    const h = host();
    h.exec("printf 'one\\ntwo\\n' | logger -t lines");
    expect(h.exec('cat /var/log/messages').stdout).toBe('Nov 28 15:30:01 www lines: one\nNov 28 15:30:01 www lines: two\n');
  });

  it('routes by facility and level: auth.info to auth.log only, mail.err to maillog only (mail.crit overrides *.notice)', () => {
    const h = host();
    h.exec('logger -p auth.info a-msg; logger -p mail.err m-msg');
    expect(h.exec('cat /var/log/messages').stdout).toBe('');
    expect(h.exec('tail -n 1 /var/log/auth.log; tail -n 1 /var/log/maillog').stdout).toBe('Nov 28 15:30:01 www root: a-msg\nNov 28 15:30:01 www root: m-msg\n');
  });

  it('writes only to log files that exist (syslogd opens them without O_CREAT)', () => {
    const h = host();
    h.exec('logger -p local0.debug first');
    expect(h.exec('ls /var/log/debug.log; echo $?').stdout).toBe('1\n');
    h.exec('touch /var/log/debug.log; logger -p local0.debug second');
    expect(h.exec('cat /var/log/debug.log').stdout).toBe('Nov 28 15:30:03 www root: second\n');
  });

  it('rejects unknown facility and priority names (pencode)', () => {
    expect(host().exec('logger -p bogus.info x; echo $?; logger -p user.bogus x; echo $?')).toEqual({
      stdout: '1\n1\n',
      stderr: 'logger: unknown facility name: bogus\nlogger: unknown priority name: user.bogus\n',
      code: 0,
    });
  });

  it('loses the message when syslogd is not running', () => {
    const h = host();
    h.exec('service syslogd stop >/dev/null 2>&1; : > /var/log/messages; logger lost');
    expect(h.exec('cat /var/log/messages').stdout).toBe('');
  });
});
