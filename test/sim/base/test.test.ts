import { describe, expect, it } from 'vitest';
import { full, sh } from './helpers.js';

const setup = 'touch /tmp/empty; printf x > /tmp/full; chmod 755 /tmp/full; ln -s /tmp/full /tmp/link; ln -s /nope /tmp/dangling; ';

const truth: Array<[string, number]> = [
  ['-e /etc', 0], ['-e /nope', 1], ['-f /etc/passwd', 0], ['-f /etc', 1], ['-d /etc', 0], ['-d /etc/passwd', 1],
  ['-L /tmp/link', 0], ['-h /tmp/link', 0], ['-L /tmp/full', 1], ['-e /tmp/dangling', 1], ['-L /tmp/dangling', 0],
  ['-s /tmp/full', 0], ['-s /tmp/empty', 1], ['-r /etc/passwd', 0], ['-w /etc/passwd', 0], ['-x /tmp/full', 0], ['-x /etc/passwd', 1],
  ['-n abc', 0], ['-n ""', 1], ['-z ""', 0], ['-z a', 1], ['abc', 0], ['""', 1], ['', 1],
  // `==` is FreeBSD's synonym of `=` (bin/test/test.c ops2: {"==", STREQ}); dash would say "unexpected operator".
  ['a == a', 0], ['a == b', 1], ['"" == ""', 0], ['! a == b', 0], ['a == a -a b == b', 0],
  ['a = a', 0], ['a = b', 1], ['a != b', 0], ['3 -eq 3', 0], ['3 -ne 3', 1], ['2 -lt 3', 0], ['3 -le 3', 0], ['4 -gt 3', 0], ['3 -ge 4', 1],
  ['! -d /etc', 1], ['-d /etc -a -f /etc/passwd', 0], ['-d /nope -o -f /etc/passwd', 0], ['\\( a = b \\) -o c != d', 0], ['-f', 0],
];

describe('test and [', () => {
  it.each(truth)('[ %s ] exits %i', (expr, code) => {
    expect(sh(`${setup}[ ${expr} ]; echo $?; test ${expr}; echo $?`)).toEqual(full({ stdout: `${code}\n${code}\n` }));
  });

  it.each([
    ['[ 1 -eq x ]', '[: x: bad number\n'],
    ['[ a', '[: missing ]\n'],
    ['test a b', 'test: b: unexpected operator\n'],
    ['[ \\( a ]', '[: closing paren expected\n'],
  ])('%s is a syntax error (exit 2)', (script, stderr) => {
    expect(sh(`${script}; echo $?`)).toEqual(full({ stdout: '2\n', stderr }));
  });
});
