/** freebsd.md §2 (jail(8) messages, service jail) and §3 (jls formats) reproduced byte for byte. */
import { describe, expect, it } from 'vitest';
import { err, out, runRow, type Row } from './host.js';

const HEADER = '   JID  IP Address      Hostname                      Path\n';
const ROW = '     1  192.0.2.10      www.example.org               /usr/jail/www\n';

const JAIL: Row[] = [
  { doc: '§2 -c success', run: 'jail -c www', expect: out('www: created\n') },
  { doc: '§2 -c on a running jail', setup: 'jail -c www', run: 'jail -c www', expect: err('jail: "www" already exists\n') },
  { doc: '§2 -c on a name missing from the config', run: 'jail -c foo', expect: err('jail: "foo" not found\n') },
  { doc: '§2 -r on a jail neither configured nor running', run: 'jail -r foo', expect: err('jail: "foo" not found\n') },
  { doc: '§2 -R on a jail neither configured nor running', run: 'jail -R foo', expect: err('jail: "foo" not found\n') },
  { doc: '§2 -r on a configured jail that is not running', run: 'jail -r www', expect: err('jail: "www" not found\n') },
  { doc: '§2 ... hidden by -q', run: 'jail -q -r www', expect: err('') },
  { doc: '§2 -m on a jail that is not running', run: 'jail -m www', expect: err('jail: "www" not found\n') },
  { doc: '§2 path missing', setup: "printf 'bad {\\n  path = /x;\\n  persist;\\n}\\n' >> /etc/jail.conf", run: 'jail -c bad', expect: err('jail: bad: path /x: No such file or directory\n') },
  {
    doc: '§2 create-only parameter with -m',
    setup: "jail -c www && sed -i '' 's|/usr/jail/www|/tmp|' /etc/jail.conf",
    run: 'jail -m www',
    expect: err('jail: www: path cannot be changed after creation\n'),
  },
  { doc: '§2 -m success', setup: "jail -c www && sed -i '' 's|www.example.org|w2.example.org|' /etc/jail.conf", run: 'jail -m www', expect: out('www: updated\n') },
  { doc: '§2 -r success', setup: 'jail -c www', run: 'jail -r www', expect: out('www: removed\n') },
  { doc: '§2 -R with no config prints nothing', setup: 'jail -c name=tmp path=/ persist', run: 'jail -R tmp', expect: out('') },
  { doc: '§2 service jail start', setup: 'sysrc jail_enable=YES', run: 'service jail start www', expect: out('Starting jails: www.\n') },
  {
    doc: '§2 service jail start failure: two spaces, exit 0',
    setup: "sysrc jail_enable=YES && printf 'bad {\\n  path = /x;\\n  persist;\\n}\\n' >> /etc/jail.conf",
    run: 'service jail start bad',
    expect: out('Starting jails: cannot start jail  "bad": \njail: bad: path /x: No such file or directory\n.\n'),
  },
  {
    doc: '§2 jail_enable off: exit 0',
    run: 'service jail start www',
    expect: out("Cannot 'start' jail. Set jail_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.\n"),
  },
  { doc: '§2 status runs jls -N', setup: 'sysrc jail_enable=YES && service jail start www', run: 'service jail status', expect: out(' JID             IP Address      Hostname                      Path\n www             192.0.2.10      www.example.org               /usr/jail/www\n') },
];

const JLS: Row[] = [
  { doc: '§3 plain jls', setup: 'jail -c www', run: 'jls', expect: out(HEADER + ROW) },
  { doc: '§3 jls -j NAME', setup: 'jail -c www', run: 'jls -j www', expect: out(HEADER + ROW) },
  { doc: '§3 jls -N', setup: 'jail -c www', run: 'jls -N', expect: out(' JID             IP Address      Hostname                      Path\n www             192.0.2.10      www.example.org               /usr/jail/www\n') },
  {
    doc: '§3 jls -v four-line header, ACTIVE',
    setup: 'jail -c www',
    run: 'jls -v',
    expect: out('   JID  Hostname                      Path\n        Name                          State\n        CPUSetID\n        IP Address(es)\n     1  www.example.org               /usr/jail/www\n        www                           ACTIVE\n        2\n        192.0.2.10\n'),
  },
  { doc: '§3 jls name', setup: 'jail -c www', run: 'jls name', expect: out('www\n') },
  { doc: '§3 jls -j www jid path', setup: 'jail -c www', run: 'jls -j www jid path', expect: out('1 /usr/jail/www\n') },
  { doc: '§3 -h header, empty value is -', setup: 'jail -c www', run: 'jls -h -j www jid path host.domainname', expect: out('jid path host.domainname\n1 /usr/jail/www -\n') },
  { doc: '§3 -n booleans as persist/nopersist', setup: 'jail -c www', run: 'jls -n -j www | tr " " "\\n" | grep -E "^(no)?persist$|^jid=|^allow.nomount$"', expect: out('jid=1\npersist\nallow.nomount\n') },
  { doc: '§3 JSON', setup: 'jail -c www', run: 'jls --libxo json', expect: out('{"__version":"2","jail-information":{"jail":[{"jid":1,"ipv4":"192.0.2.10","hostname":"www.example.org","path":"/usr/jail/www"}]}}\n') },
  { doc: '§3 JSON with -N', setup: 'jail -c www', run: 'jls -N --libxo json', expect: out('{"__version":"2","jail-information":{"jail":[{"name":"www","ipv4":"192.0.2.10","hostname":"www.example.org","path":"/usr/jail/www"}]}}\n') },
  {
    doc: '§3 JSON with -v',
    setup: 'jail -c www',
    run: 'jls -v --libxo json',
    expect: out('{"__version":"2","jail-information":{"jail":[{"jid":1,"hostname":"www.example.org","path":"/usr/jail/www","name":"www","state":"ACTIVE","cpusetid":2,"ipv4_addrs":["192.0.2.10"]}]}}\n'),
  },
  { doc: '§3 missing jail: header first, then the error', run: 'jls -j foo', expect: err('jls: jail "foo" not found\n', 1, HEADER) },
  { doc: '§3 missing jail with parameters', run: 'jls -j foo name', expect: err('jls: jail "foo" not found\n') },
  { doc: '§3 rc.d/jail existence test', setup: 'jail -c www', run: 'jls -j www >/dev/null 2>&1 && echo yes; jls -j foo >/dev/null 2>&1 || echo no', expect: out('yes\nno\n') },
];

describe('freebsd.md §2 jail(8)', () => {
  it.each(JAIL)('$doc: $run', (row) => expect(runRow(row)).toEqual(row.expect));
});

describe('freebsd.md §3 jls', () => {
  it.each(JLS)('$doc: $run', (row) => expect(runRow(row)).toEqual(row.expect));
});
