/**
 * The one function through which every value reaches a shell.
 *
 * POSIX single quotes preserve every byte except the single quote itself,
 * which is closed, escaped and reopened. Words made only of characters that
 * no shell treats specially are left bare so generated scripts stay readable.
 */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Whether quote() leaves `value` as it is. */
export function isBareWord(value: string): boolean {
  return value !== '' && SAFE_WORD.test(value) && !value.startsWith('=');
}

export function quote(value: string): string {
  if (value === '') return "''";
  if (isBareWord(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Quote each word and join them with spaces: one shell command line. */
export function command(...words: string[]): string {
  return words.map(quote).join(' ');
}
