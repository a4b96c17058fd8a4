/**
 * du(1), FreeBSD 14 (usr.bin/du/du.c, du.1): "BLOCKS<tab>PATH" per
 * directory, children first (fts(3) post-order), files only with -a (and
 * an operand that is a file), -s for the operand only, -d for a depth, -c
 * adds a "total" line, -k counts KiB (else BLOCKSIZE, default 512-byte
 * blocks), -h human-readable sizes (humanize_number(3)), -x stays on the operand's file system, a symbolic link is not
 * followed (-P), a file with several names counts once (linkchk), and a
 * missing operand is "du: PATH: No such file or directory", exit 1. Block
 * counts are the simulator's model of st_blocks (whole 4 KiB blocks, a
 * directory one block, a fast symlink none), the same ls -s and stat %b use.
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const host = () => {
  const h = simHost('du1', { address: '192.0.2.21' });
  h.exec("mkdir -p /d/e && printf '%5000s' x > /d/e/f && printf a > /d/g && ln -s g /d/l");
  return h;
};

describe('du', () => {
  it('prints each directory after its children, files only with -a', () => {
    const h = host();
    expect(h.exec('du /d').stdout).toBe('24\t/d/e\n40\t/d\n');
    expect(h.exec('du -a /d').stdout).toBe('16\t/d/e/f\n24\t/d/e\n8\t/d/g\n0\t/d/l\n40\t/d\n');
    expect(h.exec('du -d 0 /d').stdout).toBe('40\t/d\n');
  });

  it('sums with -s, in KiB with -k or BLOCKSIZE, and totals with -c', () => {
    const h = host();
    expect(h.exec('du -sk /d').stdout).toBe('20\t/d\n');
    expect(h.exec('BLOCKSIZE=1k du -s /d').stdout).toBe('20\t/d\n');
    expect(h.exec('du -c /d/e /d/g').stdout).toBe('24\t/d/e\n8\t/d/g\n32\ttotal\n');
  });

  it('counts a file of two names once', () => {
    const h = host();
    h.exec('ln /d/e/f /d/e/f2');
    expect(h.exec('du -s /d/e').stdout).toBe('24\t/d/e\n');
  });

  it('names a missing operand and exits 1, after the others', () => {
    const r = host().exec('du -s /d/g /nope');
    expect(r).toEqual({ stdout: '8\t/d/g\n', stderr: 'du: /nope: No such file or directory\n', code: 1 });
  });

  it('with -x, does not descend into what is mounted below the operand', () => {
    const h = host();
    h.exec('mkdir -p /m/base && mount -t nullfs -o ro /d /m/base');
    expect(h.exec('du -sk /m').stdout).toBe('24\t/m\n');
    expect(h.exec('du -skx /m').stdout).toBe('8\t/m\n');
  });
  // -h: du.c prthumanval(): humanize_number(buf, 5, blocks * DEV_BSIZE, "", HN_AUTOSCALE,
  // HN_B | HN_NOSPACE | HN_DECIMAL), printed "%4s". humanize_number(3) (lib/libutil/humanize_number.c):
  // divide by 1024 while the number is >= 1000 (10 ** (len - baselen), baselen 2); one decimal place
  // below 9.5 of a unit, rounded as (remainder * 10 + 512) / 1024; prefixes B, K, M, G.
  it('-h prints sizes as humanize_number(3) does, in 4 columns', () => {
    const h = host();
    // 40 blocks = 20480 bytes = 20 K; 24 = 12 K; 16 = 8192 bytes = 8 K and no remainder: 8.0K; 8 = 4.0K;
    // a fast symlink: 0 bytes, not divided: 0B.
    expect(h.exec('du -ah /d').stdout).toBe('8.0K\t/d/e/f\n 12K\t/d/e\n4.0K\t/d/g\n  0B\t/d/l\n 20K\t/d\n');
    expect(h.exec('du -ch /d/e /d/g').stdout).toBe(' 12K\t/d/e\n4.0K\t/d/g\n 16K\ttotal\n');
    // 1024000 bytes (250 4 KiB blocks): 1000 K is not below 1000, so 0 M and remainder 1000 K: 1.0M.
    // 1572864 bytes: 1536 K, then 1 M and 512 K: (5120 + 512) / 1024 = 5, 1.5M. 102400 bytes: 100K.
    h.exec("mkdir /big && printf '%1024000s' x > /big/a && printf '%1572864s' x > /big/b && printf '%102400s' x > /big/c");
    expect(h.exec('du -a /big').stdout).toBe('2000\t/big/a\n3072\t/big/b\n200\t/big/c\n5280\t/big\n');
    // 5280 blocks = 2703360 bytes = 2640 K, then 2 M and 592 K: (5920 + 512) / 1024 = 6, 2.6M.
    expect(h.exec('du -ah /big').stdout).toBe('1.0M\t/big/a\n1.5M\t/big/b\n100K\t/big/c\n2.6M\t/big\n');
  });

  it('-h and -g/-k/-m: the last one given wins (du.c: -k sets blocksize and clears hflag)', () => {
    const h = host();
    expect(h.exec('du -sh -k /d').stdout).toBe('20\t/d\n');
    expect(h.exec('du -sk -h /d').stdout).toBe(' 20K\t/d\n');
    expect(h.exec('du -shm /d').stdout).toBe('1\t/d\n');
    expect(h.exec('du -s -m -k /d').stdout).toBe('20\t/d\n');
    // -h counts bytes: BLOCKSIZE does not change what it prints.
    expect(h.exec('BLOCKSIZE=1m du -sh /d').stdout).toBe(' 20K\t/d\n');
  });
});
