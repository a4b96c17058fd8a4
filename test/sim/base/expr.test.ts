/**
 * expr(1), FreeBSD's bin/expr/expr.y: one token an argument, yacc's
 * precedence (`|` < `&` < comparisons < `+ -` < `* / %` < `:`), intmax_t
 * arithmetic with its checks, strcoll for strings, `:` as a basic regular
 * expression anchored at the start (\1 or the match's length), exit 0 for
 * a result neither null nor zero, 1 for one that is, 2 for errors. The
 * examples are the manual page's (expr(1) EXAMPLES).
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const sh = (script: string) => simHost('www', { address: '192.0.2.11' }).exec(script);

describe('expr (expr.y, expr(1))', () => {
  it('the manual page: add one to a variable; the last path component; a string\'s length', () => {
    expect(sh('a=5; a=$(expr "$a" + 1); echo $a').stdout).toBe('6\n');
    expect(sh('a=/usr/local/bin; expr "//$a" : \'.*/\\(.*\\)\'').stdout).toBe('bin\n');
    expect(sh('a=-hello; expr -- "$a" : ".*"').stdout).toBe('6\n');
  });

  it('binds as yacc\'s %left lines say: * before +, parentheses first, left to right', () => {
    expect(sh("expr 1 + 2 '*' 3; expr '(' 1 + 2 ')' '*' 3; expr 10 - 4 - 3; expr 10 / 3; expr 10 % 3; expr 5 - 7").stdout).toBe('7\n9\n3\n3\n1\n-2\n');
  });

  it('a word that is no operator is an operand, whatever its name', () => {
    expect(sh('expr a constructor b')).toEqual({ stdout: '', stderr: 'expr: syntax error\n', code: 2 });
    expect(sh('expr constructor')).toEqual({ stdout: 'constructor\n', stderr: '', code: 0 });
  });

  it('compares numbers as numbers and anything else as strings', () => {
    expect(sh("expr 10 '<' 9; expr 10 '<' 9a; expr a = a; expr a '!=' a; expr 2 '>=' 2").stdout).toBe('0\n1\n1\n0\n1\n');
  });

  it('| and & keep an operand or give 0; the status says whether the result is null or zero', () => {
    expect(sh("expr 0 '|' b; echo $?; expr a '&' 0; echo $?; expr ''; echo $?; expr 007; echo $?").stdout).toBe('b\n0\n0\n1\n\n1\n007\n0\n');
  });

  it(': without a subexpression is the match\'s length (0 when none), with one the match of \\1 ("" when none)', () => {
    expect(sh("expr abc : 'a.'; expr abc : b; expr abc : 'x\\(.\\)'; echo \"[$?]\"").stdout).toBe('2\n0\n\n[1]\n');
  });

  it('errors are 2: syntax, a string in arithmetic, division by zero, overflow, an operand too large', () => {
    expect(sh('expr 1 +')).toEqual({ stdout: '', stderr: 'expr: syntax error\n', code: 2 });
    expect(sh('expr')).toEqual({ stdout: '', stderr: 'expr: syntax error\n', code: 2 });
    expect(sh('expr a + 1')).toEqual({ stdout: '', stderr: "expr: not a decimal number: 'a'\n", code: 2 });
    expect(sh('expr 1 / 0')).toEqual({ stdout: '', stderr: 'expr: division by zero\n', code: 2 });
    expect(sh('expr 9223372036854775807 + 1')).toEqual({ stdout: '', stderr: 'expr: overflow\n', code: 2 });
    expect(sh('expr 99999999999999999999 + 1')).toEqual({ stdout: '', stderr: "expr: operand too large: '99999999999999999999'\n", code: 2 });
  });

  it('a leading negative number is an option to getopt (use --); -e takes "+1" and " 2" as integers', () => {
    expect(sh('expr -1 + 2')).toEqual({ stdout: '', stderr: 'expr: illegal option -- 1\nexpr: usage: expr [-e] expression\n\n', code: 2 });
    expect(sh('expr -- -1 + 2').stdout).toBe('1\n');
    expect(sh("expr +1 + 1; echo $?; expr -e +1 + ' 2'").stdout).toBe('2\n3\n');
  });
});
