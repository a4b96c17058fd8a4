/**
 * inet_interfaces in postfix's main.cf. Postfix keeps the last assignment of
 * a parameter (postconf(5)), and a value continues on lines starting with
 * white space: every active assignment is removed with its continuation
 * lines and the wanted one written where the last was (else at the end).
 * Commented examples are documentation and stay.
 */
import { appendLine, bare, splitLines } from '../text-lines.js';

const ASSIGN = /^inet_interfaces\s*=/;

export function withInetInterfaces(content: string, value: string): string {
  const lines = splitLines(content);
  const out: string[] = [];
  let at = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!ASSIGN.test(bare(line))) {
      out.push(line);
      continue;
    }
    at = out.length;
    while (i + 1 < lines.length && /^[ \t]+\S/.test(lines[i + 1] ?? '')) i++;
  }
  const wanted = `inet_interfaces = ${value}`;
  if (at < 0) return appendLine(out, wanted).join('');
  out.splice(at, 0, `${wanted}\n`);
  return out.join('');
}
