/**
 * touch(1)'s times (FreeBSD 14 usr.bin/touch/touch.c; the touch(1) manual):
 * - -t [[CC]YY]MMDDhhmm[.SS]: local time (the simulated host's is UTC); a
 *   two-digit YY below 69 is 20YY, else 19YY; no year: the current one;
 *   anything else: "out of range or illegal time specification:
 *   [[CC]YY]MMDDhhmm[.SS]", exit 1 (stime_arg1);
 * - -d YYYY-MM-DDThh:mm:SS[.frac][tz] ("T" or a space, "Z" for UTC;
 *   stime_darg);
 * - -r FILE: that file's times; err(1, "%s", FILE) when it cannot be stat'ed;
 * - -A [-][[hh]mm]SS: added to a given time, else to each file's own time,
 *   and then no file is created (main: `if (Aflag) cflag = 1`);
 * - -a alone leaves the modification time (UTIME_OMIT); -h changes a
 *   symbolic link itself and creates nothing (`case 'h': cflag = 1`);
 * - with no -t/-d/-r, a first of several operands of 8 or 10 digits is the
 *   obsolete MMDDhhmm[yy] (stime_arg2).
 * Expected seconds are the UTC times written next to them (date -u -d ... +%s).
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const ok = (stdout = '') => ({ stdout, stderr: '', code: 0 });
const host = () => simHost('h1', { address: '192.0.2.11' });

describe('touch with a time', () => {
  it('-t in its three lengths, with and without seconds', () => {
    const h = host();
    expect(h.exec('touch -t 202401021304 /tmp/a && stat -f %m /tmp/a')).toEqual(ok('1704200640\n')); // 2024-01-02 13:04:00
    expect(h.exec('touch -t 2401021304.05 /tmp/a && stat -f %m /tmp/a')).toEqual(ok('1704200645\n')); // 2024-01-02 13:04:05
    expect(h.exec('touch -t 9912312359 /tmp/a && stat -f %m /tmp/a')).toEqual(ok('946684740\n')); // 1999-12-31 23:59:00
    // The simulated clock is 2025-11-28 15:30:00: no year means 2025.
    expect(h.exec('touch -t 03040506 /tmp/a && stat -f %m /tmp/a')).toEqual(ok('1741064760\n')); // 2025-03-04 05:06:00
  });

  it('an illegal -t changes nothing and says what it wants; fields out of range carry over as mktime(3) does', () => {
    const h = host();
    const r = h.exec('touch -t 2401021304.5 /tmp/b; echo $?; touch -t 0102 /tmp/b; echo $?; ls /tmp');
    expect(r).toEqual({ stdout: '1\n1\n', stderr: 'touch: out of range or illegal time specification: [[CC]YY]MMDDhhmm[.SS]\n'.repeat(2), code: 0 });
    expect(h.exec('touch -t 202402301200 /tmp/b && stat -f %m /tmp/b')).toEqual(ok('1709294400\n')); // 30 Feb 2024 = 2024-03-01 12:00
    expect(h.exec('touch -d 2024-13-01T00:00:00 /tmp/b; echo $?')).toEqual({ stdout: '1\n', stderr: 'touch: out of range or illegal time specification: YYYY-MM-DDThh:mm:SS[.frac][tz]\n', code: 0 });
  });

  it('-d, -r and -A', () => {
    const h = host();
    expect(h.exec('touch -d 2024-01-02T13:04:05Z /tmp/a && stat -f %m /tmp/a')).toEqual(ok('1704200645\n'));
    expect(h.exec('touch -d "2024-01-02 13:04:05.5" /tmp/b && stat -f %m /tmp/b')).toEqual(ok('1704200645\n'));
    expect(h.exec('touch -r /tmp/a /tmp/c && stat -f %m /tmp/c')).toEqual(ok('1704200645\n'));
    expect(h.exec('touch -A -0105 /tmp/c && stat -f %m /tmp/c')).toEqual(ok('1704200580\n')); // 65 s earlier
    expect(h.exec('touch -A 01 /tmp/none; ls /tmp/none')).toEqual({ stdout: '', stderr: 'ls: /tmp/none: No such file or directory\n', code: 1 });
    expect(h.exec('touch -r /tmp/missing /tmp/d; echo $?; ls /tmp/d')).toEqual({ stdout: '1\n', stderr: 'touch: /tmp/missing: No such file or directory\nls: /tmp/d: No such file or directory\n', code: 1 });
  });

  it('-a alone keeps the modification time; -h touches the link, not its target', () => {
    const h = host();
    h.exec('touch -t 202401021304 /tmp/a && ln -s /tmp/a /tmp/l');
    expect(h.exec('touch -a /tmp/a && stat -f %m /tmp/a')).toEqual(ok('1704200640\n'));
    expect(h.exec('touch -h -t 203007080910 /tmp/l && stat -f %m /tmp/a && stat -f %m /tmp/l')).toEqual(ok('1704200640\n1909732200\n')); // 2030-07-08 09:10
    expect(h.exec('touch -h /tmp/nolink; ls /tmp')).toEqual(ok('a\nl\n'));
  });

  it('the obsolete MMDDhhmm[yy] first operand', () => {
    const h = host();
    expect(h.exec('touch 0102130424 /tmp/a && stat -f %m /tmp/a')).toEqual(ok('1704200640\n'));
  });
});
