/**
 * cmp(1), FreeBSD's usr.bin/cmp (cmp.c, regular.c, link.c, misc.c), with
 * the cases of its ATF tests (usr.bin/cmp/tests/cmp_test2.sh: special,
 * symlink, pr252542, skipsuff, limit, bflag and its b_flag.out /
 * bl_flag.out) rewritten here. Messages: misc.c diffmsg `%s %s differ: char
 * %lld, line %lld` (-b: ` is %3o %c %3o %c`), eofmsg `cmp: EOF on %s`;
 * regular.c -l `%6lld %3o %3o`, -x `%08llx %02x %02x`; cmp.c `differ: size`
 * (-z) and its usage line; exit 0 same, 1 different, 2 trouble.
 */
import { describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

function host(files: Record<string, string>): SimHost {
  const h = simHost('www', { hostname: 'www.example.org', address: '192.0.2.11' });
  for (const [name, content] of Object.entries(files)) h.fs.writeFile(`/tmp/${name}`, content);
  return h;
}
const run = (h: SimHost, script: string) => h.exec(`cd /tmp && ${script}`);

describe('cmp (cmp_test2.sh)', () => {
  it('special: stdin as either file', () => {
    const h = host({ a: '0123456789abcdef\n', b: '0123456789abcdeg\n' });
    expect(run(h, 'cmp a - <a; echo $?; cmp - a <a; echo $?; cmp a a <&-; echo $?')).toEqual({ stdout: '0\n0\n0\n', stderr: '', code: 0 });
    expect(run(h, 'cmp a - <b')).toEqual({ stdout: 'a stdin differ: char 16, line 1\n', stderr: '', code: 1 });
    expect(run(h, 'cmp - a <b')).toEqual({ stdout: 'stdin a differ: char 16, line 1\n', stderr: '', code: 1 });
  });

  it('symlink: followed, unless -h, which compares two links as their targets', () => {
    const h = host({ a: '0123456789abcdef\n', b: '0123456789abcdeg\n' });
    run(h, 'ln -s a a.lnk; ln -s b b.lnk; ln -s a a2.lnk; cp a adup; ln -s adup adup.lnk');
    expect(run(h, 'cmp a a.lnk && cmp a.lnk a && echo same').stdout).toBe('same\n');
    expect(run(h, 'cmp a b.lnk').code).toBe(1);
    expect(run(h, 'cmp b.lnk a').code).toBe(1);
    expect(run(h, 'cmp -h a a.lnk')).toEqual({ stdout: '', stderr: 'cmp: a: Not a symbolic link\n', code: 2 });
    expect(run(h, 'cmp -h a.lnk a')).toEqual({ stdout: '', stderr: 'cmp: a: Not a symbolic link\n', code: 2 });
    expect(run(h, 'cmp -h a.lnk a2.lnk').code).toBe(0);
    // Targets "a" and "adup": the first is shorter.
    expect(run(h, 'cmp -h a.lnk adup.lnk')).toEqual({ stdout: '', stderr: 'cmp: EOF on a.lnk\n', code: 1 });
  });

  it('pr252542: -s with skips (operands or -i) compares from there; -z compares the whole sizes', () => {
    const h = host({ a: '1234567890', b: 'abc567890', c: 'xbc567890' });
    expect(run(h, 'cmp -s a b 4 3; echo $?; cmp -i 4:3 -s a b; echo $?; cmp -i 1 -s b c; echo $?').stdout).toBe('0\n0\n0\n');
    expect(run(h, 'cmp -z a b 4 3')).toEqual({ stdout: 'a b differ: size\n', stderr: '', code: 1 });
    expect(run(h, 'cmp -i 4:3 -z a b').code).toBe(1);
    expect(run(h, 'cmp -i 1 -z a b').code).toBe(1);
  });

  it('skipsuff: a skip of 1k is 1024 bytes', () => {
    const h = host({ a: 'a'.repeat(1028), b: `${'b'.repeat(1024)}aaaa` });
    expect(run(h, 'cmp -s a b; echo $?; cmp -s a b 1k 1k; echo $?').stdout).toBe('1\n0\n');
  });

  it('limit: -n compares that many bytes, regular files and stdin alike', () => {
    const h = host({ a: 'aaaabbbb', b: 'aaaaxxxx' });
    expect(run(h, 'cmp -s a b; echo $?; cmp -sn 4 a b; echo $?; cmp -sn 3 a b; echo $?; cmp -sn 5 a b; echo $?').stdout).toBe('1\n0\n0\n1\n');
    expect(run(h, 'cmp -sn 4 b - <a; echo $?; cmp -sn 3 b - <a; echo $?; cmp -sn 5 b - <a; echo $?')).toEqual({ stdout: '0\n0\n1\n', stderr: '', code: 0 });
  });

  it('bflag: -b prints the differing bytes (b_flag.out, bl_flag.out)', () => {
    const h = host({ a: 'abcd', b: 'abdd' });
    expect(run(h, 'cmp -b a b')).toEqual({ stdout: 'a b differ: char 3, line 1 is 143 c 144 d\n', stderr: '', code: 1 });
    expect(run(h, 'cmp -bl a b')).toEqual({ stdout: '     3 143 c 144 d\n', stderr: '', code: 1 });
  });
});

describe('cmp (cmp(1), cmp.c)', () => {
  it('counts lines up to the difference; -l lists every differing byte in octal, -x in hex from offset 0', () => {
    const h = host({ a: 'abc\ndef\nghi\n', b: 'abc\ndxf\ngh!\n' });
    expect(run(h, 'cmp a b')).toEqual({ stdout: 'a b differ: char 6, line 2\n', stderr: '', code: 1 });
    expect(run(h, 'cmp -l a b')).toEqual({ stdout: '     6 145 170\n    11 151  41\n', stderr: '', code: 1 });
    expect(run(h, 'cmp -x a b')).toEqual({ stdout: '00000005 65 78\n0000000a 69 21\n', stderr: '', code: 1 });
  });

  it('a file that ends first is EOF on it, after any -l output; -s says nothing', () => {
    const h = host({ a: 'abc\ndef\n', c: 'abc\n', d: 'xbc\n' });
    expect(run(h, 'cmp a c')).toEqual({ stdout: '', stderr: 'cmp: EOF on c\n', code: 1 });
    expect(run(h, 'cmp -l d a')).toEqual({ stdout: '     1 170 141\n', stderr: 'cmp: EOF on d\n', code: 1 });
    expect(run(h, 'cmp -s a c')).toEqual({ stdout: '', stderr: '', code: 1 });
  });

  it('trouble is 2: a missing file, a directory, bad usage, -s with -l, stdin twice', () => {
    const h = host({ a: 'x\n' });
    expect(run(h, 'cmp nofile a')).toEqual({ stdout: '', stderr: 'cmp: nofile: No such file or directory\n', code: 2 });
    expect(run(h, 'cmp -s nofile a')).toEqual({ stdout: '', stderr: '', code: 2 });
    expect(run(h, 'cmp /tmp a')).toEqual({ stdout: '', stderr: 'cmp: /tmp: Is a directory\n', code: 2 });
    // A directory opens (open(2) of a directory read-only succeeds); only reading it fails, after both files are open.
    expect(run(h, 'cmp /tmp nofile')).toEqual({ stdout: '', stderr: 'cmp: nofile: No such file or directory\n', code: 2 });
    expect(run(h, 'cmp a')).toEqual({ stdout: '', stderr: 'usage: cmp [-l | -s | -x] [-hz] file1 file2 [skip1 [skip2]]\n', code: 2 });
    expect(run(h, 'cmp -q a a').stderr).toBe('cmp: illegal option -- q\nusage: cmp [-l | -s | -x] [-hz] file1 file2 [skip1 [skip2]]\n');
    expect(run(h, 'cmp -sl a a')).toEqual({ stdout: '', stderr: 'cmp: specifying -s with -l or -x is not permitted\n', code: 2 });
    expect(run(h, 'cmp - - <a')).toEqual({ stdout: '', stderr: 'cmp: standard input may only be specified once\n', code: 2 });
    expect(run(h, 'cmp a a x')).toEqual({ stdout: '', stderr: 'Invalid skip1: x\nusage: cmp [-l | -s | -x] [-hz] file1 file2 [skip1 [skip2]]\n', code: 2 });
  });

  it('/dev/null is an empty file read as it comes (special.c), never compared by size first', () => {
    const h = host({ a: 'x\n', e: '' });
    expect(run(h, 'cmp /dev/null /dev/null; echo $?; cmp e /dev/null; echo $?')).toEqual({ stdout: '0\n0\n', stderr: '', code: 0 });
    expect(run(h, 'cmp -z a /dev/null')).toEqual({ stdout: '', stderr: 'cmp: EOF on /dev/null\n', code: 1 });
  });

  it('the long options are the short ones', () => {
    const h = host({ a: 'abcd', b: 'abdd' });
    expect(run(h, 'cmp --print-bytes --verbose a b').stdout).toBe('     3 143 c 144 d\n');
    expect(run(h, 'cmp --quiet a b; echo $?; cmp --silent --bytes=2 a b; echo $?; cmp --ignore-initial=3 a b; echo $?').stdout).toBe('1\n0\n0\n');
  });
});
