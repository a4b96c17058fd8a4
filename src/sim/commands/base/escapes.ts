/** Backslash escapes of printf formats and %b arguments. */
const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/**
 * `bMode` is %b / echo -e: octal is `\0NNN` and `\c` stops all output.
 * Otherwise (a format string) octal is `\NNN`.
 */
export function backslashEscapes(s: string, bMode: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    if (SIMPLE[n] !== undefined) {
      out += SIMPLE[n];
      continue;
    }
    if (n === 'c' && bMode) return { text: out, stop: true };
    if (/[0-7]/.test(n)) {
      let digits = '';
      let j = i;
      const max = bMode && n === '0' ? 4 : 3;
      while (digits.length < max && /[0-7]/.test(s[j] ?? '')) digits += s[j++];
      i = j - 1;
      out += String.fromCharCode(parseInt(digits, 8) & 255);
      continue;
    }
    out += `\\${n}`;
  }
  return { text: out, stop: false };
}
