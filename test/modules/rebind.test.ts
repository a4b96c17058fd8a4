import { TEMP_CLEANUP } from '../../src/modules/file-edit/atomic-write.js';
import { describe, expect, it } from 'vitest';
import { rebindModule } from '../../src/modules/rebind/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { freebsdFile } from '../helpers/freebsd-files.js';
import { commands, context, fail, fileCmd, lsFile, ok, planOne, type Captured } from './harness.js';

// Captured output of a stock FreeBSD 14.2 host with postfix, running one jail
// (www, 192.0.2.111) whose own sshd listens on the jail address.
// The fact commands are written out here, not taken from the module, so a
// change to the command text the module sends fails these tests.
const LISTENERS_COMMAND =
  `sockstat -4l && for jf_j in $(jls jid); do printf '%s %s\\n' @@jailfleet-jail "$jf_j"; sockstat -4lq -j "$jf_j" || exit 1; done`;
const HEADER = 'USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      \n';
const JAILED = 'root     sshd         700 3   tcp4   192.0.2.111:22        *:*\n';
const sockstat = (rows: string) => ok(`${HEADER}${JAILED}${rows}@@jailfleet-jail 1\n${JAILED}`);
const STOCK_ROWS =
  'root     master       603 3   tcp4   *:25                  *:*\n' +
  'root     sshd         602 3   tcp4   *:22                  *:*\n' +
  'root     inetd        601 3   tcp4   *:21                  *:*\n' +
  'root     syslogd      600 4   udp4   *:514                 *:*\n';
const CLEAN_ROWS =
  'root     master       612 3   tcp4   192.0.2.11:25         *:*\n' +
  'root     sshd         602 3   tcp4   192.0.2.11:22         *:*\n' +
  'root     inetd        611 3   tcp4   192.0.2.11:21         *:*\n';

const JLS = 'jls -v --libxo json';
const JLS_OUT = ok('{"__version":"2","jail-information":{"jail":[{"jid":1,"hostname":"www.example.org","path":"/usr/jails/www","name":"www","state":"ACTIVE","cpusetid":2,"ipv4_addrs":["192.0.2.111"]}]}}\n');
const rc = (name: string) => `sysrc -f /etc/rc.conf -n ${name}`;
const status = (name: string) => `service ${name} onestatus`;
const running = (name: string, pid: number) => ok(`${name} is running as pid ${pid}.\n`);
const SESSION = `printf '%s\\n' "\${SSH_CONNECTION:-}"`;
const SSHD = '/etc/ssh/sshd_config';
const MAINCF = '/usr/local/etc/postfix/main.cf';
// FreeBSD 14.2's stock /etc/ssh/sshd_config (test/fixtures/freebsd/README.md), not the simulator's seed.
const SSHD_CONFIG = freebsdFile('etc/ssh/sshd_config');
const CONVERGED_SSHD = SSHD_CONFIG.replace('#ListenAddress 0.0.0.0\n#ListenAddress ::\n', 'ListenAddress 192.0.2.11\n');
// The RECEIVING MAIL part of postfix's stock conf/main.cf (as the mail/postfix
// port installs it): every inet_interfaces line is a commented example, so the
// default (all) applies and the module appends its assignment at the end.
const MAIN_CF = `# RECEIVING MAIL

# The inet_interfaces parameter specifies the network interface
# addresses that this mail system receives mail on.  By default,
# the software claims all active interfaces on the machine. The
# parameter also controls delivery of mail to user@[ip.address].
#
# See also the proxy_interfaces parameter, for network addresses that
# are forwarded to us via a proxy or network address translator.
#
# Note: you need to stop/start Postfix when this parameter changes.
#
#inet_interfaces = all
#inet_interfaces = $myhostname
#inet_interfaces = $myhostname, localhost
`;
const CONVERGED_MAINCF = `${MAIN_CF}inet_interfaces = $myhostname\n`;

function stock(over: Captured = {}): Captured {
  return {
    [LISTENERS_COMMAND]: sockstat(STOCK_ROWS),
    [JLS]: JLS_OUT,
    [rc('syslogd_flags')]: ok('-s\n'),
    [rc('inetd_flags')]: ok('-wW -C 60\n'),
    [rc('sendmail_enable')]: ok('NONE\n'),
    [status('syslogd')]: running('syslogd', 600),
    [status('inetd')]: running('inetd', 601),
    [status('sshd')]: running('sshd', 602),
    [status('postfix')]: running('postfix', 603),
    [fileCmd(SSHD)]: lsFile(SSHD, SSHD_CONFIG),
    [fileCmd(MAINCF)]: lsFile(MAINCF, MAIN_CF),
    [SESSION]: ok('\n'),
    ...over,
  };
}

