/**
 * V8 stores a string one byte per character when every character is
 * Latin-1, else two. A slice of a two-byte string is two-byte whatever it
 * holds, and so is every string built from it. One em dash in a YAML
 * comment made every value of that file, every script rendered from them
 * and every file those scripts write on a simulated host twice the size
 * (and slower to search and hash).
 */
// eslint-disable-next-line no-control-regex -- the Latin-1 range starts at NUL
const WIDE = /[^\x00-\xff]/;

/** Whether any character of `text` is outside Latin-1 (so its slices are two-byte). */
export function hasWideCharacters(text: string): boolean {
  return WIDE.test(text);
}

/** `text` as a one-byte string when all its characters are Latin-1 (a copy through latin1 bytes), else as it is. */
export function narrowed(text: string): string {
  return WIDE.test(text) ? text : Buffer.from(text, 'latin1').toString('latin1');
}
