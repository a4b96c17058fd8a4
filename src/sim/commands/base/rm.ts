import type { SimFs } from '../../fs.js';
import type { SimCommand } from '../../types.js';
import { fail, getopt, hostPath, isResult } from './util.js';

/**
 * rm under a read-only mount: every unlink(2) and rmdir(2) fails with EROFS
 * (namei DELETE on a read-only mount), and rm's fts walk warns for each
 * entry, children before their directory (bin/rm/rm.c rm_tree).
 */
function readOnlyErrors(fs: SimFs, shown: string, path: string, recursive: boolean): string {
  let text = '';
  if (recursive && fs.lstat(path)?.kind === 'dir') for (const name of fs.readdir(path)) text += readOnlyErrors(fs, `${shown}/${name}`, `${path}/${name}`, true);
  return `${text}rm: ${shown}: Read-only file system\n`;
}

const USAGE = 'usage: rm [-f | -i] [-dIPRrvWx] file ...\n       unlink [--] file';

export const rm: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'dfiIPRrvWx', USAGE);
  if (isResult(p)) return p;
  const force = p.opts.has('f');
  if (p.args.length === 0) return force ? fail('', 0) : fail(`${USAGE}\n`, 64);
  const recursive = p.opts.has('r') || p.opts.has('R');
  const fs = ctx.host.fs;
  let stderr = '';
  let stdout = '';
  for (const arg of p.args) {
    const path = hostPath(ctx, arg);
    if (/(^|\/)\.\.?\/*$/.test(arg)) {
      stderr += `rm: "." and ".." may not be removed\n`;
      continue;
    }
    const node = fs.lstat(path);
    if (!node) {
      if (!force) stderr += `rm: ${arg}: No such file or directory\n`;
      continue;
    }
    if (fs.isReadOnly(path) && (node.kind !== 'dir' || recursive || p.opts.has('d'))) {
      stderr += readOnlyErrors(fs, arg.replace(/\/+$/, '') || arg, path, recursive);
      continue;
    }
    if (node.kind === 'dir' && !recursive) {
      if (p.opts.has('d') && fs.readdir(path).length === 0) fs.remove(path);
      else stderr += p.opts.has('d') ? `rm: ${arg}: Directory not empty\n` : `rm: ${arg}: is a directory\n`;
      continue;
    }
    fs.remove(path, { recursive: true });
    if (p.opts.has('v')) stdout += `${arg}\n`;
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
