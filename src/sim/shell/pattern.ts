/**
 * sh pattern matching (case, ${x%pat}, pathname expansion). A pattern string
 * marks quoted characters with a preceding backslash; everything else keeps
 * its glob meaning.
 */
/** Compiled patterns, for case and ${x%pat} (whole text) and for pathnames (a `/` never matched by a wildcard). */
const caseCache = new Map<string, RegExp>();
const pathCache = new Map<string, RegExp>();
const CACHE_MAX = 512;

/** Escape text so it matches only itself as a pattern. */
export function escapePattern(text: string): string {
  return text.replace(/[\\*?[]/g, '\\$&');
}

export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Translate a bracket expression starting at `[`; undefined when it is not one. */
function bracket(p: string, start: number): { re: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (p[i] === '!' || p[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < p.length; i++) {
    const c = p[i]!;
    if (c === ']' && !first) return { re: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      if (close > 0) {
        const cls = p.slice(i + 2, close);
        const map: Record<string, string> = { alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', xdigit: '0-9A-Fa-f', punct: '!-/:-@\\[-`{-~', blank: ' \\t' };
        body += map[cls] ?? '';
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < p.length) {
      body += `\\${p[++i]}`;
      continue;
    }
    if (c === '-' && body !== '' && p[i + 1] !== ']') {
      body += '-';
      continue;
    }
    body += /[\]\\^-]/.test(c) ? `\\${c}` : c;
  }
  return undefined;
}

function translate(p: string, pathname: boolean): string {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[++i];
      if (n !== undefined) re += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      else re += '\\\\';
      continue;
    }
    if (c === '*') re += pathname ? '[^/]*' : '[\\s\\S]*';
    else if (c === '?') re += pathname ? '[^/]' : '[\\s\\S]';
    else if (c === '[') {
      const b = bracket(p, i);
      if (b) {
        re += b.re;
        i = b.end;
      } else re += '\\[';
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

export function patternRegExp(pattern: string, pathname = false): RegExp {
  const cache = pathname ? pathCache : caseCache;
  let re = cache.get(pattern);
  if (re) return re;
  re = new RegExp(`^${translate(pattern, pathname)}$`);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(pattern, re);
  return re;
}

export function matchPattern(pattern: string, text: string): boolean {
  if (!hasGlob(pattern)) return (pattern.includes('\\') ? pattern.replace(/\\(.)/g, '$1') : pattern) === text;
  return patternRegExp(pattern).test(text);
}

/** ${x%pat} ${x%%pat} ${x#pat} ${x##pat}. */
export function trimPattern(value: string, pattern: string, op: '%' | '%%' | '#' | '##'): string {
  const re = hasGlob(pattern) ? patternRegExp(pattern) : undefined;
  const lit = re ? '' : pattern.replace(/\\(.)/g, '$1');
  const test = (s: string): boolean => (re ? re.test(s) : s === lit);
  const n = value.length;
  switch (op) {
    case '#':
      for (let i = 0; i <= n; i++) if (test(value.slice(0, i))) return value.slice(i);
      return value;
    case '##':
      for (let i = n; i >= 0; i--) if (test(value.slice(0, i))) return value.slice(i);
      return value;
    case '%':
      for (let i = n; i >= 0; i--) if (test(value.slice(i))) return value.slice(0, i);
      return value;
    case '%%':
      for (let i = 0; i <= n; i++) if (test(value.slice(i))) return value.slice(0, i);
      return value;
  }
}
