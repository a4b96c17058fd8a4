/** Re-quote argv words into shell text for ctx.run (jexec, old-style jail). */
export function shQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shJoin(words: string[]): string {
  return words.map(shQuote).join(' ');
}
