/**
 * kill(1) and pgrep(1)/pkill(1) against the daemons of a fresh simulated
 * host (syslogd 600, inetd 601, sshd 602, postfix's master 603, cron 604),
 * following FreeBSD's sources:
 * - bin/kill/kill.c (also sh's builtin, SHELL: usage and errx give status 2,
 *   warn is `kill: PID: strerror` and status 1 after the other pids);
 *   lib/libc/gen/siglist.c sys_signame (HUP .. USR2, sys_nsig 32) and
 *   printsignals' line break after the 16th name;
 * - bin/pkill/pkill.c: STATUS_MATCH 0, NOMATCH 1, BADUSAGE 2, ERROR 3; the
 *   pgrep output joined by -d and ended by one newline; pkill's signal only
 *   as the first argument; -l's `kill -N PID` lines; takepid's messages;
 * - sys/kern/kern_proc.c proc_iterate: processes listed by pid hash chain
 *   (1024 buckets, 16 chains on amd64), each bucket newest first;
 * - libexec/rc/rc.subr: reload is SIGHUP (sig_reload), stop SIGTERM (sig_stop).
 */
import { describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { kernelOrder } from '../../../src/sim/rc/signals.js';
import type { SimProcess } from '../../../src/sim/types.js';
import { releaseInto, simHost } from '../../helpers/sim-host.js';

const host = (): SimHost => simHost('www', { hostname: 'www.example.org', address: '192.0.2.11' });

const SIGNALS = 'HUP INT QUIT ILL TRAP ABRT EMT FPE KILL BUS SEGV SYS PIPE ALRM TERM URG\nSTOP TSTP CONT CHLD TTIN TTOU IO XCPU XFSZ VTALRM PROF WINCH INFO USR1 USR2\n';
const KILL_USAGE = 'usage: kill [-s signal_name] pid ...\n       kill -l [exit_status]\n       kill -signal_name pid ...\n       kill -signal_number pid ...\n';
const PGREP_USAGE =
  'usage: pgrep [-LSfilnoqvx] [-d delim] [-F pidfile] [-G gid] [-M core] [-N system]\n             [-P ppid] [-U uid] [-c class] [-g pgrp] [-j jail]\n             [-s sid] [-t tty] [-u euid] pattern ...\n';

describe('kill: signal names and usage (kill.c, siglist.c)', () => {
  it('-l lists the names in two lines; -l N names signal N, and an exit status above 128 the signal that ended it', () => {
    expect(host().exec('kill -l; kill -l 9; kill -l 143')).toEqual({ stdout: `${SIGNALS}KILL\nTERM\n`, stderr: '', code: 0 });
  });

  it('an unknown signal lists the valid ones on stderr and gives 2; so does -l 0', () => {
    expect(host().exec('kill -FOO 600')).toEqual({ stdout: '', stderr: `kill: unknown signal FOO; valid signals:\n${SIGNALS}`, code: 2 });
    expect(host().exec('kill -l 0')).toEqual({ stdout: '', stderr: `kill: unknown signal 0; valid signals:\n${SIGNALS}`, code: 2 });
  });

  it('no pid, a bad number and a missing -s argument are usage errors (2)', () => {
    const h = host();
    expect(h.exec('kill')).toEqual({ stdout: '', stderr: KILL_USAGE, code: 2 });
    expect(h.exec('kill -HUP')).toEqual({ stdout: '', stderr: KILL_USAGE, code: 2 });
    expect(h.exec('kill -s')).toEqual({ stdout: '', stderr: `kill: option requires an argument -- s\n${KILL_USAGE}`, code: 2 });
    expect(h.exec('kill -9x 600')).toEqual({ stdout: '', stderr: 'kill: illegal signal number: 9x\n', code: 2 });
    expect(h.exec('kill abc')).toEqual({ stdout: '', stderr: 'kill: illegal process id: abc\n', code: 2 });
  });
});

describe('kill: what a signal does to a daemon', () => {
  it('0 checks the process is there; a pid nobody has is "No such process" (1), after the others are signalled', () => {
    const h = host();
    expect(h.exec('kill -0 600')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('kill -s 0 99999 600; echo $?')).toEqual({ stdout: '1\n', stderr: 'kill: 99999: No such process\n', code: 0 });
  });

  it('TERM (the default) stops it as `service stop` does: the process and its pidfile go', () => {
    const h = host();
    expect(h.exec('kill $(cat /var/run/syslog.pid)')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('test -e /var/run/syslog.pid || echo no-pidfile; service syslogd onestatus')).toEqual({ stdout: 'no-pidfile\nsyslogd is not running.\n', stderr: '', code: 1 });
    expect(h.state.processes.map((p) => p.command)).toEqual(['inetd', 'sshd', 'master', 'cron']);
  });

  it('KILL ends it and leaves its pidfile; rc.subr then finds no such process and starts it again', () => {
    const h = host();
    expect(h.exec('kill -9 604; cat /var/run/cron.pid; service cron status; echo $?').stdout).toBe('604\ncron is not running.\n1\n');
    expect(h.exec('service cron start; service cron status').stdout).toMatch(/^Starting cron\.\ncron is running as pid \d+\.\n$/);
  });

  it('HUP is reload: sshd binds again from its config, under the same pid', () => {
    const h = host();
    h.exec("sed -i '' 's/^#ListenAddress 0.0.0.0$/ListenAddress 192.0.2.11/' /etc/ssh/sshd_config");
    expect(h.exec('grep ^ListenAddress /etc/ssh/sshd_config').stdout).toBe('ListenAddress 192.0.2.11\n');
    const before = h.exec('sockstat -4l -P tcp -p 22').stdout;
    expect(before).toContain('*:22');
    expect(h.exec('kill -s HUP $(cat /var/run/sshd.pid)').code).toBe(0);
    const after = h.exec('sockstat -4l -P tcp -p 22').stdout;
    expect(after).toContain('192.0.2.11:22');
    expect(after).not.toContain('*:22');
    expect(h.exec('cat /var/run/sshd.pid').stdout).toBe('602\n');
  });

  it('signals the simulator does not model say so (2) instead of doing nothing', () => {
    expect(host().exec('kill -USR1 604')).toEqual({ stdout: '', stderr: 'kill: 604: what SIGUSR1 does to cron is not simulated by jailfleet\n', code: 2 });
    expect(host().exec('kill 0')).toEqual({ stdout: '', stderr: 'kill: 0: process groups are not simulated by jailfleet\n', code: 2 });
  });
});

describe('pgrep and pkill (pkill.c)', () => {
  it('pgrep prints the pids of the processes whose name matches, one a line; -l adds the name; -d joins', () => {
    const h = host();
    // "s" is in syslogd, sshd and master: a pattern matches anywhere in the name (regexec, no anchors).
    expect(h.exec('pgrep cron; pgrep -l s; pgrep -d, .')).toEqual({ stdout: '604\n600 syslogd\n602 sshd\n603 master\n600,601,602,603,604\n', stderr: '', code: 0 });
  });

  it('-x matches the whole name, -i any case, -v the others, -n/-o the newest/oldest; no match is 1, -q prints nothing', () => {
    const h = host();
    expect(h.exec('pgrep -x ssh; echo $?; pgrep -x sshd; pgrep -i CRON; pgrep -v -d, d; pgrep -n d; pgrep -o d; pgrep -q sshd; echo $?').stdout).toBe(
      '1\n602\n604\n603,604\n602\n600\n0\n',
    );
  });

  it('-u and -U select by user, -F by pidfile, -j by jail (none: the host, any: a jail)', () => {
    const h = host();
    expect(h.exec('pgrep -u root -d, .; pgrep -U nobody .; echo $?; pgrep -F /var/run/sshd.pid; pgrep -j none -d, .; pgrep -j any .; echo $?').stdout).toBe(
      '600,601,602,603,604\n1\n602\n600,601,602,603,604\n1\n',
    );
    expect(h.exec('pgrep -u nosuchuser .')).toEqual({ stdout: '', stderr: "pgrep: Unknown user `nosuchuser'\n", code: 2 });
    expect(h.exec('pgrep -j nosuchjail .')).toEqual({ stdout: '', stderr: "pgrep: Invalid jail ID or name `nosuchjail'\n", code: 2 });
    expect(h.exec('pgrep -F /nonexistent')).toEqual({ stdout: '', stderr: "pgrep: Cannot open pidfile `/nonexistent': No such file or directory\n", code: 3 });
  });

  it('no pattern and no criterion is a usage error; -n with -o is an error (3)', () => {
    const h = host();
    expect(h.exec('pgrep')).toEqual({ stdout: '', stderr: PGREP_USAGE, code: 2 });
    expect(h.exec('pgrep -n -o sshd')).toEqual({ stdout: '', stderr: 'pgrep: Options -n and -o are mutually exclusive\n', code: 3 });
  });

  it('pkill signals what matches (TERM by default, -SIG or -N first), -l printing each kill; nothing matched is 1', () => {
    const h = host();
    expect(h.exec('pkill -l cron; echo $?; pgrep cron; echo $?')).toEqual({ stdout: 'kill -15 604\n0\n1\n', stderr: '', code: 0 });
    expect(h.exec('pkill -HUP -x sshd; echo $?; pgrep sshd').stdout).toBe('0\n602\n');
    expect(h.exec('pkill -9 inetd; cat /var/run/inetd.pid; pgrep inetd; echo $?').stdout).toBe('601\n1\n');
    expect(h.exec('pkill nothing; echo $?').stdout).toBe('1\n');
    // The signal is pkill's first argument only: after an option it is an option itself.
    expect(h.exec('pkill -l -9 sshd').stderr).toMatch(/^pkill: illegal option -- 9\nusage: pkill /);
  });
});

describe('the order the kernel lists processes in (kern_proc.c proc_iterate)', () => {
  const procs = (pids: number[]): SimProcess[] => pids.map((pid) => ({ service: 's', command: 'c', user: 'root', pid, listeners: [] }));

  it('chain by chain (bucket mod 16), bucket by bucket, newest first in a bucket', () => {
    // Buckets (pid & 1023): 17 and 33 on chain 1; 600 (with 1624, newer) and 616 on chain 8; 601 on chain 9.
    expect(kernelOrder(procs([600, 601, 616, 1624, 17, 33])).map((p) => p.pid)).toEqual([17, 33, 1624, 600, 616, 601]);
  });
});

describe('jails (jail(8): a jailed process sees its own jail only; a jail without persist goes with its last process)', () => {
  function hostWithJail(): SimHost {
    const h = host();
    h.fs.writeFile('/etc/jail.conf', 'www {\n  path = /usr/jails/www;\n  ip4.addr = "em0|192.0.2.50/32";\n  exec.start = "sh /etc/rc";\n  exec.stop = "sh /etc/rc.shutdown";\n}\n');
    const setup = h.exec(
      [
        'set -e',
        ...releaseInto('/usr/jails/www'),
        'sysrc -f /usr/jails/www/etc/rc.conf sendmail_enable=NONE >/dev/null',
        'service jail onestart www >/dev/null',
      ].join('\n'),
    );
    if (setup.code !== 0) throw new Error(`setup failed: ${JSON.stringify(setup)}`);
    return h;
  }

  it('pgrep in the jail lists its processes only, kill there cannot reach the host; the host sees both', () => {
    const h = hostWithJail();
    const jailed = h.state.processes.filter((p) => p.jail === 'www').map((p) => p.pid);
    expect(jailed).toHaveLength(2);
    expect(h.exec('jexec www pgrep -l .').stdout).toBe(jailed.map((pid, i) => `${pid} ${['syslogd', 'cron'][i]}\n`).join(''));
    expect(h.exec('jexec www kill -0 600')).toEqual({ stdout: '', stderr: 'kill: 600: No such process\n', code: 1 });
    expect(h.exec('pgrep -j www -d, .; pgrep -j none -d, .').stdout).toBe(`${jailed.join(',')}\n600,601,602,603,604\n`);
  });

  it('pkill of the jail\'s last processes takes the jail (no persist) with them', () => {
    const h = hostWithJail();
    expect(h.exec('jls name').stdout).toBe('www\n');
    expect(h.exec('pkill -j www .; echo $?; jls name; pgrep -j any .; echo $?').stdout).toBe('0\n1\n');
  });
});
