/**
 * A printf format read once into literal text and conversions. Scripts print
 * the same few formats over and over (`'%s\n'` around every framed step), so
 * each distinct format is scanned once, not on every call.
 */
import { ContentLru } from '../../../content-lru.js';
import { backslashEscapes } from './escapes.js';

export interface Conversion {
  flags: string;
  /** Field width: digits, `*`, or none. */
  width: string | undefined;
  /** Precision: digits (possibly empty, `%.s`), `*`, or none. */
  precision: string | undefined;
  conv: string;
}

/** Text to print as is, a conversion, or `{ invalid }`: the directive printf stops at (`%` and the character after it). */
export type FormatPart = string | Conversion | { invalid: string };

const SPEC = /%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([diouxXcsbeEfgG%])/y;
const OCTAL = /[0-7]/;

function scan(format: string): FormatPart[] {
  const parts: FormatPart[] = [];
  let text = '';
  const flush = (): void => {
    if (text) parts.push(text);
    text = '';
  };
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c === '\\') {
      let j = i + 1;
      if (OCTAL.test(format[j] ?? '')) {
        while (j < i + 4 && OCTAL.test(format[j] ?? '')) j++;
      } else j++;
      text += backslashEscapes(format.slice(i, j), false).text;
      i = j;
      continue;
    }
    if (c !== '%') {
      const next = format.slice(i).search(/[\\%]/);
      const end = next < 0 ? format.length : i + next;
      text += format.slice(i, end);
      i = end;
      continue;
    }
    SPEC.lastIndex = i;
    const m = SPEC.exec(format);
    if (!m) {
      flush();
      parts.push({ invalid: format[i + 1] ?? '' });
      return parts;
    }
    i = SPEC.lastIndex;
    const [, flags = '', width, precision, conv] = m;
    if (conv === '%') {
      text += '%';
      continue;
    }
    flush();
    parts.push({ flags, width, precision, conv: conv! });
  }
  flush();
  return parts;
}

export interface Format {
  parts: FormatPart[];
  /** Only text and bare `%s` (printf '%s\n' ...): printed without any of the conversion machinery. */
  textOnly: boolean;
}

function compile(format: string): Format {
  const parts = scan(format);
  const textOnly = parts.every((p) => typeof p === 'string' || ('conv' in p && p.conv === 's' && p.flags === '' && p.width === undefined && p.precision === undefined));
  return { parts, textOnly };
}

/** Shared between calls and hosts: read-only. */
const formats = new ContentLru<Format>(256, 4096);

export function compiledFormat(format: string): Format {
  return formats.get(format, compile);
}

/**
 * printf with a textOnly format over argv[from..]: the format is reused while
 * arguments remain, and a missing argument prints as nothing, as in printf.ts.
 */
export function printTextOnly(parts: FormatPart[], argv: string[], from: number): string {
  let out = '';
  let ai = from;
  for (;;) {
    const start = ai;
    for (const part of parts) out += typeof part === 'string' ? part : ai < argv.length ? argv[ai++]! : '';
    if (ai >= argv.length || ai === start) return out;
  }
}
