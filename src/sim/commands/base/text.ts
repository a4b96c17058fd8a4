/** wc, sort, uniq, cut, tr, tee. */
import type { SimCommand } from '../../types.js';
import { fail, getopt, hostPath, isResult, joinLines, readInput, splitLines } from './util.js';

export const wc: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'clmwL', 'usage: wc [-Lclmw] [file ...]');
  if (isResult(p)) return p;
  let which = ['l', 'w', 'c'].filter((k) => p.opts.has(k) || (k === 'c' && p.opts.has('m')));
  if (which.length === 0) which = ['l', 'w', 'c'];
  const files = p.args.length ? p.args : ['-'];
  let stdout = '';
  let stderr = '';
  const totals: Record<string, number> = { l: 0, w: 0, c: 0 };
  const row = (counts: Record<string, number>, label: string): string => `${which.map((k) => ` ${String(counts[k]).padStart(7)}`).join('')}${label ? ` ${label}` : ''}\n`;
  for (const f of files) {
    const r = readInput(ctx, 'wc', f);
    if ('error' in r) {
      stderr += r.error;
      continue;
    }
    const t = r.text;
    const counts = {
      l: (t.match(/\n/g) ?? []).length,
      w: t.split(/[ \t\n\r\f\v]+/).filter(Boolean).length,
      c: p.opts.has('m') ? [...t].length : Buffer.byteLength(t),
    };
    for (const k of ['l', 'w', 'c']) totals[k]! += counts[k as 'l']!;
    stdout += row(counts, f === '-' ? '' : f);
  }
  if (files.length > 1) stdout += row(totals, 'total');
  return { stdout, stderr, code: stderr ? 1 : 0 };
};

function readAll(ctx: Parameters<SimCommand>[0], name: string, files: string[]): { text: string; stderr: string } {
  let text = '';
  let stderr = '';
  for (const f of files.length ? files : ['-']) {
    const r = readInput(ctx, name, f);
    if ('error' in r) stderr += r.error;
    else text += r.text && !r.text.endsWith('\n') ? `${r.text}\n` : r.text;
  }
  return { text, stderr };
}

export const sort: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'bdfhk:mno:rst:uV', 'usage: sort [-bcCdfghiRMmnrsuVz] [-k field1[,field2]] [-o output] [-t char] [file ...]', 2);
  if (isResult(p)) return p;
  const { text, stderr } = readAll(ctx, 'sort', p.args);
  if (stderr) return fail(stderr, 2);
  const sep = p.opts.get('t');
  const key = p.opts.get('k');
  const keyOf = (line: string): string => {
    if (typeof key !== 'string') return line;
    const m = /^([0-9]+)(?:,([0-9]+))?/.exec(key);
    if (!m) return line;
    const fields = typeof sep === 'string' ? line.split(sep) : line.trim().split(/\s+/);
    const from = Number(m[1]) - 1;
    const to = m[2] ? Number(m[2]) : fields.length;
    return fields.slice(from, to).join(typeof sep === 'string' ? sep : ' ');
  };
  const fold = p.opts.has('f');
  const numeric = p.opts.has('n');
  const cmp = (a: string, b: string): number => {
    let x = keyOf(a);
    let y = keyOf(b);
    if (numeric) {
      const d = (parseFloat(x) || 0) - (parseFloat(y) || 0);
      if (d !== 0) return d;
      if (p.opts.has('u')) return 0;
    }
    if (fold) {
      x = x.toUpperCase();
      y = y.toUpperCase();
    }
    if (x !== y) return x < y ? -1 : 1;
    if (p.opts.has('u') || key !== undefined) return 0;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  let lines = splitLines(text).sort(cmp);
  if (p.opts.has('r')) lines.reverse();
  if (p.opts.has('u')) lines = lines.filter((l, i) => i === 0 || cmp(lines[i - 1]!, l) !== 0);
  const out = joinLines(lines);
  const o = p.opts.get('o');
  if (typeof o === 'string') {
    ctx.host.fs.writeFile(hostPath(ctx, o), out);
    return fail('', 0);
  }
  return { stdout: out, stderr: '', code: 0 };
};

export const uniq: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'cdiu', 'usage: uniq [-c] [-d | -u] [-i] [-f fields] [-s chars] [input [output]]');
  if (isResult(p)) return p;
  const r = readInput(ctx, 'uniq', p.args[0] ?? '-');
  if ('error' in r) return fail(r.error);
  const lines = splitLines(r.text);
  const eq = (a: string, b: string): boolean => (p.opts.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  let out = '';
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && eq(lines[j]!, lines[i]!)) j++;
    const n = j - i;
    if (!(p.opts.has('d') && n < 2) && !(p.opts.has('u') && n > 1)) out += `${p.opts.has('c') ? `${String(n).padStart(4)} ` : ''}${lines[i]}\n`;
    i = j;
  }
  return { stdout: out, stderr: '', code: 0 };
};

function parseList(spec: string): Array<[number, number]> | undefined {
  const ranges: Array<[number, number]> = [];
  for (const part of spec.split(/[, ]/)) {
    const m = /^([0-9]*)(-?)([0-9]*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) return undefined;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    if (a < 1) return undefined;
    ranges.push([a, b]);
  }
  return ranges;
}

