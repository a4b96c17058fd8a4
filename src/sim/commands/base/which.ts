/**
 * which(1) (usr.bin/which/which.c): for each name, the first executable
 * regular file of that name in $PATH (every one with -a; nothing printed
 * with -s); a name with a slash is checked as is. Exit 1 if any is not
 * found, with no message; no names is a usage error.
 */
import type { SimCommand, SimCommandContext } from '../../types.js';
import { fail, getopt, isResult } from './util.js';

const USAGE = 'usage: which [-as] program ...';

/** which.c is_there(): a regular file with an execute bit (root needs only one). */
function isThere(ctx: SimCommandContext, candidate: string): boolean {
  const node = ctx.host.fs.stat(ctx.host.fs.resolve(ctx.root, ctx.cwd, candidate));
  return node?.kind === 'file' && (node.mode & 0o111) !== 0;
}

export const which: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'as', USAGE);
  if (isResult(p)) return p;
  if (p.args.length === 0) return fail(`${USAGE}\n`);
  const path = ctx.env.PATH;
  if (path === undefined) return fail('');
  const all = p.opts.has('a');
  const silent = p.opts.has('s');
  let out = '';
  let code = 0;
  for (const name of p.args) {
    const candidates = name.includes('/') ? [name] : path.split(':').map((d) => `${d === '' ? '.' : d}/${name}`);
    let found = false;
    for (const c of candidates) {
      if (!isThere(ctx, c)) continue;
      found = true;
      if (!silent) out += `${c}\n`;
      if (!all) break;
    }
    if (!found) code = 1;
  }
  return { stdout: out, stderr: '', code };
};
