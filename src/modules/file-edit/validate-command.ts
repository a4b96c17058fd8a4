/**
 * Ansible's `validate` (lineinfile, copy, template): a command that checks
 * the new content before it replaces the file. Ansible formats it with
 * Python's `validate % tmpfile` (so exactly one `%s`; `%%` is a literal
 * `%`), splits it with shlex and runs it without a shell; a non-zero exit
 * fails the task and leaves the file alone. Here it runs in the atomic
 * write (atomic-write.ts) against the temp file, after its mode and owner
 * are set and before the rename. As in Ansible there is no shell: pipes,
 * `$VAR` and `~` are plain text (Ansible expands `$VAR` and `~` itself;
 * that is not done here).
 */
import { z } from 'zod';
import { quote } from '../../shell/quote.js';

/** One word: literal pieces, with `null` where the temp file's path goes. */
type Word = Array<string | null>;

/** shlex.split (POSIX mode): quotes, and backslash escapes outside single quotes. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('no closing quotation');
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let inner = '';
      for (; j < text.length && text.charAt(j) !== '"'; j++) {
        // In double quotes shlex only lets \ escape " and \.
        if (text.charAt(j) === '\\' && /["\\]/.test(text.charAt(j + 1))) j++;
        inner += text.charAt(j);
      }
      if (j >= text.length) throw new Error('no closing quotation');
      word = (word ?? '') + inner;
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new Error('no escaped character');
      word = (word ?? '') + text.charAt(++i);
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Python's `%` formatting of one word with one string: `%s` and `%%` only. */
function formatWord(word: string): { parts: Word; slots: number } {
  const parts: Word = [];
  let lit = '';
  let slots = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charAt(i);
    if (c !== '%') {
      lit += c;
      continue;
    }
    const n = word.charAt(++i);
    if (n === '%') lit += '%';
    else if (n === 's') {
      if (lit) parts.push(lit);
      lit = '';
      parts.push(null);
      slots++;
    } else throw new Error(`unsupported format character "%${n}"`);
  }
  if (lit || parts.length === 0) parts.push(lit);
  return { parts, slots };
}

export function parseValidate(text: string): Word[] {
  const words = shellWords(text).map(formatWord);
  const slots = words.reduce((n, w) => n + w.slots, 0);
  if (slots === 0) throw new Error('validate must contain %s (the path of the file to check)');
  if (slots > 1) throw new Error('validate may contain %s only once (Python\'s "validate % path")');
  return words.map((w) => w.parts);
}

export const validateArg = z.string().superRefine((s, ctx) => {
  try {
    parseValidate(s);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
});

/** Shell text running the check on the file whose path is in `pathVar` (shell text, e.g. "$t"). */
export function validateCommand(text: string, pathVar: string): string {
  return parseValidate(text)
    .map((w) => w.map((p) => (p === null ? pathVar : quote(p))).join(''))
    .join(' ');
}
