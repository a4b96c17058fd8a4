/**
 * jls(8) beyond freebsd.md §3: option precedence, -j by jid, -q/-s quoting.
 * Sources: usr.sbin/jls/jls.c (@01021fd: getopt "adj:hNnqsv", pflags,
 * print_jail, quoted_print, special_print), usr.sbin/jls/jls.8 (DESCRIPTION,
 * options), and the kernel's jail_get errors (sys/kern/kern_jail.c
 * `jail %d not found`, `jail "%s" not found`).
 */
import { describe, expect, it } from 'vitest';
import { err, out, runRow, type Row } from './host.js';

const HEADER = '   JID  IP Address      Hostname                      Path\n';
const ROW = '     1  192.0.2.10      www.example.org               /usr/jail/www\n';
const VERBOSE =
  '   JID  Hostname                      Path\n        Name                          State\n        CPUSetID\n        IP Address(es)\n' +
  '     1  www.example.org               /usr/jail/www\n        www                           ACTIVE\n        2\n        192.0.2.10\n';
const UP = 'jail -c www >/dev/null';

const JLS: Row[] = [
  // jls.c main(): `jid = strtoul(optarg, &ep, 10); if (!jid || *ep) jname = optarg;`
  { doc: 'jls.c -j: a number is a jid', setup: UP, run: 'jls -j 1', expect: out(HEADER + ROW) },
  { doc: 'kern_jail.c: a missing jid is reported as a number, unquoted', setup: UP, run: 'jls -j 5 jid', expect: err('jls: jail 5 not found\n') },
  { doc: 'jls.c -j: 0 is not a jid, so it is looked up as a name', setup: UP, run: 'jls -j 0 jid', expect: err('jls: jail "0" not found\n') },
  // jls.8 -h: "If no parameters are given on the command line, all is assumed."
  { doc: 'jls.8 -h without parameters lists all of them, header first', setup: UP, run: 'jls -h | head -1 | tr " " "\\n" | grep -cx -e jid -e name -e path -e host.hostname', expect: out('4\n') },
  { doc: 'jls.8 -h: the header names the parameters given', setup: UP, run: 'jls -h jid name', expect: out('jid name\n1 www\n') },
  // pflags: -v clears -h, -n and -s; -h, -n and -s clear -v (the last one given wins).
  { doc: 'jls.c: -n then -v prints the -v summary', setup: UP, run: 'jls -n -v', expect: out(VERBOSE) },
  { doc: 'jls.c: -v then -n prints name=value for all parameters', setup: UP, run: 'jls -v -n | tr " " "\\n" | grep -e "^jid=" -e "^name="', expect: out('jid=1\nname=www\n') },
  { doc: 'jls.c: -h then -v prints the -v summary', setup: UP, run: 'jls -h -v', expect: out(VERBOSE) },
  { doc: 'jls.c: -v then -h prints the header line', setup: UP, run: 'jls -v -h | head -1 | tr " " "\\n" | grep -cx jid', expect: out('1\n') },
  { doc: 'jls.c: parameters on the command line turn -v off', setup: UP, run: 'jls -v jid name', expect: out('1 www\n') },
  { doc: 'jls.c: -s after -h drops the header', setup: UP, run: 'jls -h -s jid name', expect: out('jid=1 name=www\n') },
  { doc: 'jls.c: -N only changes the default table, not -v', setup: UP, run: 'jls -N -v', expect: out(VERBOSE) },
  // quoted_print: quotes only with PRINT_QUOTED (-q, -s): `"` unless the value has a `"`.
  {
    doc: 'jls.8 -q quotes a value with spaces, plain and -n do not',
    setup: "jail -c name=x path=/ persist host.hostname='a b' >/dev/null",
    run: 'jls -q -j x host.hostname; jls -j x host.hostname; jls -n -j x host.hostname; jls -s -j x host.hostname',
    expect: out('"a b"\na b\nhost.hostname=a b\nhost.hostname="a b"\n'),
  },
  { doc: 'jls.8 -s: name=value pairs jail(8) accepts', setup: UP, run: 'jls -s -j www name host.hostname ip4.addr', expect: out('name=www host.hostname=www.example.org ip4.addr=192.0.2.10\n') },
  { doc: 'jls.8 -n booleans: persist, allow.nomount', setup: UP, run: 'jls -n -j www name jid persist allow.mount', expect: out('name=www jid=1 persist allow.nomount\n') },
  // add_param(): an unknown name fails in jailparam_init with libjail's message.
  { doc: 'libjail: unknown parameter', setup: UP, run: 'jls -j www nosuch', expect: err('jls: unknown parameter: nosuch\n') },
  // getopt(3) complains first; xo_errx() prefixes the usage with the program name, as errx(3) does.
  { doc: 'jls.c getopt: an unknown option', run: 'jls -x', expect: err('jls: illegal option -- x\njls: usage: jls [-dhNnqv] [-j jail] [param ...]\n') },
  { doc: 'jls.c getopt: -j without its argument', run: 'jls -j', expect: err('jls: option requires an argument -- j\njls: usage: jls [-dhNnqv] [-j jail] [param ...]\n') },
  { doc: 'jls.8: no jails, the default header only', run: 'jls', expect: out(HEADER) },
  { doc: 'jls.8 -d: accepted (lists dying jails too)', setup: UP, run: 'jls -d', expect: out(HEADER + ROW) },
];

describe('jls(8) options (jls.c, jls.8)', () => {
  it.each(JLS)('$doc: $run', (row) => expect(runRow(row)).toEqual(row.expect));
});
