/**
 * rc.conf variables with one value replaced, as `onestart`/`forcestop` set
 * the rcvar to YES for one run: a view over the shared map instead of a copy
 * of its few hundred entries per rc.d call. Reads and iteration match
 * `new Map(base).set(name, value)` exactly (an existing name keeps its place,
 * a new one comes last).
 */
import type { RcVars } from './rc-conf-parse.js';

export class RcVarsOverlay implements ReadonlyMap<string, string> {
  constructor(
    private readonly base: RcVars,
    private readonly name: string,
    private readonly value: string,
  ) {}

  get size(): number {
    return this.base.has(this.name) ? this.base.size : this.base.size + 1;
  }

  get(key: string): string | undefined {
    return key === this.name ? this.value : this.base.get(key);
  }

  has(key: string): boolean {
    return key === this.name || this.base.has(key);
  }

  *entries(): MapIterator<[string, string]> {
    for (const [k, v] of this.base) yield [k, k === this.name ? this.value : v];
    if (!this.base.has(this.name)) yield [this.name, this.value];
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}
