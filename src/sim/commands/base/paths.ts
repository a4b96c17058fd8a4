/** readlink, realpath, dirname, basename. */
import { SimFsError, normalize } from '../../fs.js';
import type { SimCommand, SimCommandContext } from '../../types.js';
import { fail, getopt, hostPath, isResult, ok } from './util.js';

/** A host path as the command's root sees it. */
function inRoot(ctx: SimCommandContext, host: string): string {
  const root = normalize(ctx.root);
  if (root === '/') return host;
  return host === root ? '/' : host.slice(root.length);
}

function canonical(ctx: SimCommandContext, path: string): string | undefined {
  const fs = ctx.host.fs;
  try {
    const real = fs.realpath(hostPath(ctx, path), ctx.root);
    return fs.lstat(real) ? inRoot(ctx, real) : undefined;
  } catch (err) {
    if (err instanceof SimFsError) return undefined;
    throw err;
  }
}

export const readlink: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'fn', 'usage: readlink [-fn] [file ...]');
  if (isResult(p)) return p;
  const nl = p.opts.has('n') ? '' : '\n';
  let stdout = '';
  let code = 0;
  for (const f of p.args) {
    if (p.opts.has('f')) {
      const c = canonical(ctx, f);
      if (c === undefined) code = 1;
      else stdout += c + nl;
      continue;
    }
    const node = ctx.host.fs.lstat(hostPath(ctx, f));
    if (node?.kind === 'link') stdout += node.target + nl;
    else code = 1;
  }
  return { stdout, stderr: '', code };
};

export const realpath: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'q', 'usage: realpath [-q] [path ...]');
  if (isResult(p)) return p;
  let stdout = '';
  let stderr = '';
  for (const f of p.args.length ? p.args : ['.']) {
    const c = canonical(ctx, f);
    if (c === undefined) {
      if (!p.opts.has('q')) stderr += `realpath: ${f}: No such file or directory\n`;
    } else stdout += `${c}\n`;
  }
  return { stdout, stderr, code: stderr || stdout === '' ? 1 : 0 };
};

export function dirnameOf(path: string): string {
  if (path === '') return '.';
  let p = path.replace(/\/+$/, '');
  if (p === '') return '/';
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  p = p.slice(0, i).replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

export function basenameOf(path: string): string {
  if (path === '') return '';
  const p = path.replace(/\/+$/, '');
  if (p === '') return '/';
  return p.slice(p.lastIndexOf('/') + 1);
}

export const dirname: SimCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) return fail('usage: dirname string [...]\n');
  return ok(args.map((a) => `${dirnameOf(a)}\n`).join(''));
};

export const basename: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'as:', 'usage: basename string [suffix]\n       basename [-a] [-s suffix] string [...]');
  if (isResult(p)) return p;
  const suffixOpt = p.opts.get('s');
  if (p.args.length === 0) return fail('usage: basename string [suffix]\n       basename [-a] [-s suffix] string [...]\n');
  const multi = p.opts.has('a') || typeof suffixOpt === 'string';
  const names = multi ? p.args : [p.args[0]!];
  const suffix = typeof suffixOpt === 'string' ? suffixOpt : multi ? '' : (p.args[1] ?? '');
  return ok(
    names
      .map((n) => {
        const b = basenameOf(n);
        return `${suffix && b !== suffix && b.endsWith(suffix) ? b.slice(0, -suffix.length) : b}\n`;
      })
      .join(''),
  );
};
