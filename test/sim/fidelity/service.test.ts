/**
 * service(8) (usr.sbin/service/service.sh @023fc80): usage(), -l, -v, -e,
 * -j, and the lookup of NAME in /etc/rc.d and $local_startup; the verbs
 * (status, onestatus, rcvar, enabled) come from rc.subr's run_rc_command.
 */
import { describe, expect, it } from 'vitest';
import { out, runRow, type Row } from './host.js';

const USAGE =
  '\nUsage:\n' +
  'service [-j <jail name or id>] -e\n' +
  'service [-j <jail name or id>] -R\n' +
  'service [-j <jail name or id>] [-v] -l | -r\n' +
  'service [-j <jail name or id>] [-v] <rc.d script> start|stop|etc.\n' +
  'service -h\n\n' +
  '-j\tPerform actions within the named jail\n' +
  '-e\tShow services that are enabled\n' +
  '-R\tStop and start enabled /usr/local/etc/rc.d services\n' +
  '-l\tList all scripts in /etc/rc.d and /usr/local/etc/rc.d\n' +
  '-r\tShow the results of boot time rcorder\n' +
  '-v\tVerbose\n\n';

const SERVICE: Row[] = [
  // usage() echoes to stdout; `h) usage ; exit 0`.
  { doc: 'service.sh -h: usage on stdout, exit 0', run: 'service -h', expect: out(USAGE) },
  // `if [ $# -gt 1 ]; then script=$1 ... else usage; exit 1`
  { doc: 'service.sh: a script name without a verb is a usage error', run: 'service cron', expect: out(USAGE, 1) },
  { doc: 'service.sh: no arguments at all', run: 'service', expect: out(USAGE, 1) },
  {
    doc: 'service.sh: a missing script, echoed to stdout',
    run: 'service nosuch start',
    expect: out('nosuch does not exist in /etc/rc.d or the local startup\ndirectories (/usr/local/etc/rc.d), or is not executable\n', 1),
  },
  // `[ -n "$VERBOSE" ] && echo "$script is located in $dir"`
  { doc: 'service.sh -v NAME: where the script was found', run: 'service -v cron status', expect: out('cron is located in /etc/rc.d\ncron is running as pid 604.\n') },
  // -l: `/bin/ls -1 ${dir}` for /etc/rc.d and each $local_startup directory, every file listed.
  { doc: 'service.sh -l: ls -1 of each directory', run: '[ "$(service -l)" = "$(ls -1 /etc/rc.d; ls -1 /usr/local/etc/rc.d)" ] && echo same', expect: out('same\n') },
  { doc: 'service.sh -l lists files that are not scripts', run: 'touch /etc/rc.d/README && service -l | grep -c README', expect: out('1\n') },
  { doc: 'service.sh -v -l: a "From DIR:" line per directory', run: 'service -v -l | grep "^From"', expect: out('From /etc/rc.d:\nFrom /usr/local/etc/rc.d:\n') },
  // -e: scripts whose rcvar passes checkyesno.
  { doc: 'service.sh -e: a disabled service drops out', setup: 'sysrc cron_enable=NO', run: 'service -e | grep -c cron', expect: out('0\n', 1) },
  { doc: 'service.sh -e: an enabled one is listed by path', run: 'service -e | grep cron', expect: out('/etc/rc.d/cron\n') },
  // rc.subr: `enabled` is checkyesno's exit status, no output.
  { doc: 'rc.subr enabled: exit 0 when on', run: 'service cron enabled', expect: out('') },
  { doc: 'rc.subr enabled: exit 1 when off', setup: 'sysrc cron_enable=NO', run: 'service cron enabled', expect: out('', 1) },
  { doc: 'rc.subr onestatus ignores the rcvar', setup: 'sysrc cron_enable=NO', run: 'service cron onestatus', expect: out('cron is running as pid 604.\n') },
  { doc: 'rc.subr rcvar: the rcvar block', run: 'service sshd rcvar', expect: out('# sshd : Secure Shell Daemon\n#\nsshd_enable="YES"\n#   (default: "")\n\n') },
  // -j: `jexec -l "${JAIL}" /usr/sbin/service $args "$@"`
  { doc: 'service.sh -j: jexec fails for an unknown jail', run: 'service -j nosuch cron status', expect: { stdout: '', stderr: 'jexec: jail "nosuch" not found\n', code: 1 } },
];

describe('service(8) (service.sh)', () => {
  it.each(SERVICE)('$doc: $run', (row) => expect(runRow(row)).toEqual(row.expect));
});
