/**
 * Pathname expansion and leading dots. FreeBSD sh(1) "Pathname Expansion"
 * (and POSIX XCU 2.13.3): a leading `.` in a file name is matched only by a
 * leading `.` in the pattern. FreeBSD's expmeta (bin/sh/expand.c) lists the
 * directory with readdir(3), which returns `.` and `..`, so such a pattern
 * matches them too: `echo .*` prints `. ..` first (dash agrees).
 */
import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './fixture.js';

const setup = 'mkdir /w; cd /w; touch .h .profile a b; mkdir d; ';

const cases: Case[] = [
  [`${setup}echo .*`, { stdout: '. .. .h .profile\n' }],
  [`${setup}echo /w/.*`, { stdout: '/w/. /w/.. /w/.h /w/.profile\n' }],
  // A `*` never matches a leading dot.
  [`${setup}echo *`, { stdout: 'a b d\n' }],
  // The usual idiom to skip `.` and `..`.
  [`${setup}echo .[!.]*`, { stdout: '.h .profile\n' }],
  [`${setup}echo .?`, { stdout: '.. .h\n' }],
  // Only directories match before a slash: `.` and `..` are. expsortcmp sorts the whole
  // results with strcoll, and in the C locale "../" sorts before "./" ('.' < '/').
  [`${setup}echo .*/`, { stdout: '../ ./\n' }],
  [`${setup}set -- .*; echo $#`, { stdout: '4\n' }],
  // Quoted, the dot still counts as a leading dot (expmeta skips the CTLESC before it).
  [`${setup}echo "."*`, { stdout: '. .. .h .profile\n' }],
  // An empty directory: `.*` still finds `.` and `..`.
  ['mkdir /e; cd /e; echo .* *', { stdout: '. .. *\n' }],
];

describe('pathname expansion of a leading dot', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
