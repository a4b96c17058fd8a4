/**
 * A double-quoted word always yields exactly one field, even when every
 * expansion in it is empty (POSIX XCU 2.6.5 "Field Splitting": the empty
 * field from a quoted null is kept; FreeBSD sh(1) "Word Expansions"). In
 * FreeBSD's bin/sh/expand.c the opening quote sets WORD_QUOTEMARK and
 * expandarg() then appends the field however little was written; the one
 * exception is "$@" (its "syntax adherence hack"), which yields no field when
 * there are no positional parameters. dash behaves the same.
 */
import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './fixture.js';

const fields: Case[] = [
  // ${x:-word} with x null and an empty word.
  ['x=; set -- "${x:-}"; echo $#', { stdout: '1\n' }],
  ['unset x; set -- "${x-}"; echo $#', { stdout: '1\n' }],
  // ${x:+word} with x null: the word is not used at all.
  ['x=; set -- "${x:+y}"; echo $#', { stdout: '1\n' }],
  ['unset x; set -- "${x+y}"; echo $#', { stdout: '1\n' }],
  ['x=; set -- "${x:=}"; echo $# "[$x]"', { stdout: '1 []\n' }],
  ['x=abc; set -- "${x#abc}" "${x##*}" "${x%abc}" "${x%%*}"; echo $#', { stdout: '4\n' }],
  ['x=; set -- "${x:-}" "${x:+z}"; echo $#', { stdout: '2\n' }],
  ['x=; printf "[%s]\\n" "${x:-}" "${x:+y}"', { stdout: '[]\n[]\n' }],
  // Unquoted, the empty expansion is no field at all; quotes inside the word still make one.
  ['x=; set -- ${x:-}; echo $#', { stdout: '0\n' }],
  ['x=; set -- ${x:+y}; echo $#', { stdout: '0\n' }],
  ['x=; set -- ${x:-""}; echo $#', { stdout: '1\n' }],
  // "$@" with no positional parameters is zero fields; "$*" is one (empty) field.
  ['set --; set -- "$@"; echo $#', { stdout: '0\n' }],
  ['set --; set -- "${@}"; echo $#', { stdout: '0\n' }],
  ['set --; set -- "$*"; echo $#', { stdout: '1\n' }],
  ['set --; set -- "${*}"; echo $#', { stdout: '1\n' }],
  ['set -- a b; set -- "$@"; echo $#', { stdout: '2\n' }],
];

const tests: Case[] = [
  // test(1) sees one empty operand, so -n is false and -z true (not the one-argument form).
  ['x=; [ -n "${x:-}" ]; echo $?', { stdout: '1\n' }],
  ['x=; [ -z "${x:+set}" ]; echo $?', { stdout: '0\n' }],
  ['x=; [ "${x:-}" = "" ]; echo $?', { stdout: '0\n' }],
];

describe('a quoted empty expansion is one field', () => {
  it.each(fields)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
  it.each(tests)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
