/**
 * An awk associative array that iterates like contrib/one-true-awk/tran.c's
 * symbol tables: `for (k in a)` walks the hash buckets in order, each
 * bucket newest first, so output order matches FreeBSD's awk (a table
 * starts at NSYMTAB = 50 buckets and grows fourfold past two entries per
 * bucket, rehashing bucket by bucket).
 */
import type { Val } from './value.js';

const NSYMTAB = 50;
const FULLTAB = 2;
const GROWTAB = 4;
const encoder = new TextEncoder();

/** tran.c hash(): hashval = c + 31 * hashval over the (signed) bytes, unsigned 32-bit. */
function hash(key: string, size: number): number {
  let h = 0;
  for (const b of encoder.encode(key)) h = (((b << 24) >> 24) + Math.imul(31, h)) >>> 0;
  return h % size;
}

export class AwkArray {
  private readonly values = new Map<string, Val>();
  /** Each bucket's keys, head (newest) first. */
  private buckets: string[][] = Array.from({ length: NSYMTAB }, () => []);

  get size(): number {
    return this.values.size;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  get(key: string): Val | undefined {
    return this.values.get(key);
  }

  set(key: string, v: Val): void {
    if (!this.values.has(key)) this.insert(key);
    this.values.set(key, v);
  }

  delete(key: string): void {
    if (!this.values.delete(key)) return;
    const bucket = this.buckets[hash(key, this.buckets.length)]!;
    bucket.splice(bucket.indexOf(key), 1);
  }

  clear(): void {
    this.values.clear();
    this.buckets = Array.from({ length: NSYMTAB }, () => []);
  }

  /** The keys in for-in order, copied first as run.c does. */
  keys(): string[] {
    const out: string[] = [];
    for (const bucket of this.buckets) out.push(...bucket);
    return out;
  }

  private insert(key: string): void {
    if (this.values.size + 1 > FULLTAB * this.buckets.length) this.rehash();
    this.buckets[hash(key, this.buckets.length)]!.unshift(key);
  }

  private rehash(): void {
    const size = this.buckets.length * GROWTAB;
    const next: string[][] = Array.from({ length: size }, () => []);
    for (const bucket of this.buckets) for (const key of bucket) next[hash(key, size)]!.unshift(key);
    this.buckets = next;
  }
}
