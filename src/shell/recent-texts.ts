/**
 * The few newest long texts and what was derived from them, found by
 * comparing texts rather than by hashing them. A Map hashes its whole key on
 * every lookup with a new string (V8 keeps a string's hash, but each host's
 * script is a new string): about 4 ns a character, some 60 µs for a session
 * script, where a comparison with an entry of the same length takes a few
 * and one of another length none. Values must be treated as read-only.
 */
interface Entry<V> {
  text: string;
  value: V;
}

export class RecentTexts<V> {
  /** Newest first. */
  private readonly entries: Array<Entry<V>> = [];

  constructor(private readonly maxEntries: number) {}

  get(text: string, derive: (text: string) => V): V {
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.text.length !== text.length || e.text !== text) continue;
      if (i > 0) {
        entries.splice(i, 1);
        entries.unshift(e);
      }
      return e.value;
    }
    const value = derive(text);
    entries.unshift({ text, value });
    if (entries.length > this.maxEntries) entries.pop();
    return value;
  }

  get size(): number {
    return this.entries.length;
  }
}
