import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './fixture.js';

const cases: Case[] = [
  // POSIX XCU 2.6.2: double quotes around the whole expansion do not quote the pattern; quotes inside the braces do (dash and FreeBSD sh agree).
  ['x=/var/db/jailfleet/session; echo "${x%/*}" "${x##*/}" "${x%"/*"}" "${x#\\/}"', { stdout: '/var/db/jailfleet session /var/db/jailfleet/session var/db/jailfleet/session\n' }],
  ['x=/usr/local/etc/rc.conf; echo ${x%/*} ${x##*/} ${x#/*/} ${x%%.*} ${#x}', { stdout: '/usr/local/etc rc.conf local/etc/rc.conf /usr/local/etc/rc 22\n' }],
  // "${u:+set}" with u unset is still one (empty) field, so echo prints two spaces: POSIX XCU 2.6.5;
  // FreeBSD sh(1) "Word Expansions", bin/sh/expand.c (the opening quote sets WORD_QUOTEMARK).
  ['echo ${u:-def} ${u-def2} "${u:+set}" ${x:=assigned} $x', { stdout: 'def def2  assigned assigned\n' }],
  ['e=; echo "[${e:-colon}]" "[${e-nocolon}]" "[${e:+plus}]" "[${e+plus}]"', { stdout: '[colon] [] [] [plus]\n' }],
  ['set -- ${u:-a b}; echo $#; set -- "${u:-a b}"; echo $#', { stdout: '2\n1\n' }],
  ['echo ${u:?oops}; echo after', { stderr: 'sh: u: oops\n', code: 2 }],
  ['set -- x y; echo "${#}" "$#" "${1}" ${10}', { stdout: '2 2 x\n' }],
  ['echo $((7/2)) $((7%3)) $(( (1+2)*3 )) $((1<2)) $((x=5)) $x $((-3+1)) $(( 010 + 0x10 ))', { stdout: '3 1 9 1 5 5 -2 24\n' }],
  ['x=3; echo $((x*x)) $(( $x + 1 )) $((x > 2 && x < 4)) $((x == 3 ? 10 : 20))', { stdout: '9 4 1 10\n' }],
  ['echo $((1/0)); echo after', { stderr: 'sh: arithmetic expression: division by zero: "1/0"\n', code: 2 }],
  ['echo $(echo sub) `echo bq` "$(echo "inner quotes")"', { stdout: 'sub bq inner quotes\n' }],
  ['x=$(cat <<EOF\ninner\nEOF\n); echo "[$x]"', { stdout: '[inner]\n' }],
  ['false; x=$(true); echo $?; x=$(false); echo $?', { stdout: '0\n1\n' }],
  ["cd /etc; echo *; echo /e*c /nomatch*; echo '*' \"*\"; echo p[a-z]sswd ?roup", { stdout: 'group passwd\n/etc /nomatch*\n* *\npasswd group\n' }],
  ['touch /tmp/.hidden /tmp/shown; echo /tmp/*; echo /tmp/.h*', { stdout: '/tmp/shown\n/tmp/.hidden\n' }],
  ['set -f; echo /e*; set +f; echo /e*', { stdout: '/e*\n/etc\n' }],
  ['echo ${HOME} $USER $PATH $SHELL', { stdout: '/root root /sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin /bin/sh\n' }],
];

describe('expansions', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
