import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './helpers.js';

const cases: Case[] = [
  ["printf '%5s|%-5s|%.2s|%05d|%x|%X|%o|%c|%%|%b|%i\\n' ab cd efgh 42 255 255 8 xyz 'a\\tb' -7", { stdout: '   ab|cd   |ef|00042|ff|FF|10|x|%|a\tb|-7\n' }],
  ["printf '%s\\n' a b c; printf '%s=%s\\n' k1 v1 k2", { stdout: 'a\nb\nc\nk1=v1\nk2=\n' }],
  ["printf 'x\\0101y\\n'; printf '%b' 'o\\0101k\\n'", { stdout: 'x\b1y\noAk\n' }],
  ["printf 'a\\\\b\\tc'", { stdout: 'a\\b\tc' }],
  ["printf '%d\\n' abc; echo $?", { stdout: '0\n1\n', stderr: 'printf: abc: expected numeric value\n' }],
  ["printf '%d %d\\n' \"'A\" 0x1f", { stdout: '65 31\n' }],
  ["printf '%s' 'no newline'", { stdout: 'no newline' }],
  ["printf '%b' 'stop\\cnever'; echo", { stdout: 'stop\n' }],
  ['printf; echo $?', { stdout: '1\n', stderr: 'usage: printf format [arguments ...]\n' }],
  ['echo a b; echo -n x; echo y; echo', { stdout: 'a b\nxy\n\n' }],
  ["echo -e 'a\\tb'; echo 'raw\\t'", { stdout: 'a\tb\nraw\\t\n' }],
  ['cat /etc/group /nope -; echo $?', { stdout: 'wheel:*:0:root\ndaemon:*:1:\nwww:*:80:\nnobody:*:65534:\n1\n', stderr: 'cat: /nope: No such file or directory\n' }],
  ['cat /etc; echo $?', { stdout: '1\n', stderr: 'cat: /etc: Is a directory\n' }],
  ['cat -z; echo $?', { stdout: '1\n', stderr: 'cat: illegal option -- z\nusage: cat [-belnstuv] [file ...]\n' }],
  ['echo in | cat - /etc/group | head -n 2', { stdout: 'in\nwheel:*:0:root\n' }],
];

describe('printf, echo, cat', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