export const cut: SimCommand = (ctx) => {
  const usage = 'usage: cut -b list [-n] [file ...]\n       cut -c list [file ...]\n       cut -f list [-s] [-w | -d delim] [file ...]';
  const p = getopt(ctx.argv, 'b:c:d:f:nsw', usage);
  if (isResult(p)) return p;
  const spec = p.opts.get('f') ?? p.opts.get('c') ?? p.opts.get('b');
  if (typeof spec !== 'string') return fail(`${usage}\n`);
  const ranges = parseList(spec);
  if (!ranges) return fail(`cut: [-bcf] list: illegal list value\n`);
  const inList = (n: number): boolean => ranges.some(([a, b]) => n >= a && n <= b);
  const { text, stderr } = readAll(ctx, 'cut', p.args);
  const delim = p.opts.get('d');
  const d = typeof delim === 'string' ? delim.slice(0, 1) : '\t';
  const out = splitLines(text).flatMap((line) => {
    if (!p.opts.has('f')) return [[...line].filter((_, i) => inList(i + 1)).join('')];
    const fields = p.opts.has('w') ? line.trim().split(/[ \t]+/) : line.split(d);
    if (fields.length === 1 && !line.includes(d)) return p.opts.has('s') ? [] : [line];
    return [fields.filter((_, i) => inList(i + 1)).join(p.opts.has('w') ? ' ' : d)];
  });
  return { stdout: joinLines(out), stderr, code: stderr ? 1 : 0 };
};

const TR_CLASSES: Record<string, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  xdigit: '0123456789ABCDEFabcdef',
};

function trSet(spec: string): string[] {
  const chars: string[] = [];
  const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' };
  let i = 0;
  const one = (): string => {
    const c = spec[i++]!;
    if (c !== '\\' || i >= spec.length) return c;
    const n = spec[i]!;
    if (/[0-7]/.test(n)) {
      let d = '';
      while (d.length < 3 && /[0-7]/.test(spec[i] ?? '')) d += spec[i++];
      return String.fromCharCode(parseInt(d, 8));
    }
    i++;
    return esc[n] ?? n;
  };
  while (i < spec.length) {
    if (spec.startsWith('[:', i)) {
      const close = spec.indexOf(':]', i);
      const cls = close > 0 ? TR_CLASSES[spec.slice(i + 2, close)] : undefined;
      if (cls) {
        chars.push(...cls);
        i = close + 2;
        continue;
      }
    }
    const c = one();
    if (spec[i] === '-' && i + 1 < spec.length) {
      i++;
      const to = one();
      for (let x = c.charCodeAt(0); x <= to.charCodeAt(0); x++) chars.push(String.fromCharCode(x));
      continue;
    }
    chars.push(c);
  }
  return chars;
}

export const tr: SimCommand = (ctx) => {
  const usage = 'usage: tr [-Ccsu] string1 string2\n       tr [-Ccu] -d string1\n       tr [-Ccu] -s string1\n       tr [-Ccu] -ds string1 string2';
  const p = getopt(ctx.argv, 'Ccdsu', usage);
  if (isResult(p)) return p;
  const [s1, s2] = p.args;
  if (s1 === undefined) return fail(`${usage}\n`);
  const del = p.opts.has('d');
  const squeeze = p.opts.has('s');
  const complement = p.opts.has('c') || p.opts.has('C');
  if (!del && !squeeze && s2 === undefined) return fail(`${usage}\n`);
  const set1 = new Set(trSet(s1));
  const list1 = trSet(s1);
  const list2 = s2 === undefined ? [] : trSet(s2);
  const in1 = (c: string): boolean => set1.has(c) !== complement;
  let out = '';
  let prev = '';
  const squeezeSet = new Set(del || s2 === undefined ? (del ? list2 : list1) : list2);
  for (const c of ctx.stdin) {
    let ch = c;
    if (del) {
      if (in1(c)) continue;
    } else if (s2 !== undefined && in1(c)) {
      const k = complement ? list2.length - 1 : list1.lastIndexOf(c);
      ch = list2[Math.min(k, list2.length - 1)] ?? c;
    }
    if (squeeze && ch === prev && (squeezeSet.has(ch) || (s2 === undefined && in1(ch)))) continue;
    out += ch;
    prev = ch;
  }
  return { stdout: out, stderr: '', code: 0 };
};

export const tee: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'ai', 'usage: tee [-ai] [file ...]');
  if (isResult(p)) return p;
  const input = ctx.stdin;
  let stderr = '';
  for (const f of p.args) {
    try {
      if (f === '/dev/null') continue;
      const host = hostPath(ctx, f);
      if (p.opts.has('a')) ctx.host.fs.appendFile(host, input);
      else ctx.host.fs.writeFile(host, input);
    } catch (err) {
      stderr += `tee: ${f}: ${(err as Error).message}\n`;
    }
  }
  return { stdout: input, stderr, code: stderr ? 1 : 0 };
};
