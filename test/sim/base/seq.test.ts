/**
 * seq(1), FreeBSD's usr.bin/seq/seq.c, with its ATF case
 * (usr.bin/seq/tests/seq_test.sh float_rounding) and the manual page's
 * examples rewritten here: the default format is `%g` (so 1000000 prints as
 * 1e+06, as on FreeBSD), -w's format from generate_format (a second -w pads
 * with the space flag), -s/-t with C escapes, the last value a rounding
 * error missed, and the errors of the source (exit 1; 2 for a bad number).
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const sh = (script: string) => simHost('www', { address: '192.0.2.11' }).exec(script);

describe('seq (seq.c, seq_test.sh)', () => {
  it('float_rounding: 1 0.1 1.2 ends at 1.2', () => {
    expect(sh('seq 1 0.1 1.2')).toEqual({ stdout: '1\n1.1\n1.2\n', stderr: '', code: 0 });
    expect(sh('seq 0 0.1 0.3').stdout).toBe('0\n0.1\n0.2\n0.3\n');
  });

  it('counts up from 1, up or down by an increment; negative operands are no options', () => {
    expect(sh("seq 3; seq 2 4; seq 5 -2 1; seq -- -1 1; seq -2 -1 -3").stdout).toBe('1\n2\n3\n2\n3\n4\n5\n3\n1\n-1\n0\n1\n-2\n-3\n');
  });

  it('prints with %g: a million is 1e+06', () => {
    expect(sh('seq 999999 1000001').stdout).toBe('999999\n1e+06\n1e+06\n');
  });

  it('-w pads to the widest (zeros, or with a second -w the space flag); -f takes one floating conversion', () => {
    expect(sh('seq -w 8 10; seq -w 0 0.5 1; seq -w -w 8 10').stdout).toBe('08\n09\n10\n0.0\n0.5\n1.0\n 8\n 9\n 10\n');
    expect(sh("seq -f 'item %03g:' 1 2; seq -f '%.2f%%' 1 0.5 2").stdout).toBe('item 001:\nitem 002:\n1.00%\n1.50%\n2.00%\n');
  });

  it('-s joins with a string (C escapes), -t ends with one after the separator', () => {
    expect(sh("seq -s , 1 3; seq -s '\\t' 1 2; seq -t END 1 2")).toEqual({ stdout: '1,2,3\n1\t2\n1\n2\nEND\n', stderr: '', code: 0 });
  });

  it('errors: a zero increment, one the wrong way, a bad format (1), a bad number (2), usage (1)', () => {
    expect(sh('seq 1 0 3')).toEqual({ stdout: '', stderr: 'seq: zero increment\n', code: 1 });
    expect(sh('seq 3 0 1')).toEqual({ stdout: '', stderr: 'seq: zero decrement\n', code: 1 });
    expect(sh('seq 1 -1 3')).toEqual({ stdout: '', stderr: 'seq: needs positive increment\n', code: 1 });
    expect(sh('seq 3 1 1')).toEqual({ stdout: '', stderr: 'seq: needs negative decrement\n', code: 1 });
    expect(sh("seq -f '%d' 1 2")).toEqual({ stdout: '', stderr: "seq: invalid format string: `%d'\n", code: 1 });
    expect(sh("seq -f '%g %g' 1 2").code).toBe(1);
    expect(sh('seq 1x')).toEqual({ stdout: '', stderr: 'seq: invalid floating point argument: 1x\n', code: 2 });
    expect(sh('seq')).toEqual({ stdout: '', stderr: 'usage: seq [-w] [-f format] [-s string] [-t string] [first [incr]] last\n', code: 1 });
  });
});

describe('printf(1) floating conversions (libc printf(3), c-float.ts)', () => {
  it('%g takes the shorter of %e and %f by C99\'s rule and drops trailing zeros; %#g keeps them', () => {
    expect(sh("printf '%g %g %g %G %#g %e %.2f\\n' 1000000 0.0001 123.456 1e-10 1 12345.678 2.345").stdout).toBe('1e+06 0.0001 123.456 1E-10 1.00000 1.234568e+04 2.35\n');
  });
});
