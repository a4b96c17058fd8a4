import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './helpers.js';

const hash = '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7';

const cases: Case[] = [
  [`printf 'data' > /tmp/d; sha256 /tmp/d; sha256 -q /tmp/d; printf 'data' | sha256; sha256 -r /tmp/d; sha256sum /tmp/d; printf 'data' | sha256sum`, { stdout: `SHA256 (/tmp/d) = ${hash}\n${hash}\n${hash}\n${hash} /tmp/d\n${hash}  /tmp/d\n${hash}  -\n` }],
  ['sha256 /nope; echo $?', { stdout: '1\n', stderr: 'sha256: /nope: No such file or directory\n' }],
  ['id; id -u; id -un; id -g; id -gn; whoami', { stdout: 'uid=0(root) gid=0(wheel) groups=0(wheel),5(operator)\n0\nroot\n0\nwheel\nroot\n' }],
  ['hostname; hostname -s; hostname new.example.org; hostname', { stdout: 'host1.example.org\nhost1\nnew.example.org\n' }],
  ['uname; uname -s; uname -r; uname -n; uname -m; uname -sr; uname -a', { stdout: 'FreeBSD\nFreeBSD\n14.2-RELEASE\nhost1.example.org\namd64\nFreeBSD 14.2-RELEASE\nFreeBSD host1.example.org 14.2-RELEASE FreeBSD 14.2-RELEASE releng/14.2-n0-simulated GENERIC amd64\n' }],
  ['freebsd-version; freebsd-version -k; freebsd-version -ku', { stdout: '14.2-RELEASE\n14.2-RELEASE\n14.2-RELEASE\n14.2-RELEASE\n' }],
  ["date; date +%s; date '+%Y-%m-%d %H:%M:%S'; date -r 0 +%F", { stdout: 'Thu Nov 28 15:09:01 UTC 2024\n1732806541\n2024-11-28 15:09:01\n1970-01-01\n' }],
  ['env | sort; FOO=bar env | grep FOO; env -i A=1 sh -c \'echo "$A[$HOME]"\'', { stdout: 'HOME=/root\nLOGNAME=root\nPATH=/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin\nSHELL=/bin/sh\nUSER=root\nFOO=bar\n1[]\n' }],
  ['lockf -k /tmp/lock echo locked; ls /tmp; lockf /tmp/l2 sh -c \'exit 3\'; echo $?; ls /tmp', { stdout: 'locked\nlock\n3\nlock\n' }],
  ['lockf -s -t 0 /tmp/l printf "%s\\n" "a b"; lockf /tmp/l; echo $?', { stdout: 'a b\n64\n', stderr: 'usage: lockf [-knsw] [-t seconds] file command [arguments]\n' }],
  ["printf '/etc\\n/tmp\\n' | xargs ls -d; echo a b c | xargs -n 1 echo; printf 'x\\ny\\n' | xargs -I {} echo '<{}>'", { stdout: '/etc\n/tmp\na\nb\nc\n<x>\n<y>\n' }],
  ['sleep 5; echo $?; sleep x; echo $?; true; echo $?; false; echo $?', { stdout: '0\n1\n0\n1\n', stderr: 'sleep: invalid time interval: x\n' }],
];

describe('system utilities', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
