import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './fixture.js';

const cases: Case[] = [
  [`echo $'a\\tb'`, { stderr: `sh: Syntax error: "$'" unexpected: $'...' is not POSIX sh\n`, code: 2 }],
  ['[[ -e /etc ]] && echo yes', { stderr: 'sh: [[: not found\n', code: 127 }],
  ['function foo { echo hi; }', { stderr: 'sh: Syntax error: "}" unexpected\n', code: 2 }],
  ['function foo() { echo hi; }', { stderr: 'sh: Syntax error: "(" unexpected\n', code: 2 }],
  ['a=(1 2 3)', { stderr: 'sh: Syntax error: "(" unexpected\n', code: 2 }],
  ['echo ${a[0]}', { stderr: 'sh: Syntax error: Bad substitution\n', code: 2 }],
  ['echo ${x/a/b}', { stderr: 'sh: Syntax error: Bad substitution\n', code: 2 }],
  // Not a bash-ism on FreeBSD: test(1) takes `==` as `=` (bin/test/test.c ops2 {"==", STREQ}). dash exits 2 here,
  // which is why test/sim/posix-scripts.test.ts still bans `==` in the scripts jailfleet emits.
  ['[ a == a ]; echo $?; [ a == b ]; echo $?', { stdout: '0\n1\n' }],
  ['diff <(echo a) <(echo b)', { stderr: 'sh: Syntax error: "(" unexpected\n', code: 2 }],
  ['echo hi &> /dev/null', { stderr: 'sh: Syntax error: "&>" unexpected: use ">file 2>&1"\n', code: 2 }],
  ['nosuchcommand arg', { stderr: 'sh: nosuchcommand: not found\n', code: 127 }],
  ['/usr/local/bin/nosuch; echo $?', { stdout: '127\n', stderr: 'sh: /usr/local/bin/nosuch: not found\n' }],
  ['if true; then', { stderr: 'sh: Syntax error: end of file unexpected\n', code: 2 }],
  ['echo "unterminated', { stderr: 'sh: Syntax error: unterminated quoted string\n', code: 2 }],
  ['for x in a b; echo $x; done', { stderr: 'sh: Syntax error: word unexpected (expecting "do")\n', code: 2 }],
  ['{ }', { stderr: 'sh: Syntax error: "}" unexpected\n', code: 2 }],
  ['echo one\necho two\nfi\necho three', { stdout: 'one\ntwo\n', stderr: 'sh: Syntax error: "fi" unexpected\n', code: 2 }],
  ['echo a; fi', { stderr: 'sh: Syntax error: "fi" unexpected\n', code: 2 }],
];

describe('bash-isms and syntax errors fail as FreeBSD sh fails', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
