/** grep: -q -v -c -n -l -E -F -x -w -i -e -h -H -s -o; exit 1 when nothing matched, 2 on error. */
import type { SimCommand } from '../../types.js';
import { compile } from './regex.js';
import { readInput, splitLines } from './util.js';

const USAGE = 'usage: grep [-abcdDEFGHhIiLlmnOopqRSsUVvwxz] [-A num] [-B num] [-C[num]]\n\t[-e pattern] [-f file] [--binary-files=value] [--color=when]\n\t[--context[=num]] [--directories=action] [--label] [--line-buffered]\n\t[--null] [pattern] [file ...]';

export const grep: SimCommand = (ctx) => {
  const name = ctx.argv[0]!.replace(/.*\//, '');
  const patterns: string[] = [];
  const opts = new Set<string>();
  let i = 1;
  for (; i < ctx.argv.length; i++) {
    const a = ctx.argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'e' || c === 'f') {
        const value = j + 1 < a.length ? a.slice(j + 1) : ctx.argv[++i];
        if (value === undefined) return { stdout: '', stderr: `${name}: option requires an argument -- ${c}\n${USAGE}\n`, code: 2 };
        if (c === 'e') patterns.push(value);
        else {
          const r = readInput(ctx, name, value);
          if ('error' in r) return { stdout: '', stderr: r.error, code: 2 };
          patterns.push(...splitLines(r.text));
        }
        break;
      }
      if (!'EFGHLRchilnoqrsvwxz'.includes(c)) return { stdout: '', stderr: `${name}: illegal option -- ${c}\n${USAGE}\n`, code: 2 };
      opts.add(c);
    }
  }
  const p = { opts, args: ctx.argv.slice(i) };
  const args = p.args.slice();
  if (patterns.length === 0) {
    const pat = args.shift();
    if (pat === undefined) return { stdout: '', stderr: `${USAGE}\n`, code: 2 };
    patterns.push(...pat.split('\n'));
  }
  const extended = p.opts.has('E') || name === 'egrep';
  const fixed = p.opts.has('F') || name === 'fgrep';
  const flags = p.opts.has('i') ? 'i' : '';
  const matchers: Array<(line: string) => boolean> = [];
  for (const pat of patterns) {
    if (fixed) {
      const needle = p.opts.has('i') ? pat.toLowerCase() : pat;
      matchers.push((line) => {
        const l = p.opts.has('i') ? line.toLowerCase() : line;
        if (p.opts.has('x')) return l === needle;
        return l.includes(needle);
      });
      continue;
    }
    let src = pat;
    const re = compile(src, extended, flags);
    if (typeof re === 'string') return { stdout: '', stderr: `${name}: ${re}\n`, code: 2 };
    if (p.opts.has('x')) src = `^(?:${re.source})$`;
    else if (p.opts.has('w')) src = `(?:^|[^A-Za-z0-9_])(?:${re.source})(?![A-Za-z0-9_])`;
    else src = re.source;
    const full = new RegExp(src, flags);
    matchers.push((line) => full.test(line));
  }
  const files = args.length ? args : ['-'];
  const showName = (files.length > 1 || p.opts.has('H')) && !p.opts.has('h');
  const invert = p.opts.has('v');
  let stdout = '';
  let stderr = '';
  let matched = false;
  let failed = false;
  for (const f of files) {
    const r = readInput(ctx, name, f);
    if ('error' in r) {
      failed = true;
      if (!p.opts.has('s')) stderr += r.error;
      continue;
    }
    const label = f === '-' ? '(standard input)' : f;
    let count = 0;
    const lines = splitLines(r.text);
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n]!;
      if (matchers.some((m) => m(line)) === invert) continue;
      count++;
      matched = true;
      if (p.opts.has('q')) return { stdout: '', stderr: '', code: 0 };
      if (p.opts.has('c') || p.opts.has('l') || p.opts.has('L')) continue;
      stdout += `${showName ? `${label}:` : ''}${p.opts.has('n') ? `${n + 1}:` : ''}${line}\n`;
    }
    if (p.opts.has('c')) stdout += `${showName ? `${label}:` : ''}${count}\n`;
    if (p.opts.has('l') && count) stdout += `${label}\n`;
    if (p.opts.has('L') && !count) stdout += `${label}\n`;
  }
  if (failed) return { stdout, stderr, code: 2 };
  return { stdout, stderr, code: matched ? 0 : 1 };
};
