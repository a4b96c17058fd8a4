/** String helpers behind awk's builtins (contrib/one-true-awk/run.c): sub/gsub replacement, substr. */

/**
 * The replacement text for one match: `&` is the match, `\&` a literal `&`,
 * `\\&` a backslash then the match, `\\\&` a backslash and `&`; other
 * backslashes stay (run.c backsub(), outside POSIXLY_CORRECT).
 */
export function replacement(repl: string, matched: string): string {
  if (!repl.includes('&') && !repl.includes('\\')) return repl;
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!;
    if (c === '&') {
      out += matched;
      continue;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    if (repl[i + 1] === '\\') {
      if (repl[i + 2] === '\\' && repl[i + 3] === '&') {
        out += '\\&';
        i += 3;
      } else if (repl[i + 2] === '&') {
        out += `\\${matched}`;
        i += 2;
      } else {
        out += '\\\\';
        i += 1;
      }
    } else if (repl[i + 1] === '&') {
      out += '&';
      i += 1;
    } else out += '\\';
  }
  return out;
}

/**
 * sub (first match) or gsub (every match) of `re` in `s`. An empty match
 * right after the previous match does not count, so gsub(/x*\/, "-", "abc")
 * gives "-a-b-c-".
 */
export function substitute(s: string, re: RegExp, repl: string, global: boolean): { text: string; count: number } {
  let out = '';
  let pos = 0;
  let count = 0;
  let lastEnd = -1;
  let from = 0;
  while (from <= s.length) {
    re.lastIndex = from;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const len = m[0].length;
    if (len === 0 && start === lastEnd) {
      from = start + 1;
      continue;
    }
    out += s.slice(pos, start) + replacement(repl, m[0]);
    count++;
    pos = start + len;
    lastEnd = pos;
    if (!global) break;
    if (len === 0) {
      if (start < s.length) out += s[start];
      pos = start + 1;
    }
    from = pos;
  }
  if (count === 0) return { text: s, count };
  return { text: out + s.slice(pos), count };
}

/** substr(s, m[, n]) with run.c's truncation and clamping of m and n. */
export function substr(s: string, mv: number, nv: number | undefined): string {
  const k = s.length + 1;
  if (k <= 1) return '';
  let m = Number.isFinite(mv) ? Math.trunc(mv) : mv > 0 ? k : 1;
  if (m <= 0) m = 1;
  else if (m > k) m = k;
  let n = nv === undefined ? k - 1 : Number.isFinite(nv) ? Math.trunc(nv) : nv > 0 ? k : 0;
  if (n < 0) n = 0;
  else if (n > k - m) n = k - m;
  return s.slice(m - 1, m - 1 + n);
}
