/**
 * A small cache from a text to what was derived from it (a parse, a table).
 * Keyed by the exact content string, so an edit to a file can never be
 * answered from the cache: the new text is a different key. Thousands of
 * simulated hosts share the same stock files, and the hosts of a fleet the
 * same task arguments and fact reads, so one entry serves them all.
 * Values must be treated as read-only by callers.
 *
 * Eviction is by generations rather than exact LRU: entries used since the
 * last turnover survive it, the others are dropped together. A true LRU
 * re-inserts the key on every hit, and a Map's delete + set churn (its
 * table fills with holes and is rebuilt) cost more than the lookups saved.
 */
export class ContentLru<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(
    /** Entries kept at most (about: up to this many, at least half). */
    private readonly maxEntries: number,
    /** Texts longer than this are derived afresh each time, never kept. */
    private readonly maxKeyLength = 256 * 1024,
  ) {}

  /** The cached value for `text`, if any. */
  peek(text: string): V | undefined {
    const hit = this.young.get(text);
    if (hit !== undefined) return hit;
    const aged = this.old.get(text);
    if (aged !== undefined) this.keep(text, aged);
    return aged;
  }

  get(text: string, derive: (text: string) => V): V {
    // Never kept, so not looked up either (hashing a long text costs).
    if (text.length > this.maxKeyLength) return derive(text);
    const hit = this.peek(text);
    if (hit !== undefined) return hit;
    const value = derive(text);
    this.keep(text, value);
    return value;
  }

  private keep(text: string, value: V): void {
    if (this.young.size >= Math.max(1, this.maxEntries >> 1)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(text, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
