/**
 * A small LRU from a text to what was derived from it (a parse, a table).
 * Keyed by the exact content string, so an edit to a file can never be
 * answered from the cache: the new text is a different key. Thousands of
 * simulated hosts share the same stock files, so one entry serves them all.
 * Values must be treated as read-only by callers.
 */
export class ContentLru<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly maxEntries: number,
    /** Texts longer than this are derived afresh each time, never kept. */
    private readonly maxKeyLength = 256 * 1024,
  ) {}

  get(text: string, derive: (text: string) => V): V {
    const hit = this.entries.get(text);
    if (hit !== undefined) {
      this.entries.delete(text);
      this.entries.set(text, hit);
      return hit;
    }
    const value = derive(text);
    if (text.length <= this.maxKeyLength) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(text, value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
