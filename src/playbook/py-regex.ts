/**
 * Python `re` patterns and replacement templates, as Ansible's regex filters
 * and tests take them, run with JavaScript's RegExp. The syntax Python has
 * and JavaScript spells otherwise is translated; what JavaScript lacks
 * (verbose mode, possessive quantifiers) is an input error, not a guess.
 */
import { TemplateError } from './template-error.js';

export interface PyFlags {
  ignorecase?: boolean;
  multiline?: boolean;
}

interface Translated {
  source: string;
  flags: string;
}

const translations = new Map<string, Translated>();
const MAX_CACHED = 512;

/** A fresh RegExp for a Python pattern (extra: JS flags such as g or y). */
export function pyRegex(fn: string, pattern: string, flags: PyFlags = {}, extra = ''): RegExp {
  const key = `${flags.ignorecase ? 'i' : ''}${flags.multiline ? 'm' : ''}/${pattern}`;
  let t = translations.get(key);
  if (!t) {
    t = translate(fn, pattern, flags);
    if (translations.size >= MAX_CACHED) translations.clear();
    translations.set(key, t);
  }
  return new RegExp(t.source, t.flags + extra);
}

function translate(fn: string, pattern: string, flags: PyFlags): Translated {
  let f = new Set<string>();
  if (flags.ignorecase) f.add('i');
  if (flags.multiline) f.add('m');
  let src = pattern;
  // Inline flags at the start, `(?im)`: JavaScript only takes them as RegExp flags.
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    for (const c of inline[1]!) {
      if (c === 'x') throw new TemplateError(`${fn}: verbose patterns ((?x)) are not supported in "${pattern}"`);
      if ('ims'.includes(c)) f.add(c);
    }
    src = src.slice(inline[0].length);
  }
  f = new Set([...f].sort());
  const source = rewrite(fn, src, pattern, f.has('m'));
  const flagText = [...f].join('');
  try {
    new RegExp(source, flagText);
  } catch (err) {
    throw new TemplateError(`${fn}: invalid regular expression "${pattern}": ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /, '')}`);
  }
  return { source, flags: flagText };
}

/** Rewrites Python-only syntax outside character classes. */
function rewrite(fn: string, src: string, whole: string, multiline: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charAt(i);
    const rest = src.slice(i);
    if (c === '\\') {
      const n = src.charAt(i + 1);
      if (!inClass && n === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && n === 'Z') out += '(?![\\s\\S])';
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A ] right after [ or [^ is a literal in Python.
      const lead = /^\[\^?\]/.exec(rest);
      if (lead) {
        out += lead[0].slice(1, -1) + '\\]';
        i += lead[0].length - 1;
      }
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^\(\?P<([A-Za-z_]\w*)>/.exec(rest))) {
      out += `(?<${m[1]}>`;
      i += m[0].length - 1;
    } else if ((m = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest))) {
      out += `\\k<${m[1]}>`;
      i += m[0].length - 1;
    } else if ((m = /^\(\?#[^)]*\)/.exec(rest))) {
      i += m[0].length - 1;
    } else if ((m = /^\{,(\d+)\}/.exec(rest))) {
      out += `{0,${m[1]}}`;
      i += m[0].length - 1;
    } else if (/^[*+?}]\+/.test(rest) || rest.startsWith('(?>')) {
      throw new TemplateError(`${fn}: possessive quantifiers and atomic groups are not supported in "${whole}"`);
    } else if (c === '$' && !multiline) {
      // Python's $ also matches before a newline that ends the text.
      out += '(?=\\n?(?![\\s\\S]))';
    } else out += c;
  }
  return out;
}

/**
 * Python's replacement template for one match: \1 and \g<1> or \g<name>
 * for groups (empty when a group did not take part), \n, \t and \\ escapes.
 */
export function expandTemplate(fn: string, template: string, match: RegExpExecArray | RegExpMatchArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template.charAt(i);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const rest = template.slice(i + 1);
    let m: RegExpExecArray | null;
    if ((m = /^g<([^>]*)>/.exec(rest))) {
      out += group(fn, match, /^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!);
      i += m[0].length;
    } else if ((m = /^\d{1,2}/.exec(rest))) {
      out += group(fn, match, Number(m[0]));
      i += m[0].length;
    } else {
      const e = rest.charAt(0);
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
      if (Object.hasOwn(simple, e)) out += simple[e];
      else if (/[A-Za-z]/.test(e)) throw new TemplateError(`${fn}: bad escape "\\${e}" in replacement "${template}"`);
      else out += `\\${e}`;
      i += 1;
    }
  }
  return out;
}

function group(fn: string, match: RegExpExecArray | RegExpMatchArray, ref: number | string): string {
  if (typeof ref === 'number') {
    if (ref >= match.length) throw new TemplateError(`${fn}: invalid group reference ${ref}`);
    return match[ref] ?? '';
  }
  const groups = match.groups ?? {};
  if (!Object.hasOwn(groups, ref)) throw new TemplateError(`${fn}: unknown group name "${ref}"`);
  return groups[ref] ?? '';
}
