/**
 * du(1), FreeBSD 14 (usr.bin/du/du.c, du.1): "BLOCKS<tab>PATH" per
 * directory, children first (fts(3) post-order), files only with -a (and
 * an operand that is a file), -s for the operand only, -d for a depth, -c
 * adds a "total" line, -k counts KiB (else BLOCKSIZE, default 512-byte
 * blocks), -x stays on the operand's file system, a symbolic link is not
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
});
