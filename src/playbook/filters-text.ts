/**
 * Text filters, after Jinja2's built-in filters and Ansible's core filters
 * (https://jinja.palletsprojects.com/en/stable/templates/#builtin-filters,
 * https://docs.ansible.com/ansible/latest/collections/ansible/builtin/).
 * Like Jinja, they take any value as text (`5 | upper` is "5").
 */
import { quote } from '../shell/quote.js';
import { NONE, type FilterDef } from './filter-args.js';
import { expandTemplate, pyRegex } from './py-regex.js';
import { TemplateError } from './template-error.js';
import { toText } from './template-values.js';

const text = (apply: (s: string) => unknown): FilterDef => ({ ...NONE, apply: (v) => apply(toText(v)) });

/** Python's str.split: no separator splits at runs of whitespace and drops empty ends. */
export function pySplit(s: string, sep: string | undefined, maxsplit: number): string[] {
  if (sep === undefined) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest !== '') {
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(rest);
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  if (sep === '') throw new TemplateError('split: empty separator');
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** Python's posixpath.basename and dirname: '/a/b/' has basename '' and dirname '/a/b'. */
function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function dirname(p: string): string {
  const head = p.slice(0, p.lastIndexOf('/') + 1);
  return /^\/+$/.test(head) ? head : head.replace(/\/+$/, '');
}

/** Jinja's title: each word's first letter up, the rest down; words begin after whitespace, -, (, {, [ or <. */
function title(s: string): string {
  return s
    .split(/([-\s({[<]+)/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

function b64(s: string, urlsafe: boolean): string {
  const out = Buffer.from(s, 'utf8').toString('base64');
  return urlsafe ? out.replace(/\+/g, '-').replace(/\//g, '_') : out;
}

function unb64(s: string, urlsafe: boolean): string {
  const std = urlsafe ? s.replace(/-/g, '+').replace(/_/g, '/') : s;
  const clean = std.replace(/[^A-Za-z0-9+/=]/g, '');
  if (clean.replace(/=+$/, '').length % 4 === 1 || (clean.includes('=') && clean.length % 4 !== 0)) {
    throw new TemplateError('b64decode: incorrect padding');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(clean, 'base64'));
  } catch {
    throw new TemplateError('b64decode: the decoded bytes are not UTF-8 text');
  }
}

export const TEXT_FILTERS: Record<string, FilterDef> = {
  upper: text((s) => s.toUpperCase()),
  lower: text((s) => s.toLowerCase()),
  trim: text((s) => s.trim()),
  capitalize: text((s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()),
  title: text(title),
  quote: text(quote),
  string: text((s) => s),
  basename: text(basename),
  dirname: text(dirname),
  replace: {
    params: ['old', 'new', 'count'],
    required: 2,
    apply: (v, a) => {
      const s = toText(v);
      const [old, rep] = [toText(a.raw('old')), toText(a.raw('new'))];
      const count = a.has('count') ? a.int('count') : -1;
      if (count < 0) return s.split(old).join(rep);
      const parts = s.split(old);
      return parts.length <= count + 1 ? parts.join(rep) : parts.slice(0, count + 1).join(rep) + old + parts.slice(count + 1).join(old);
    },
  },
  split: {
    params: ['sep', 'maxsplit'],
    required: 0,
    apply: (v, a) => pySplit(toText(v), a.optionalString('sep'), a.int('maxsplit', -1)),
  },
  b64encode: {
    params: ['encoding', 'urlsafe'],
    required: 0,
    apply: (v, a) => {
      encodingArg(a.string('encoding', 'utf-8'));
      return b64(toText(v), a.bool('urlsafe'));
    },
  },
  b64decode: {
    params: ['encoding', 'urlsafe'],
    required: 0,
    apply: (v, a) => {
      encodingArg(a.string('encoding', 'utf-8'));
      return unb64(toText(v), a.bool('urlsafe'));
    },
  },
  regex_replace: {
    params: ['pattern', 'replacement', 'ignorecase', 'multiline', 'count', 'mandatory_count'],
    required: 1,
    apply: (v, a) => {
      const fn = 'regex_replace';
      const re = pyRegex(fn, a.string('pattern'), { ignorecase: a.bool('ignorecase'), multiline: a.bool('multiline') }, 'g');
      const template = a.string('replacement', '');
      const count = a.int('count', 0);
      let subs = 0;
      const out = toText(v).replace(re, (...m: unknown[]) => {
        const whole = m[0] as string;
        if (count > 0 && subs >= count) return whole;
        subs++;
        return expandTemplate(fn, template, matchArray(m));
      });
      const mandatory = a.int('mandatory_count', 0);
      if (mandatory && mandatory !== subs) {
        throw new TemplateError(`regex_replace: "${a.string('pattern')}" should match ${mandatory} times, but matches ${subs} times`);
      }
      return out;
    },
  },
  regex_search: {
    params: ['regex'],
    required: 1,
    rest: true,
    keywords: ['ignorecase', 'multiline'],
    apply: (v, a) => {
      const fn = 'regex_search';
      const refs = a.rest.map((r) => groupRef(fn, r));
      const m = pyRegex(fn, a.string('regex'), { ignorecase: a.bool('ignorecase'), multiline: a.bool('multiline') }).exec(toText(v));
      // No match is None in Ansible: null here.
      if (!m) return null;
      if (refs.length === 0) return m[0];
      return refs.map((r) => expandTemplate(fn, `\\g<${r}>`, m));
    },
  },
  regex_findall: {
    params: ['regex', 'multiline', 'ignorecase'],
    required: 1,
    apply: (v, a) => {
      const re = pyRegex('regex_findall', a.string('regex'), { ignorecase: a.bool('ignorecase'), multiline: a.bool('multiline') }, 'g');
      return [...toText(v).matchAll(re)].map((m) => (m.length === 1 ? m[0] : m.length === 2 ? (m[1] ?? '') : m.slice(1).map((g) => g ?? '')));
    },
  },
};

/** Only UTF-8 text goes in and out of templates; other encodings are refused, not ignored. */
function encodingArg(encoding: string): void {
  if (!/^utf-?8$/i.test(encoding)) throw new TemplateError(`b64: only utf-8 is supported, got "${encoding}"`);
}

/** The arguments String.replace gives a replacer, as a match array with named groups. */
function matchArray(m: unknown[]): RegExpMatchArray {
  const last = m[m.length - 1];
  const hasGroups = typeof last === 'object' && last !== null;
  const groups = m.slice(0, hasGroups ? -3 : -2) as string[];
  const arr = groups as unknown as RegExpMatchArray;
  if (hasGroups) arr.groups = last as Record<string, string>;
  return arr;
}

/** regex_search's group arguments: '\\1' or '\\g<name>'. */
function groupRef(fn: string, r: unknown): number | string {
  const s = typeof r === 'string' ? r : '';
  const named = /^\\g<(\S+)>/.exec(s);
  if (named) return /^\d+$/.test(named[1]!) ? Number(named[1]) : named[1]!;
  const numbered = /^\\(\d+)/.exec(s);
  if (numbered) return Number(numbered[1]);
  throw new TemplateError(`${fn}: group arguments are written '\\1' or '\\g<name>', got ${JSON.stringify(r)}`);
}
