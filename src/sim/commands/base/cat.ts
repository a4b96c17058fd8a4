import type { SimCommand } from '../../types.js';
import { getopt, isResult, readInput } from './util.js';

export const cat: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'benstuv', 'usage: cat [-belnstuv] [file ...]');
  if (isResult(p)) return p;
  const files = p.args.length ? p.args : ['-'];
  let stdout = '';
  let stderr = '';
  for (const f of files) {
    const r = readInput(ctx, 'cat', f);
    if ('error' in r) stderr += r.error;
    else stdout += r.text;
  }
  if (p.opts.has('n')) {
    let n = 0;
    stdout = stdout.replace(/^(?=[\s\S])/gm, () => `${String(++n).padStart(6)}\t`);
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
