/** touch and mktemp. */
import { SimFsError } from '../../fs.js';
import type { SimCommand, SimState } from '../../types.js';
import { fail, getopt, hostPath, isResult } from './util.js';

export const touch: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'A:acd:fhmr:t:', 'usage: touch [-A [-][[hh]mm]SS] [-achm] [-r file] [-t [[CC]YY]MMDDhhmm[.SS]]\n       [-d YYYY-MM-DDThh:mm:SS[.frac][tz]] file ...');
  if (isResult(p)) return p;
  if (p.args.length === 0) return fail('usage: touch [-A [-][[hh]mm]SS] [-achm] [-r file] [-t [[CC]YY]MMDDhhmm[.SS]]\n       [-d YYYY-MM-DDThh:mm:SS[.frac][tz]] file ...\n');
  const fs = ctx.host.fs;
  let stderr = '';
  for (const f of p.args) {
    const host = hostPath(ctx, f);
    try {
      const node = fs.stat(host);
      if (node) {
        fs.assertWritable(host); // utimes(2) under a read-only mount: EROFS
        node.mtime = ctx.host.state.clock;
      }
      else if (!p.opts.has('c')) fs.writeFile(host, '');
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      stderr += `touch: ${f}: ${err.strerror}\n`;
    }
  }
  return fail(stderr, stderr ? 1 : 0);
};

const counters = new WeakMap<SimState, number>();
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Deterministic per host: the same run produces the same names. */
function suffix(state: SimState, length: number): string {
  const n = (counters.get(state) ?? 0) + 1;
  counters.set(state, n);
  let x = (n * 2654435761 + state.clock) >>> 0;
  let s = '';
  for (let i = 0; i < length; i++) {
    s += ALPHABET[x % ALPHABET.length];
    x = (Math.imul(x, 1103515245) + 12345 + i) >>> 0;
  }
  return s;
}

export const mktemp: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'dqt:up:', 'usage: mktemp [-d] [-p tmpdir] [-q] [-t prefix] [-u] template ...\n       mktemp [-d] [-p tmpdir] [-q] [-u] -t prefix ');
  if (isResult(p)) return p;
  const fs = ctx.host.fs;
  const tmpdir = typeof p.opts.get('p') === 'string' ? (p.opts.get('p') as string) : (ctx.env.TMPDIR ?? '/tmp');
  const prefix = p.opts.get('t');
  const templates = p.args.length ? p.args : [`${tmpdir.replace(/\/$/, '')}/${typeof prefix === 'string' ? prefix : 'tmp'}.XXXXXXXX`];
  let stdout = '';
  let stderr = '';
  for (const t of templates) {
    const m = /X*$/.exec(t)!;
    const base = t.slice(0, t.length - m[0].length);
    let made = false;
    for (let attempt = 0; attempt < 100 && !made; attempt++) {
      const name = base + suffix(ctx.host.state, m[0].length);
      const host = hostPath(ctx, name);
      if (fs.lstat(host)) continue;
      try {
        if (!p.opts.has('u')) {
          if (p.opts.has('d')) fs.mkdir(host, { mode: 0o700 });
          else fs.writeFile(host, '', { mode: 0o600 });
        }
      } catch (err) {
        if (!(err instanceof SimFsError)) throw err;
        if (!p.opts.has('q')) stderr += `mktemp: mkstemp failed on ${name}: ${err.strerror}\n`;
        break;
      }
      stdout += `${name}\n`;
      made = true;
    }
    if (!made && !stderr && !p.opts.has('q')) stderr += `mktemp: mkstemp failed on ${t}: File exists\n`;
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
