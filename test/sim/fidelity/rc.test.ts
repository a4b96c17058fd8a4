/** freebsd.md §4 (sysrc), §5 (sockstat), §6 (daemon binding), §8 (service / rc.subr) reproduced exactly. */
import { describe, expect, it } from 'vitest';
import { err, out, runRow, type Row } from './host.js';

const SOCK_HEADER = 'USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      \n';
/** A file with a trailing comment, a duplicate, a single-quoted value, and no final newline. */
const T_CONF = "printf 'a_enable=\"YES\" # keep\\nb=x\\nb=y\\nc=\\047q\\047 # sq\\nd=1' > /etc/t.conf";

const SYSRC: Row[] = [
  { doc: '§4 set a new variable (two spaces)', run: 'sysrc test_enable=YES', expect: out('test_enable:  -> YES\n') },
  { doc: '§4 set to the same value', setup: 'sysrc test_enable=YES', run: 'sysrc test_enable=YES', expect: out('test_enable: YES -> YES\n') },
  { doc: '§4 change', setup: 'sysrc test_enable=YES', run: 'sysrc test_enable=NO', expect: out('test_enable: YES -> NO\n') },
  { doc: '§4 query', setup: 'sysrc test_enable=NO', run: 'sysrc test_enable', expect: out('test_enable: NO\n') },
  { doc: '§4 unknown variable on stderr', run: 'sysrc noexist', expect: err("sysrc: unknown variable 'noexist'\n") },
  { doc: '§4 one failing argument, the others still run', run: 'sysrc noexist x_enable=YES', expect: err("sysrc: unknown variable 'noexist'\n", 1, 'x_enable:  -> YES\n') },
  { doc: '§4 -v prefixes the file', setup: 'sysrc test_enable=YES', run: 'sysrc -v test_enable=NO', expect: out('/etc/rc.conf: test_enable: YES -> NO\n') },
  { doc: '§4 -c query of a set (empty) variable', setup: 'sysrc e=', run: 'sysrc -c e', expect: out('') },
  { doc: '§4 -c assignment that would change', setup: 'sysrc t=NO', run: 'sysrc -c t=YES', expect: out('', 1) },
  { doc: '§4 -c -v would change', setup: 'sysrc t=NO', run: 'sysrc -c -v t=YES', expect: out("/etc/rc.conf: t: would change from `NO' to `YES'\n", 1) },
  { doc: '§4 -c -v already set', setup: 'sysrc t=NO', run: 'sysrc -c -v t=NO', expect: out("/etc/rc.conf: t: already set to `NO'\n") },
  { doc: '§4 -c -v not currently set', run: 'sysrc -c -v other=YES', expect: out('other: not currently set\n', 1) },
  { doc: '§4 += no duplicates, -= removes', setup: "sysrc 'l=a b'", run: 'sysrc l+=c l+=a l-=b && sysrc -n l', expect: out('l: a b -> a b c\nl: a b c -> a b c\nl: a b c -> a c\na c\n') },
  { doc: '§4 += with a non-alphanumeric first character as separator', setup: 'sysrc l=a,b', run: 'sysrc l+=,c', expect: out('l: a,b -> a,b,c\n') },
  {
    doc: '§4 edit in place: comment kept, last duplicate replaced, quoting kept, newline added before an append',
    setup: T_CONF,
    run: 'sysrc -f /etc/t.conf a_enable=NO b=z c=r newv=1 >/dev/null && cat /etc/t.conf',
    expect: out('a_enable="NO" # keep\nb=x\nb="z"\nc=\'r\' # sq\nd=1\nnewv="1"\n'),
  },
  // The delete pass (awk in sysrc.subr) writes every line it keeps with a newline.
  { doc: '§4 -x deletes every assignment', setup: T_CONF, run: 'sysrc -f /etc/t.conf -x b && cat /etc/t.conf', expect: out('a_enable="YES" # keep\nc=\'q\' # sq\nd=1\n') },
];

