/**
 * qsort(3) of FreeBSD's libc (lib/libc/stdlib/qsort.c, Bentley & McIlroy's
 * "Engineering a Sort Function"; freebsd/freebsd-src @039ea81), on array
 * slots instead of bytes. The 2023 qsort.c of 14.x (POSIX qsort_r, still
 * with the swap_cnt switch to insertion sort) recurses on the smaller part
 * first and iterates on the other: the parts are disjoint, so it sorts the same. Not stable: rcorder(8) sorts its files by
 * sequence with it, so files of one sequence come out in the order this
 * partitioning leaves them, which a stable sort would not reproduce.
 */
export type Compare<T> = (a: T, b: T) => number;

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

function vecswap<T>(a: T[], i: number, j: number, n: number): void {
  for (let k = 0; k < n; k++) swap(a, i + k, j + k);
}

function med3<T>(a: T[], i: number, j: number, k: number, cmp: Compare<T>): number {
  return cmp(a[i]!, a[j]!) < 0
    ? cmp(a[j]!, a[k]!) < 0 ? j : cmp(a[i]!, a[k]!) < 0 ? k : i
    : cmp(a[j]!, a[k]!) > 0 ? j : cmp(a[i]!, a[k]!) < 0 ? i : k;
}

function insertionSort<T>(a: T[], lo: number, n: number, cmp: Compare<T>): void {
  for (let m = lo + 1; m < lo + n; m++) for (let l = m; l > lo && cmp(a[l - 1]!, a[l]!) > 0; l--) swap(a, l, l - 1);
}

/** Sort a[lo .. lo+n-1] in place exactly as qsort(3) does. */
export function bsdQsort<T>(a: T[], cmp: Compare<T>, lo = 0, n = a.length): void {
  for (;;) {
    if (n < 7) return insertionSort(a, lo, n, cmp);
    let pm = lo + Math.floor(n / 2);
    if (n > 7) {
      let pl = lo;
      let pn = lo + n - 1;
      if (n > 40) {
        const d = Math.floor(n / 8);
        pl = med3(a, pl, pl + d, pl + 2 * d, cmp);
        pm = med3(a, pm - d, pm, pm + d, cmp);
        pn = med3(a, pn - 2 * d, pn - d, pn, cmp);
      }
      pm = med3(a, pl, pm, pn, cmp);
    }
    swap(a, lo, pm);
    let pa = lo + 1;
    let pb = pa;
    let pc = lo + n - 1;
    let pd = pc;
    let swapped = false;
    for (;;) {
      let r: number;
      while (pb <= pc && (r = cmp(a[pb]!, a[lo]!)) <= 0) {
        if (r === 0) {
          swapped = true;
          swap(a, pa++, pb);
        }
        pb++;
      }
      while (pb <= pc && (r = cmp(a[pc]!, a[lo]!)) >= 0) {
        if (r === 0) {
          swapped = true;
          swap(a, pc, pd--);
        }
        pc--;
      }
      if (pb > pc) break;
      swap(a, pb++, pc--);
      swapped = true;
    }
    // "Switch to insertion sort" when the partition pass moved nothing.
    if (!swapped) return insertionSort(a, lo, n, cmp);
    const end = lo + n;
    let r = Math.min(pa - lo, pb - pa);
    vecswap(a, lo, pb - r, r);
    r = Math.min(pd - pc, end - pd - 1);
    vecswap(a, pb, end - r, r);
    if (pb - pa > 1) bsdQsort(a, cmp, lo, pb - pa);
    if (pd - pc <= 1) return;
    // Iterate rather than recurse on the right part, as qsort.c does.
    n = pd - pc;
    lo = end - n;
  }
}