function converged(over: Captured = {}): Captured {
  return stock({
    [LISTENERS_COMMAND]: sockstat(CLEAN_ROWS),
    [rc('syslogd_flags')]: ok('-ss\n'),
    [rc('inetd_flags')]: ok('-wW -C 60 -a 192.0.2.11\n'),
    [fileCmd(SSHD)]: lsFile(SSHD, CONVERGED_SSHD),
    [fileCmd(MAINCF)]: lsFile(MAINCF, CONVERGED_MAINCF),
    ...over,
  });
}

const ARGS = { address: '192.0.2.11' };
const AT_HOST = context();
AT_HOST.connectedAddress = '192.0.2.11';
const plan = (captured: Captured, args: Record<string, unknown> = ARGS, ctx = AT_HOST) => planOne(captured, [rebindModule, args], ctx);

describe('rebind: converging a stock host', () => {
  const p = plan(stock());

  it('sets each daemon, restarts (or reloads) it, then verifies', () => {
    expect(p.changed).toBe(true);
    expect(p.steps.map((s) => s.title)).toEqual([
      'sysrc syslogd_flags',
      'service syslogd onerestart',
      'sysrc inetd_flags',
      'service inetd onerestart',
      `write ${SSHD}`,
      'service sshd onereload',
      `write ${MAINCF}`,
      'service postfix onerestart',
      'verify with sockstat -4l',
    ]);
    expect(commands(p).filter((c) => !c.startsWith(TEMP_CLEANUP) && !c.startsWith('jf_jailed'))).toEqual([
      'sysrc -f /etc/rc.conf syslogd_flags=-ss',
      'service syslogd onerestart',
      "sysrc -f /etc/rc.conf 'inetd_flags=-wW -C 60 -a 192.0.2.11'",
      'service inetd onerestart',
      'service sshd onereload',
      'service postfix onerestart',
    ]);
    expect(p.steps.at(-1)).toMatchObject({ verify: true });
    expect(p.message).toBe(
      '/etc/rc.conf: syslogd_flags: "-s" -> "-ss"; syslogd restarted; ' +
        '/etc/rc.conf: inetd_flags: "-wW -C 60" -> "-wW -C 60 -a 192.0.2.11"; inetd restarted; ' +
        'sshd ListenAddress 192.0.2.11; sshd reloaded; postfix inet_interfaces = $myhostname; postfix restarted',
    );
  });

  it('checks the new sshd_config with sshd -t before it replaces the old one', () => {
    const write = (p.steps[4]?.command ?? '').replace(TEMP_CLEANUP, '');
    expect(write).toMatch(/^t=\$\(mktemp \/etc\/ssh\/\.jailfleet\.XXXXXX\) && printf '%s' '#\t\$OpenBSD/);
    expect(write).toMatch(/ && chmod 0644 "\$t" && chown root:wheel "\$t" && sshd -t -f "\$t" && mv -f "\$t" \/etc\/ssh\/sshd_config \|\| \{ rm -f "\$t"; exit 1; \}$/);
  });

  it('shows diffs of the rc.conf values and both files', () => {
    expect(p.diffs.map((d) => d.label)).toEqual(['/etc/rc.conf: syslogd_flags', '/etc/rc.conf: inetd_flags', SSHD, MAINCF]);
    expect(p.diffs[0]).toEqual({ label: '/etc/rc.conf: syslogd_flags', before: 'syslogd_flags="-s"\n', after: 'syslogd_flags="-ss"\n' });
    expect(p.diffs[1]).toMatchObject({ before: 'inetd_flags="-wW -C 60"\n', after: 'inetd_flags="-wW -C 60 -a 192.0.2.11"\n' });
    expect(p.diffs[2]).toEqual({ label: SSHD, before: SSHD_CONFIG, after: CONVERGED_SSHD });
    expect(CONVERGED_SSHD).toContain('#Port 22\n#AddressFamily any\nListenAddress 192.0.2.11\n\n#HostKey');
    expect(p.diffs[3]).toEqual({ label: MAINCF, before: MAIN_CF, after: CONVERGED_MAINCF });
  });

  it('verifies every listed daemon against the wildcard and the jail address', () => {
    const verify = p.steps.at(-1)?.command ?? '';
    expect(verify).toContain(`    syslogd:\\*:*|syslogd:192.0.2.111:*) printf '%s\\n' 'syslogd ('"$c) still listens on $l" ;;`);
    expect(verify).toContain(`    master:\\*:*|master:192.0.2.111:*) printf '%s\\n' 'postfix ('"$c) still listens on $l" ;;`);
    expect(verify).toContain(`    *:192.0.2.111:*) printf '%s\\n' "$c (pid $p) listens on $l, an address of a jail on this host" ;;`);
  });

  it('predicts the rc.conf values and files for later tasks, not the listeners (new sockets, new PIDs)', () => {
    const keys = p.updates.map((u) => u.spec.key);
    expect(keys).toEqual([
      'sysrc::/etc/rc.conf:syslogd_flags',
      'sysrc-in-file::/etc/rc.conf:syslogd_flags',
      'sysrc::/etc/rc.conf:inetd_flags',
      'sysrc-in-file::/etc/rc.conf:inetd_flags',
      `file::${SSHD}`,
      `file::${MAINCF}`,
    ]);
  });
});

describe('rebind: already converged', () => {
  it('changes nothing and has no step, not even the verification', () => {
    expect(plan(converged())).toEqual({
      changed: false,
      message: 'syslogd, inetd, sshd, postfix, sendmail listen only on 192.0.2.11 (or nowhere)',
      steps: [],
      diffs: [],
      updates: [],
    });
  });

  it('restarts a daemon whose setting is right but that still listens on the wildcard', () => {
    const rows = CLEAN_ROWS.replace('192.0.2.11:21 ', '*:21         ');
    const p = plan(converged({ [LISTENERS_COMMAND]: sockstat(rows) }));
    expect(p.steps.map((s) => s.title)).toEqual(['service inetd onerestart', 'verify with sockstat -4l']);
    expect(p.message).toBe('inetd restarted');
  });

  it('sets but does not start a daemon that is not running', () => {
    const p = plan(converged({ [rc('inetd_flags')]: ok('-wW -C 60\n'), [status('inetd')]: fail(1, '', 'inetd is not running.\n') }));
    expect(p.steps.map((s) => s.title)).toEqual(['sysrc inetd_flags', 'verify with sockstat -4l']);
    expect(p.message).toBe('/etc/rc.conf: inetd_flags: "-wW -C 60" -> "-wW -C 60 -a 192.0.2.11"; inetd is not running (the new setting applies when it starts)');
  });

  it('takes jail_ips from the task instead of jls', () => {
    const captured = converged();
    delete captured[JLS];
    const rows = `${CLEAN_ROWS}root     sshd         602 4   tcp4   192.0.2.120:22        *:*\n`;
    const p = plan({ ...captured, [LISTENERS_COMMAND]: sockstat(rows) }, { ...ARGS, jail_ips: '192.0.2.111, 192.0.2.120' });
    expect(p.steps.map((s) => s.title)).toEqual(['service sshd onereload', 'verify with sockstat -4l']);
  });

  it('skips postfix when it is not installed', () => {
    const p = plan(converged({ [fileCmd(MAINCF)]: ok('absent\n'), [status('postfix')]: fail(1, 'postfix does not exist in /etc/rc.d or the local startup\ndirectories (/usr/local/etc/rc.d), or is not executable.\n') }));
    expect(p.changed).toBe(false);
  });
});

describe('rebind: syslogd modes and flags', () => {
  it('binds syslogd to the host address in bind mode, keeping other flags', () => {
    const p = plan(converged({ [rc('syslogd_flags')]: ok('-v -ss -b 10.0.0.1\n') }), { ...ARGS, syslogd_mode: 'bind' });
    expect(commands(p)[0]).toBe("sysrc -f /etc/rc.conf 'syslogd_flags=-v -b 192.0.2.11'");
  });

  it('replaces an earlier -a of inetd and treats extra spaces as no change', () => {
    expect(commands(plan(converged({ [rc('inetd_flags')]: ok('-wW -a 10.0.0.1 -C 60\n') })))[0]).toBe(
      "sysrc -f /etc/rc.conf 'inetd_flags=-wW -C 60 -a 192.0.2.11'",
    );
    expect(plan(converged({ [rc('inetd_flags')]: ok('-wW  -C 60   -a 192.0.2.11\n') })).changed).toBe(false);
  });
});

describe('rebind: sendmail', () => {
  it('stops a full MTA while YES is set, sets NO, then starts the localhost submit MTA', () => {
    const rows = `${CLEAN_ROWS}root     sendmail     606 3   tcp4   *:25                  *:*\n`;
    const p = plan(converged({ [rc('sendmail_enable')]: ok('YES\n'), [LISTENERS_COMMAND]: sockstat(rows) }));
    expect(commands(p).slice(0, 3)).toEqual(['service sendmail onestop', 'sysrc -f /etc/rc.conf sendmail_enable=NO', 'service sendmail start']);
  });

  it('leaves NO alone: its submit MTA listens on 127.0.0.1 only', () => {
    const rows = `${CLEAN_ROWS}root     sendmail     609 3   tcp4   127.0.0.1:25          *:*\n`;
    expect(plan(converged({ [rc('sendmail_enable')]: ok('NO\n'), [LISTENERS_COMMAND]: sockstat(rows) })).changed).toBe(false);
  });
});

describe('rebind: refusals', () => {
  it('refuses to move sshd off the address jailfleet is connected through', () => {
    const ctx = context();
    ctx.connectedAddress = '192.0.2.50';
    expect(() => plan(stock(), ARGS, ctx)).toThrow(
      new PlanError('refusing to rebind sshd to 192.0.2.11: jailfleet is connected through 192.0.2.50 and would be locked out'),
    );
  });

  it('trusts the address the host saw ($SSH_CONNECTION) over the one dialled (NAT)', () => {
    const ctx = context();
    ctx.connectedAddress = '203.0.113.5';
    expect(plan(stock({ [SESSION]: ok('198.51.100.7 50122 192.0.2.11 22\n') }), ARGS, ctx).changed).toBe(true);
    expect(() => plan(stock({ [SESSION]: ok('198.51.100.7 50122 10.0.0.5 22\n') }), ARGS, AT_HOST)).toThrow(/connected through 10\.0\.0\.5/);
  });

  it('allows a loopback session and a kept extra address', () => {
    const ctx = context();
    ctx.connectedAddress = '127.0.0.1';
    expect(plan(stock(), ARGS, ctx).changed).toBe(true);
    ctx.connectedAddress = '10.0.0.5';
    const p = plan(stock(), { ...ARGS, sshd_extra_addresses: ['10.0.0.5'] }, ctx);
    expect(p.diffs.find((d) => d.label === SSHD)?.after).toContain('ListenAddress 192.0.2.11\nListenAddress 10.0.0.5\n\n#HostKey');
  });

  it('does not refuse when sshd needs nothing', () => {
    const ctx = context();
    ctx.connectedAddress = '192.0.2.50';
    expect(plan(converged(), ARGS, ctx).changed).toBe(false);
  });

  it('refuses a host process it does not manage on a jail address', () => {
    const rows = `${CLEAN_ROWS}www      nginx        800 6   tcp4   192.0.2.111:80        *:*\n`;
    expect(() => plan(converged({ [LISTENERS_COMMAND]: sockstat(rows) }))).toThrow(
      new PlanError('host processes listen on jail addresses: nginx (pid 800) on 192.0.2.111:80'),
    );
  });

  it('refuses an address a running jail owns', () => {
    expect(() => plan(stock(), { address: '192.0.2.111' })).toThrow(/192\.0\.2\.111 is an address of a running jail/);
    expect(rebindModule.schema.safeParse({ address: '192.0.2.11', jail_ips: ['192.0.2.11'] }).success).toBe(false);
  });

  it('rejects what is not an IPv4 address or a known daemon', () => {
    for (const bad of [{ address: '192.0.2.256' }, { address: 'host; reboot' }, { address: '192.0.2.11', daemons: ['nginx'] }]) {
      expect(rebindModule.schema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('rebind: facts', () => {
  it('reads only what the listed daemons need', () => {
    const specs = rebindModule.facts(rebindModule.schema.parse({ address: '192.0.2.11', daemons: ['syslogd'], jail_ips: [] }), context());
    expect(specs.map((s) => s.key)).toEqual(['listeners::inet4', 'sysrc::/etc/rc.conf:syslogd_flags', 'service::syslogd']);
  });
});
