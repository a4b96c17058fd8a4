/**
 * cksum and head -c: what a session checks each round's input with, in
 * bytes (the controller counts UTF-8 bytes, not JavaScript characters).
 *
 * FreeBSD usr.bin/cksum/print.c, pcrc(): printf("%lu %jd", val, len), then
 * " %s" with the file name when there is one, then "\n" — `CRC LENGTH` for
 * stdin, `CRC LENGTH FILE` per file; cksum.c warns "cksum: FILE: strerror"
 * and exits 1 for a file it cannot read. The CRC is POSIX cksum's: the check
 * value of "123456789" is 930766865, of nothing 4294967295.
 */
import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './helpers.js';

const cases: Case[] = [
  ["printf '123456789' | cksum", { stdout: '930766865 9\n' }],
  ['printf "" | cksum; cksum < /dev/null', { stdout: '4294967295 0\n4294967295 0\n' }],
  // Bytes, not characters: é is c3 a9, ✓ is e2 9c 93.
  ["printf 'é✓' | cksum", { stdout: '2404536073 5\n' }],
  ["printf '123456789' > /tmp/n; cksum /tmp/n /nope; echo \"rc=$?\"", { stdout: '930766865 9 /tmp/n\nrc=1\n', stderr: 'cksum: /nope: No such file or directory\n' }],
  ['cksum -x; echo "rc=$?"', { stdout: 'rc=1\n', stderr: 'cksum: illegal option -- x\nusage: cksum [-o 1 | 2 | 3] [file ...]\n       sum [file ...]\n' }],
  ["printf 'é✓xy' | head -c 5; echo; printf 'é✓xy' | head -c 6; echo", { stdout: 'é✓\né✓x\n' }],
  // A character cut by the count stays out (the text model has no half characters).
  ["printf 'é✓' | head -c 3; echo '|'", { stdout: 'é|\n' }],
  ["printf 'é✓xy' > /tmp/u; head -c 2 /tmp/u; echo; tail -c 2 /tmp/u; echo; tail -c 5 /tmp/u", { stdout: 'é\nxy\n✓xy' }],
  // head -c reads its count and no more: the rest stays on stdin for the next reader.
  ["x=$(head -c 2); rest=$(cat); printf '%s|%s' \"$x\" \"$rest\"", { stdout: 'é|✓ rest' }],
];

describe('cksum and head -c in bytes', () => {
  it.each(cases)('%s', (script, expected) => {
    const stdin = script.startsWith('x=$(head') ? 'é✓ rest' : undefined;
    expect(sh(script, stdin)).toEqual(full(expected));
  });
});

/*
 * head with several files (FreeBSD usr.bin/head/head.c main()): a file fopen
 * refuses gets warn("%s", *argv) and no header; each file it opened gets
 * printf("%s==> %s <==\n", first ? "" : "\n", *argv), and `first` is cleared
 * only then — so the first file opened has no newline before its header,
 * even after a file that could not be opened. head() copies fgetln's lines
 * with fwrite: a last line without its newline stays without it. Exit 1 if
 * any file failed.
 */
/*
 * head -n N of one file (head.c head()): `while (cnt && (cp = fgetln(fp,
 * &readlen)) != NULL)` writes each line as read, so N lines with their
 * newlines, fewer when the file ends first, a last line without a newline
 * as it is, and nothing for N = 0.
 */
describe('head -n N', () => {
  it.each<Case>([
    ["printf 'a\\nb\\nc\\n' > /tmp/x; head -n 2 /tmp/x", { stdout: 'a\nb\n' }],
    ["printf 'a\\nb\\nc' > /tmp/x; head -n 3 /tmp/x; echo .", { stdout: 'a\nb\nc.\n' }],
    ["printf 'a\\nb' > /tmp/x; head -n 2147483647 /tmp/x; echo .", { stdout: 'a\nb.\n' }],
    ["printf 'a\\n\\n\\nb\\n' > /tmp/x; x=$(head -n 3 /tmp/x; echo .); printf '%s' \"$x\"", { stdout: 'a\n\n\n.' }],
    ["printf 'a\\nb\\n' > /tmp/x; head -n 0 /tmp/x; echo \"rc=$?\"", { stdout: 'rc=0\n' }],
    [": > /tmp/x; head -n 5 /tmp/x; echo \"rc=$?\"", { stdout: 'rc=0\n' }],
  ])('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});

describe('head with several files', () => {
  it.each<Case>([
    ["printf 'a\\nb' > /tmp/x; printf 'c\\n' > /tmp/y; head -n 5 /tmp/x /tmp/y", { stdout: '==> /tmp/x <==\na\nb\n==> /tmp/y <==\nc\n' }],
    [
      "printf 'c\\n' > /tmp/y; head -n 5 /nope /tmp/y /dev/null; echo \"rc=$?\"",
      { stdout: '==> /tmp/y <==\nc\n\n==> /dev/null <==\nrc=1\n', stderr: 'head: /nope: No such file or directory\n' },
    ],
  ])('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
