/** find: paths, then an expression (find-expr.ts); -newer and actions other than -print are not supported. */
import type { SimCommand, SimCommandContext } from '../../types.js';
import { evalFindExpr, parseFindExpr, type FindExpr } from './find-expr.js';
import { fail, hostPath } from './util.js';

function walk(ctx: SimCommandContext, shown: string, host: string, depth: number, t: FindExpr, out: string[]): void {
  const fs = ctx.host.fs;
  const node = depth === 0 ? fs.stat(host) : fs.lstat(host);
  if (!node) return;
  const base = shown.replace(/\/+$/, '').replace(/.*\//, '') || shown;
  // -mindepth: no test or action above that level (find(1)).
  if (depth >= t.mindepth && t.expr) evalFindExpr(t.expr, { shown, base, node }, out);
  if (node.kind !== 'dir' || depth >= t.maxdepth) return;
  const real = fs.realpath(host);
  for (const name of fs.readdir(real)) walk(ctx, `${shown.endsWith('/') ? shown : `${shown}/`}${name}`, `${real === '/' ? '' : real}/${name}`, depth + 1, t, out);
}

export const find: SimCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  const paths: string[] = [];
  while (args.length && !args[0]!.startsWith('-') && args[0] !== '!' && args[0] !== '(') paths.push(args.shift()!);
  const t = parseFindExpr(ctx, args);
  if (typeof t === 'string') return fail(t);
  if (paths.length === 0) return fail('usage: find [-H | -L | -P] [-EXdsx] [-f path] path ... [expression]\n       find [-H | -L | -P] [-EXdsx] -f path [path ...] [expression]\n');
  const out: string[] = [];
  let stderr = '';
  for (const p of paths) {
    const host = hostPath(ctx, p);
    if (!ctx.host.fs.lstat(host)) {
      stderr += `find: ${p}: No such file or directory\n`;
      continue;
    }
    walk(ctx, p, host, 0, t, out);
  }
  return { stdout: out.map((l) => `${l}\n`).join(''), stderr, code: stderr ? 1 : 0 };
};
