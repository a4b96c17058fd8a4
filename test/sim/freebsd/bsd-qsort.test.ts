/**
 * The qsort(3) rcorder(8) sorts its files with (lib/libc/stdlib/qsort.c,
 * freebsd/freebsd-src @039ea81; 14.x's differs only in which part it recurses
 * on first). Equal keys are not kept in order: traced by hand through qsort.c
 * for seven elements (n == 7: pivot at n/2 without med3, then the
 * partition pass and the swap of the '=' runs into the middle).
 */
import { describe, expect, it } from 'vitest';
import { bsdQsort } from '../../../src/sim/commands/freebsd/bsd-qsort.js';

const byKey = (a: string, b: string) => Number(a[0]) - Number(b[0]);

describe('bsdQsort', () => {
  it('seven elements: the partition pass reorders equal keys', () => {
    const a = ['1a', '1b', '2a', '1c', '2b', '1d', '1e'];
    bsdQsort(a, byKey);
    expect(a).toEqual(['1c', '1b', '1d', '1e', '1a', '2a', '2b']);
  });

  it('fewer than seven: insertion sort, equal keys keep their order', () => {
    const a = ['2a', '1a', '2b', '1b', '1c', '0a'];
    bsdQsort(a, byKey);
    expect(a).toEqual(['0a', '1a', '1b', '1c', '2a', '2b']);
  });

  it('sorts a larger array (n > 40 takes the ninther) into key order', () => {
    const a = Array.from({ length: 100 }, (_, i) => `${(i * 7) % 10}${String(i).padStart(3, '0')}`);
    bsdQsort(a, byKey);
    expect(a.map((x) => x[0]).join('')).toBe('0123456789'.split('').map((d) => d.repeat(10)).join(''));
  });
});
