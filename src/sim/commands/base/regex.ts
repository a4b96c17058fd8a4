/** POSIX basic and extended regular expressions translated to JavaScript ones. */
const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f',
};

/** A bracket expression starting at `[`: its JS form and the index of its `]`. */
function bracket(p: string, start: number): { re: string; end: number } {
  let i = start + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  for (; i < p.length; i++) {
    const c = p[i]!;
    if (c === ']' && !first) return { re: `${out}]`, end: i };
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      if (close > 0) {
        out += CLASSES[p.slice(i + 2, close)] ?? '';
        i = close + 1;
        continue;
      }
    }
    out += c === '\\' || c === '[' || c === ']' || (c === '^' && out.length > 1) ? `\\${c}` : c;
  }
  return { re: '\\[', end: start };
}

export function toJsRegex(p: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '[') {
      const b = bracket(p, i);
      out += b.re;
      i = b.end;
      continue;
    }
    if (c === '\\') {
      const n = p[++i];
      if (n === undefined) {
        out += '\\\\';
        break;
      }
      if (n === '<' || n === '>') out += '\\b';
      else if (!extended && '(){}|+?'.includes(n)) out += n;
      else if (/[1-9]/.test(n)) out += `\\${n}`;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else if (/[A-Za-z0-9]/.test(n)) out += /[wWsSbB]/.test(n) ? `\\${n}` : n;
      else out += `\\${n}`;
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) {
      out += `\\${c}`;
      continue;
    }
    if (c === '*' && (out === '' || out === '^' || out.endsWith('(') || (!extended && out.endsWith('\\|')))) {
      out += '\\*';
      continue;
    }
    if (c === '/') {
      out += '\\/';
      continue;
    }
    out += c;
  }
  return out;
}

export function compile(p: string, extended: boolean, flags = ''): RegExp | string {
  try {
    return new RegExp(toJsRegex(p, extended), flags);
  } catch (err) {
    return (err as Error).message;
  }
}
