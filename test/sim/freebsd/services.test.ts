import { beforeEach, describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { writeBaseSystem } from '../../../src/sim/seed.js';
import { simHost } from '../../helpers/sim-host.js';

const HEADER = 'USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      \n';
let host: SimHost;
const sh = (line: string) => host.exec(line);
const lastLine = (path: string) => host.fs.readFile(path).trimEnd().split('\n').pop();

beforeEach(() => {
  host = simHost('alpha', { hostname: 'alpha.example.org', address: '192.0.2.10' });
});

describe('fresh host daemons (seed + models)', () => {
  it('sockstat shows every stock listener, FreeBSD 14 layout', () => {
    expect(sh('sockstat -4 -l')).toEqual({
      stdout:
        HEADER +
        'root     master       603 3   tcp4   *:25                  *:*\n' +
        'root     sshd         602 3   tcp4   *:22                  *:*\n' +
        'root     inetd        601 3   tcp4   *:21                  *:*\n' +
        'root     syslogd      600 4   udp4   *:514                 *:*\n',
      stderr: '',
      code: 0,
    });
    expect(sh('sockstat -6 -q').stdout).toBe(
      'root     sshd         602 4   tcp6   *:22                  *:*\n' +
        'root     syslogd      600 3   udp6   *:514                 *:*\n',
    );
  });

  it('-w widens the address columns to 45', () => {
    const out = sh('sockstat -4 -w -p 22').stdout.split('\n');
    expect(out[0]).toBe(`USER     COMMAND    PID   FD  PROTO  ${'LOCAL ADDRESS'.padEnd(45)} ${'FOREIGN ADDRESS'.padEnd(45)}`);
    expect(out[1]).toBe(`root     sshd         602 3   tcp4   ${'*:22'.padEnd(45)} *:*`);
  });

  it('pidfiles exist for running daemons', () => {
    expect(sh('cat /var/run/sshd.pid /var/run/syslog.pid').stdout).toBe('602\n600\n');
  });
});

describe('rc.subr messages and exit codes (freebsd.md §8)', () => {
  it.each([
    ['service sshd status', 'sshd is running as pid 602.\n', '', 0],
    ['service sshd start', '', 'sshd already running? (pid=602).\n', 1],
    ['service sshd enabled', '', '', 0],
    ['service jail enabled', '', '', 1],
    ['service ntpd enabled', '', '', 1],
    ['service ntpd status', "Cannot 'status' ntpd. Set ntpd_enable to YES in /etc/rc.conf or use 'onestatus' instead of 'status'.\n", '', 0],
    ['service sendmail start', "Cannot 'start' sendmail. Set sendmail_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.\nCannot 'start' sendmail_msp_queue. Set sendmail_msp_queue_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.\n", '', 0],
    ['service jail start', "Cannot 'start' jail. Set jail_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.\n", '', 0],
    ['service ntpd onestatus', 'ntpd is not running.\n', '', 1],
    ['service ntpd onestop', '', 'ntpd not running? (check /var/run/ntpd.pid).\n', 1],
    ['service syslogd reload', '', '', 0],
    ['service sshd rcvar', '# sshd : Secure Shell Daemon\n#\nsshd_enable="YES"\n#   (default: "")\n\n', '', 0],
    ['service sshd describe', 'Secure Shell Daemon\n', '', 0],
    ['service sshd extracommands', 'configtest keygen reload\n', '', 0],
    ['service sshd configtest', 'Performing sanity check on sshd configuration.\n', '', 0],
    // service.sh @023fc80 echoes this to stdout, without a final period.
    ['service nope start', 'nope does not exist in /etc/rc.d or the local startup\ndirectories (/usr/local/etc/rc.d), or is not executable\n', '', 1],
    [
      'service sshd bogus',
      '',
      "/etc/rc.d/sshd: unknown directive 'bogus'.\nUsage: /etc/rc.d/sshd [fast|force|one|quiet](start|stop|restart|rcvar|enable|disable|delete|enabled|describe|extracommands|configtest|keygen|reload|status|poll)\n",
      1,
    ],
    ['/etc/rc.d/sshd status', 'sshd is running as pid 602.\n', '', 0],
  ])('%s', (line, stdout, stderr, code) => {
    expect(sh(line)).toEqual({ stdout, stderr, code });
  });

  it('stop, stop again, start', () => {
    expect(sh('service syslogd stop')).toEqual({ stdout: 'Stopping syslogd.\nWaiting for PIDS: 600.\n', stderr: '', code: 0 });
    expect(sh('service syslogd stop')).toEqual({ stdout: '', stderr: 'syslogd not running? (check /var/run/syslog.pid).\n', code: 1 });
    expect(sh('service syslogd reload')).toEqual({ stdout: '', stderr: 'syslogd not running? (check /var/run/syslog.pid).\n', code: 1 });
    expect(sh('service syslogd status')).toEqual({ stdout: 'syslogd is not running.\n', stderr: '', code: 1 });
    expect(sh('service syslogd start')).toEqual({ stdout: 'Starting syslogd.\n', stderr: '', code: 0 });
    expect(sh('service syslogd status').stdout).toMatch(/^syslogd is running as pid \d+\.\n$/);
  });

  it('restart of sshd checks the config twice', () => {
    expect(sh('service sshd restart')).toEqual({
      stdout:
        'Performing sanity check on sshd configuration.\nStopping sshd.\nWaiting for PIDS: 602.\n' +
        'Performing sanity check on sshd configuration.\nStarting sshd.\n',
      stderr: '',
      code: 0,
    });
  });

  it('a disabled service still stops while running', () => {
    sh('sysrc sshd_enable=NO');
    expect(sh('service sshd stop').stdout).toBe('Stopping sshd.\nWaiting for PIDS: 602.\n');
    expect(sh('service sshd stop').stdout).toBe("Cannot 'stop' sshd. Set sshd_enable to YES in /etc/rc.conf or use 'onestop' instead of 'stop'.\n");
  });

  // service.sh: `files=\`rcorder ${skip} /etc/rc.d/* ${local_rc}\`` then the enabled ones, so the
  // order is rcorder(8)'s over the rc.d headers (cleanvar < FILESYSTEMS < netif, newsyslog <
  // syslogd, devd, resolv < ... < LOGIN < postfix, sshd, inetd, cron), ties as rcorder.c's qsort leaves them.
  it('service -e lists enabled scripts in boot (rcorder) order', () => {
    expect(sh('service -e').stdout).toBe(
      [
        '/etc/rc.d/cleanvar', '/etc/rc.d/netif', '/etc/rc.d/newsyslog', '/etc/rc.d/syslogd', '/etc/rc.d/devd',
        '/etc/rc.d/resolv', '/usr/local/etc/rc.d/postfix', '/etc/rc.d/sshd', '/etc/rc.d/inetd', '/etc/rc.d/cron',
      ].join('\n') + '\n',
    );
    expect(sh('service -r').stdout).toBe(sh('rcorder -s nostart /etc/rc.d/* /usr/local/etc/rc.d/postfix 2>/dev/null').stdout);
  });

  it('enable/disable go through sysrc', () => {
    expect(sh('service ntpd enable')).toEqual({ stdout: 'ntpd enabled in /etc/rc.conf\n', stderr: '', code: 0 });
    expect(sh('sysrc -n ntpd_enable').stdout).toBe('YES\n');
  });
});

describe('daemon rebinding observable through sockstat (freebsd.md §6)', () => {
  it('sshd: ListenAddress + reload listens only there', () => {
    sh("printf 'ListenAddress 192.0.2.10\\n' >> /etc/ssh/sshd_config");
    expect(sh('service sshd reload')).toEqual({ stdout: 'Performing sanity check on sshd configuration.\n', stderr: '', code: 0 });
    expect(sh('sockstat -4 -6 -l -q -p 22').stdout).toBe('root     sshd         602 3   tcp4   192.0.2.10:22         *:*\n');
  });

  it('sshd: a bad config aborts reload and keeps the old sockets', () => {
    host.fs.appendFile('/etc/ssh/sshd_config', 'ListenAdress 192.0.2.10\n');
    const lineNo = host.fs.readFile('/etc/ssh/sshd_config').split('\n').indexOf('ListenAdress 192.0.2.10') + 1;
    const err = `/etc/ssh/sshd_config: line ${lineNo}: Bad configuration option: ListenAdress\r\n/etc/ssh/sshd_config: terminating, 1 bad configuration options\r\n`;
    expect(sh('sshd -t')).toEqual({ stdout: '', stderr: err, code: 255 });
    expect(sh('service sshd reload')).toEqual({ stdout: 'Performing sanity check on sshd configuration.\n', stderr: err, code: 1 });
    expect(sh('service sshd configtest').code).toBe(1);
    expect(sh('sockstat -4 -q -p 22').stdout).toBe('root     sshd         602 3   tcp4   *:22                  *:*\n');
  });

  it('sshd: an unresolvable ListenAddress fails the check', () => {
    sh("printf 'ListenAddress nowhere.invalid\\n' >> /etc/ssh/sshd_config");
    expect(sh('sshd -t')).toEqual({ stdout: '', stderr: 'bad addr or host: nowhere.invalid (hostname nor servname provided, or not known)\r\n', code: 255 });
  });

  it('sshd: start fails when no address can be bound', () => {
    sh('service sshd stop');
    sh("printf 'ListenAddress 198.51.100.7\\n' >> /etc/ssh/sshd_config");
    expect(sh('service sshd start')).toEqual({
      stdout: 'Performing sanity check on sshd configuration.\nStarting sshd.\n',
      stderr: '/etc/rc.d/sshd: WARNING: failed to start sshd\n',
      code: 1,
    });
    expect(lastLine('/var/log/auth.log')).toBe('Nov 28 15:30:03 alpha sshd: fatal: Cannot bind any address.');
  });

  it('postfix: reload keeps *:25 and warns; restart moves it', () => {
    const cf = '/usr/local/etc/postfix/main.cf';
    host.fs.writeFile(cf, host.fs.readFile(cf).replace(/^inet_interfaces = all$/m, 'inet_interfaces = $myhostname'));
    expect(sh('service postfix reload')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(sh('sockstat -4 -q -p 25').stdout).toBe('root     master       603 3   tcp4   *:25                  *:*\n');
    expect(lastLine('/var/log/maillog')).toBe('Nov 28 15:30:01 alpha postfix/master[603]: warning: to change inet_interfaces, stop and start Postfix');
    expect(sh('service postfix restart').code).toBe(0);
    expect(sh('sockstat -4 -q -p 25').stdout).toMatch(/^root {5}master {4} +\d+ 3 {3}tcp4 {3}192\.0\.2\.10:25 {9}\*:\*\n$/);
  });

  it('syslogd: -ss closes 514, -b binds one address', () => {
    sh('sysrc syslogd_flags=-ss');
    sh('service syslogd restart');
    expect(sh('sockstat -p 514 -q').stdout).toBe('');
    sh('sysrc syslogd_flags="-b 192.0.2.10"');
    sh('service syslogd restart');
    expect(sh('sockstat -q -p 514').stdout).toMatch(/^root {5}syslogd +\d+ 3 {3}udp4 {3}192\.0\.2\.10:514 {8}\*:\*\n$/);
  });

  it('inetd: -a binds the enabled services to one address', () => {
    sh('sysrc inetd_flags="-wW -a 192.0.2.10"');
    expect(sh('service inetd restart').stdout).toBe('Stopping inetd.\nWaiting for PIDS: 601.\nStarting inetd.\n');
    expect(sh('sockstat -4 -q -p 21').stdout).toMatch(/^root {5}inetd +\d+ 3 {3}tcp4 {3}192\.0\.2\.10:21 {9}\*:\*\n$/);
  });

  it('sendmail: NO runs the localhost submit MTA, YES listens everywhere', () => {
    sh('service postfix stop');
    sh('sysrc sendmail_enable=NO');
    expect(sh('service sendmail start')).toEqual({
      stdout: "Cannot 'start' sendmail. Set sendmail_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.\nStarting sendmail_submit.\nStarting sendmail_msp_queue.\n",
      stderr: '',
      code: 0,
    });
    expect(sh('sockstat -4 -q -p 25').stdout).toMatch(/^root {5}sendmail +\d+ 3 {3}tcp4 {3}127\.0\.0\.1:25 {10}\*:\*\n$/);
  });

  it('a jailed sshd binding the wildcard shows the jail IP', () => {
    const fs = host.fs;
    writeBaseSystem(fs, '/usr/jail/www', { hostname: 'www.example.org', address: '192.0.2.50' });
    fs.writeFile('/usr/jail/www/etc/rc.conf', 'sshd_enable="YES"\n');
    host.state.jails.push({ name: 'www', jid: 1, path: '/usr/jail/www', hostname: 'www.example.org', ip4: ['192.0.2.50'], params: {}, state: 'ACTIVE' });
    const r = sh('service -j www sshd start');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Generating ED25519 host key.\n');
    expect(r.stdout.endsWith('Performing sanity check on sshd configuration.\nStarting sshd.\n')).toBe(true);
    expect(sh('sockstat -4 -q -j www').stdout).toMatch(/^root {5}sshd +\d+ 3 {3}tcp4 {3}192\.0\.2\.50:22 {9}\*:\*\n$/);
    expect(sh('service -j nope sshd status')).toEqual({ stdout: '', stderr: 'jexec: jail "nope" not found\n', code: 1 });
  });
});

describe('sysrc end to end through the shell', () => {
  it('edits /etc/rc.conf and reports', () => {
    expect(sh('sysrc syslogd_flags="-ss"')).toEqual({ stdout: 'syslogd_flags: -s -> -ss\n', stderr: '', code: 0 });
    expect(lastLine('/etc/rc.conf')).toBe('syslogd_flags="-ss"');
    expect(sh('sysrc -n hostname sshd_enable').stdout).toBe('alpha.example.org\nYES\n');
  });
});
