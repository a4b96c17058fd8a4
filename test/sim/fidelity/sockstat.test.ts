/**
 * sockstat(1) options beyond freebsd.md §5, from usr.bin/sockstat/sockstat.c
 * (@01a46c7): main() (family defaults, -j through jail_getid/jail_getvnet,
 * usage() = errx), parse_ports(), display() (header), displaysock() (column
 * offsets 37, +22, +22, then +13 per -s column).
 */
import { describe, expect, it } from 'vitest';
import { err, out, runRow, type Row } from './host.js';

const HEADER = 'USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      ';
const SSHD4 = 'root     sshd         602 3   tcp4   *:22                  *:*';
const USAGE = 'sockstat: usage: sockstat [-46CcfIiLlnqSsUuvw] [-j jid] [-p ports] [-P protocols]\n';

const SOCKSTAT: Row[] = [
  // main(): `if (!opt_4 && !opt_6 && !opt_u) opt_4 = opt_6 = opt_u = true;` — -u alone gathers no inet sockets.
  { doc: 'main(): -u alone lists only unix sockets (none simulated)', run: 'sockstat -u', expect: out(`${HEADER}\n`) },
  { doc: 'main(): -P without -4/-6 means both families', run: 'sockstat -q -P tcp -p 22', expect: out(`${SSHD4}\nroot     sshd         602 4   tcp6   *:22                  *:*\n`) },
  { doc: 'parse_ports(): lists and ranges', run: 'sockstat -q -4 -l -p 20-22,25 | cut -c38-46', expect: out('*:25     \n*:22     \n*:21     \n') },
  { doc: 'parse_ports(): a non-digit', run: 'sockstat -p x', expect: err('sockstat: syntax error in port range\n') },
  { doc: 'parse_ports(): trailing junk fails the digit test', run: 'sockstat -p 22x', expect: err('sockstat: syntax error in port range\n') },
  { doc: 'parse_ports(): above 65535', run: 'sockstat -p 70000', expect: err('sockstat: invalid port number\n') },
  { doc: 'parse_ports(): a range ending below its start', run: 'sockstat -p 25-22', expect: err('sockstat: invalid port number\n') },
  // usage() is errx(1, "usage: ..."), after getopt(3)'s own complaint.
  { doc: 'usage(): an unknown option', run: 'sockstat -x', expect: err(`sockstat: illegal option -- x\n${USAGE}`) },
  { doc: 'usage(): an operand', run: 'sockstat foo', expect: err(USAGE) },
  { doc: 'getopt(3): -j without its argument', run: 'sockstat -j', expect: err(`sockstat: option requires an argument -- j\n${USAGE}`) },
  // -j NAME goes through jail_getid(), whose failure is errx(1, "jail_getid: %s", jail_errmsg).
  { doc: 'main(): -j with an unknown name', run: 'sockstat -j foo', expect: err('sockstat: jail_getid: jail "foo" not found\n') },
  // jail_getid() takes a number as given; jail_getvnet() then fails with errx(2, ...).
  { doc: 'main(): -j with an unknown jid exits 2', run: 'sockstat -j 7', expect: err('sockstat: jail_getvnet: jail 7 not found\n', 2) },
  { doc: 'main(): -j 0 is the host: jailed sockets are left out', run: 'sockstat -q -4 -l -j 0 -p 22', expect: out(`${SSHD4}\n`) },
  {
    doc: 'display(): -j NAME shows that jail\'s sockets only',
    setup: 'jail -c www >/dev/null',
    run: 'sockstat -q -4 -l -j www',
    expect: out(''),
  },
  // display(): " %-12s" PATH STATE and CONN STATE; displaysock() prints the TCP state at 37+22+22+13.
  {
    doc: 'display()/displaysock(): -s adds the state columns',
    run: 'sockstat -s -4 -l -p 22,514',
    expect: out(
      `${HEADER} PATH STATE   CONN STATE  \n` +
        `${SSHD4}${' '.repeat(32)}LISTEN\n` +
        'root     syslogd      600 4   udp4   *:514                 *:*\n',
    ),
  },
  { doc: 'main(): -c alone: connected sockets only (none simulated)', run: 'sockstat -c -4', expect: out(`${HEADER}\n`) },
  { doc: 'display(): -w widens both address columns to 45', run: 'sockstat -w -4 -l | sed -n 1p | cut -c38-100 | tr -s " " "|"', expect: out('LOCAL|ADDRESS|FOREIGN|ADDRESS|\n') },
];

describe('sockstat(1) options (sockstat.c)', () => {
  it.each(SOCKSTAT)('$doc: $run', (row) => expect(runRow(row)).toEqual(row.expect));
});