const SOCKSTAT: Row[] = [
  {
    doc: '§5 header and rows, trailing blanks in the header only',
    run: 'sockstat -4 -l',
    expect: out(
      SOCK_HEADER +
        'root     master       603 3   tcp4   *:25                  *:*\n' +
        'root     sshd         602 3   tcp4   *:22                  *:*\n' +
        'root     inetd        601 3   tcp4   *:21                  *:*\n' +
        'root     syslogd      600 4   udp4   *:514                 *:*\n',
    ),
  },
  { doc: '§5 -q drops the header', run: 'sockstat -q -4 -l | grep sshd', expect: out('root     sshd         602 3   tcp4   *:22                  *:*\n') },
  { doc: '§5 LOCAL ADDRESS at column 37, FOREIGN at 59', run: "sockstat -4 -l | sed -n 1p | cut -c38-50,60-74", expect: out('LOCAL ADDRESSFOREIGN ADDRESS\n') },
];

const DAEMONS: Row[] = [
  { doc: '§6 syslogd -ss opens no socket', setup: 'sysrc syslogd_flags=-ss && service syslogd restart', run: 'sockstat -4 -l | grep -c syslogd', expect: out('0\n', 1) },
  { doc: '§6 syslogd -s still opens UDP 514', run: 'sockstat -4 -l | grep syslogd', expect: out('root     syslogd      600 4   udp4   *:514                 *:*\n') },
  {
    doc: '§6 inetd -a binds one address',
    setup: 'sysrc inetd_flags="-wW -a 192.0.2.23" && service inetd restart',
    run: 'sockstat -4 -l | grep inetd | cut -c38-58',
    expect: out('192.0.2.23:21        \n'),
  },
  {
    doc: '§6 sshd reload: sanity check, then rebinding to ListenAddress',
    setup: 'echo "ListenAddress 192.0.2.23" >> /etc/ssh/sshd_config',
    run: 'service sshd reload && sockstat -4 -l | grep sshd',
    expect: out('Performing sanity check on sshd configuration.\nroot     sshd         602 3   tcp4   192.0.2.23:22         *:*\n'),
  },
];

const SERVICE: Row[] = [
  { doc: '§8 status running', run: 'service cron status', expect: out('cron is running as pid 604.\n') },
  { doc: '§8 status not running', setup: 'service cron stop', run: 'service cron status', expect: out('cron is not running.\n', 1) },
  {
    doc: '§8 status of a disabled service',
    setup: 'sysrc cron_enable=NO',
    run: 'service cron status',
    expect: out("Cannot 'status' cron. Set cron_enable to YES in /etc/rc.conf or use 'onestatus' instead of 'status'.\n"),
  },
  { doc: '§8 start when running', run: 'service cron start', expect: err('cron already running? (pid=604).\n') },
  { doc: '§8 stop when not running', setup: 'service cron stop', run: 'service cron stop', expect: err('cron not running? (check /var/run/cron.pid).\n') },
  { doc: '§8 reload when not running', setup: 'service sshd stop', run: 'service sshd reload', expect: err('sshd not running? (check /var/run/sshd.pid).\n') },
];

describe('freebsd.md §4 sysrc', () => {
  it.each(SYSRC)('$doc: $run', (row) => expect(runRow(row)).toEqual(row.expect));
});
describe('freebsd.md §5 sockstat', () => {
  it.each(SOCKSTAT)('$doc: $run', (row) => expect(runRow(row)).toEqual(row.expect));
});
describe('freebsd.md §6 daemon binding', () => {
  it.each(DAEMONS)('$doc: $run', (row) => expect(runRow(row)).toEqual(row.expect));
});
describe('freebsd.md §8 service and rc.subr', () => {
  it.each(SERVICE)('$doc: $run', (row) => expect(runRow(row)).toEqual(row.expect));
});
