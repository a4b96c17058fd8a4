import { describe, expect, it } from 'vitest';
import { full, newHost, sh, type Case } from './helpers.js';

const c = "printf 'a=1\\nb=2\\na=3\\n' > /tmp/c; ";
const n = "printf '1\\n2\\n3\\n4\\n5\\n' > /tmp/n; ";

const cases: Case[] = [
  ["grep -n '^root' /etc/passwd", { stdout: '1:root:*:0:0:Charlie &:/root:/bin/sh\n' }],
  ['grep -c : /etc/passwd; grep -q nobody /etc/passwd; echo $?; grep zzz /etc/passwd; echo $?', { stdout: '5\n0\n1\n' }],
  ["grep -v -E '^(root|toor|daemon)' /etc/passwd | head -n 1", { stdout: 'www:*:80:80:World Wide Web Owner:/nonexistent:/usr/sbin/nologin\n' }],
  ["grep x /nope; echo $?; grep -s x /nope; echo $?", { stdout: '2\n2\n', stderr: 'grep: /nope: No such file or directory\n' }],
  ["grep -F -x 'wheel:*:0:root' /etc/group; grep -i WHEEL /etc/group; grep -e www -e nobody /etc/group", { stdout: 'wheel:*:0:root\nwheel:*:0:root\nwww:*:80:\nnobody:*:65534:\n' }],
  ["grep '^w.*:80:$' /etc/group; grep 'a\\{2\\}' /etc/group; echo $?; grep -E 'o{2}' /etc/group", { stdout: 'www:*:80:\n1\nwheel:*:0:root\n' }],
  ["grep -l wheel /etc/group /etc/passwd; grep -H www /etc/group", { stdout: '/etc/group\n/etc/group:www:*:80:\n' }],
  [`${c}sed -n '/^a=/p' /tmp/c; sed 's/=/:/' /tmp/c`, { stdout: 'a=1\na=3\na:1\nb:2\na:3\n' }],
  [`${c}sed -e '2d' -e 's/\\(.\\)=\\(.\\)/\\2=\\1/g' /tmp/c; sed -E 's/([a-z])=([0-9])/<&>/' /tmp/c`, { stdout: '1=a\n3=a\n<a=1>\n<b=2>\n<a=3>\n' }],
  [`${c}sed '$d' /tmp/c; sed 2q /tmp/c; sed -n '2,$p' /tmp/c; sed '/b/!d' /tmp/c`, { stdout: 'a=1\nb=2\na=1\nb=2\nb=2\na=3\nb=2\n' }],
  [`${c}sed -i '' 's/a=/A=/' /tmp/c; cat /tmp/c; sed -i.bak '1d' /tmp/c; cat /tmp/c /tmp/c.bak`, { stdout: 'A=1\nb=2\nA=3\nb=2\nA=3\nA=1\nb=2\nA=3\n' }],
  [`${c}sed '1i\\\nfirst' /tmp/c | head -n 2; sed '$a\\\nlast' /tmp/c | tail -n 1; sed 's|a|/|g;y/b/B/' /tmp/c`, { stdout: 'first\na=1\nlast\n/=1\nB=2\n/=3\n' }],
  ["echo aaa | sed 's/a/b/2'; echo 'x.y' | sed 's/\\./-/'; printf 'no newline' | sed s/no/a/", { stdout: 'aba\nx-y\na newline' }],
  ["sed 'k' /etc/group; echo $?", { stdout: '1\n', stderr: 'sed: 1: "k": invalid command code k\n' }],
  [`${n}head -n 2 /tmp/n; tail -n 2 /tmp/n; tail -n +4 /tmp/n; head -c 3 /tmp/n; echo; tail -1 /tmp/n; head -3 /tmp/n | tail -c 2`, { stdout: '1\n2\n4\n5\n4\n5\n1\n2\n5\n3\n' }],
  [`${n}wc -l /tmp/n; wc /tmp/n; printf 'a b\\n' | wc -w; wc -c < /tmp/n; wc -l /tmp/n /etc/group`, { stdout: '       5 /tmp/n\n       5       5      10 /tmp/n\n       2\n      10\n       5 /tmp/n\n       4 /etc/group\n       9 total\n' }],
  ["printf 'b\\na\\nc\\na\\n' | sort; printf 'b\\na\\nc\\na\\n' | sort -u; printf '10\\n9\\n100\\n' | sort -n; printf '10\\n9\\n100\\n' | sort -rn", { stdout: 'a\na\nb\nc\na\nb\nc\n9\n10\n100\n100\n10\n9\n' }],
  ["printf 'a\\na\\nb\\n' | uniq; printf 'a\\na\\nb\\n' | uniq -c; printf 'a\\na\\nb\\n' | uniq -d", { stdout: 'a\nb\n   2 a\n   1 b\na\n' }],
  ["echo 'a:b:c' | cut -d: -f2; echo 'a:b:c' | cut -d: -f1,3; echo 'a:b:c' | cut -d: -f2-; echo hello | cut -c2-4", { stdout: 'b\na:c\nb:c\nell\n' }],
  ["echo Hello | tr a-z A-Z; echo hello | tr -d l; echo 'aa  bb' | tr -s ' '; echo 'a b' | tr '[:lower:]' '[:upper:]'; printf 'a\\nb\\n' | tr '\\n' ,", { stdout: 'HELLO\nheo\naa bb\nA B\na,b,' }],
  ['echo x | tee /tmp/t; echo y | tee -a /tmp/t >/dev/null; cat /tmp/t', { stdout: 'x\nx\ny\n' }],
];

describe('text utilities', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });

  it('sed -i keeps the file\'s mode and owner', () => {
    const host = newHost();
    host.exec("chmod 600 /etc/group; chown www /etc/group; sed -i '' 's/wheel/WHEEL/' /etc/group");
    expect(host.state.fs['/etc/group']).toMatchObject({ mode: 0o600, uid: 80 });
    expect(host.exec('head -n 1 /etc/group').stdout).toBe('WHEEL:*:0:root\n');
  });
});
