/**
 * rc.conf variables with one more file sourced on top: a map of what that
 * file assigned over the shared map of the files before it, instead of a
 * copy of the defaults' few hundred entries for every host's /etc/rc.conf.
 * Reads and iteration match `new Map(base)` with the file's assignments made
 * on it exactly (a name already set keeps its place, a new one comes last).
 * Written only while its file is sourced (rc-conf-sourced.ts), then shared.
 */
import type { RcVars } from './rc-conf-parse.js';

export class RcVarsLayer implements ReadonlyMap<string, string> {
  private readonly own = new Map<string, string>();
  /** Names in `own` that `base` does not have. */
  private added = 0;
  /**
   * The whole map, made the first time the layer is iterated (sendmail's
   * rc.d copies its variables): a layer is shared and never changes after
   * its file was sourced, so this is made once, and lookups use it after.
   */
  private flat: Map<string, string> | undefined;

  constructor(private readonly base: RcVars) {}

  set(key: string, value: string): this {
    if (!this.own.has(key) && !this.base.has(key)) this.added++;
    this.own.set(key, value);
    this.flat = undefined;
    return this;
  }

  get size(): number {
    return this.base.size + this.added;
  }

  get(key: string): string | undefined {
    if (this.flat) return this.flat.get(key);
    const v = this.own.get(key);
    return v !== undefined ? v : this.base.get(key);
  }

  has(key: string): boolean {
    return this.own.has(key) || this.base.has(key);
  }

  private whole(): Map<string, string> {
    if (!this.flat) {
      const flat = new Map(this.base);
      for (const [k, v] of this.own) flat.set(k, v);
      this.flat = flat;
    }
    return this.flat;
  }

  entries(): MapIterator<[string, string]> {
    return this.whole().entries();
  }

  keys(): MapIterator<string> {
    return this.whole().keys();
  }

  values(): MapIterator<string> {
    return this.whole().values();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.whole().entries();
  }

  forEach(fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.whole()) fn.call(thisArg, v, k, this);
  }
}
