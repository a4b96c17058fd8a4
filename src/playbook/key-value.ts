/**
 * Ansible's `key=value` text (`-e 'a=1 b="two words"'`, `command: ls
 * chdir=/tmp`): split_args splits on white space outside quotes and
 * `{{ }}`/`{% %}`/`{# #}` blocks; parse_kv then splits each word at its
 * first unescaped `=`, decodes escapes and strips matching outer quotes.
 * Words without `=` are raw parameters (a free-form command's text).
 */

export class KeyValueError extends Error {}

const OPEN = ['{{', '{%', '{#'];
const CLOSE = ['}}', '%}', '#}'];

export interface Word {
  text: string;
  /** Where it starts and ends in the text, so a caller can cut it out and keep the rest verbatim. */
  start: number;
  end: number;
}

/** The words of the text, quotes and template blocks kept as written. */
export function splitArgs(text: string): string[] {
  return wordsOf(text).map((w) => w.text);
}

export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let word = '';
  let start = 0;
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const pair = text.slice(i, i + 2);
    if (c === '\\' && i + 1 < text.length) {
      word += pair;
      i++;
    } else if (quote !== undefined) {
      word += c;
      if (c === quote) quote = undefined;
    } else if (OPEN.includes(pair) || (depth > 0 && CLOSE.includes(pair))) {
      depth += OPEN.includes(pair) ? 1 : -1;
      word += pair;
      i++;
    } else if (depth === 0 && /\s/.test(c)) {
      if (word !== '') words.push({ text: word, start, end: i });
      word = '';
      start = i + 1;
    } else {
      if (c === '"' || c === "'") quote = c;
      word += c;
    }
  }
  if (quote !== undefined) throw new KeyValueError(`unbalanced ${quote} quote`);
  if (depth > 0) throw new KeyValueError('unbalanced template block ({{ without }})');
  if (word !== '') words.push({ text: word, start, end: text.length });
  return words;
}

export interface KeyValues {
  options: Record<string, string>;
  /** Words that are no key=value pair. */
  raw: string[];
}

export function parseKv(text: string): KeyValues {
  const options: Record<string, string> = {};
  const raw: string[] = [];
  for (const written of splitArgs(text)) {
    const pair = keyValue(written);
    if (pair) options[pair[0]] = pair[1];
    else raw.push(decodeEscapes(written).replace(/\\=/g, '='));
  }
  return { options, raw };
}

/**
 * A free-form command (`command: make install chdir=/usr/src`): the `k=v`
 * words whose key is one of `keys` are options, cut out of the text; the
 * rest of the text is the command, as written (newlines included).
 */
export function freeForm(text: string, keys: readonly string[]): { options: Record<string, string>; rest: string } {
  const options: Record<string, string> = {};
  let rest = '';
  let from = 0;
  let words: Word[];
  try {
    words = wordsOf(text);
  } catch (err) {
    // An apostrophe in a script's comment is no reason to refuse it: then it has no options.
    if (err instanceof KeyValueError) return { options, rest: text.trim() };
    throw err;
  }
  for (const word of words) {
    const pair = keyValue(word.text);
    if (!pair || !keys.includes(pair[0])) continue;
    options[pair[0]] = pair[1];
    rest += text.slice(from, word.start);
    from = word.end;
  }
  return { options, rest: (rest + text.slice(from)).trim() };
}

function keyValue(written: string): [string, string] | undefined {
  const word = decodeEscapes(written);
  const at = splitAt(word);
  if (at === undefined) return undefined;
  return [word.slice(0, at).trim(), unquote(word.slice(at + 1).trim())];
}

/** The first `=` not escaped and not the first character (parse_kv starts looking at 1). */
function splitAt(word: string): number | undefined {
  for (let i = 1; i < word.length; i++) if (word.charAt(i) === '=' && word.charAt(i - 1) !== '\\') return i;
  return undefined;
}

export function unquote(value: string): string {
  const first = value.charAt(0);
  const quoted = value.length > 1 && (first === '"' || first === "'") && value.endsWith(first) && value.charAt(value.length - 2) !== '\\';
  return quoted ? value.slice(1, -1) : value;
}

const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Python's unicode_escape subset Ansible decodes: \\n, \\t, \\xHH, \\uHHHH, \\UHHHHHHHH, octal. */
function decodeEscapes(word: string): string {
  return word.replace(/\\(U[0-9A-Fa-f]{8}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[0-7]{1,3}|[\\'"abfnrtv])/g, (all, esc: string) => {
    const simple = SIMPLE[esc];
    if (simple !== undefined) return simple;
    const code = /^[0-7]/.test(esc) ? Number.parseInt(esc, 8) : Number.parseInt(esc.slice(1), 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}
