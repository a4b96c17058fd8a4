import { SimFsError, type SimFs } from '../../fs.js';
import type { SimCommand } from '../../types.js';
import { fail, getopt, hostPath, isResult } from './util.js';

/**
 * rm_tree() (bin/rm/rm.c): fts visits the children before their directory,
 * and a failed unlink(2)/rmdir(2) is warned about and the walk goes on — under
 * a read-only mount every entry says "Read-only file system", a mount point
 * "Device busy", and a directory left non-empty "Directory not empty".
 * Returns the warnings.
 */
function removeTree(fs: SimFs, shown: string, path: string): string {
  let text = '';
  if (fs.lstat(path)?.kind === 'dir') for (const name of fs.readdir(path)) text += removeTree(fs, `${shown}/${name}`, `${path}/${name}`);
  try {
    fs.remove(path);
  } catch (err) {
    if (!(err instanceof SimFsError)) throw err;
    text += `rm: ${shown}: ${err.strerror}\n`;
  }
  return text;
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
    if (node.kind === 'dir' && !recursive) {
      if (p.opts.has('d') && fs.readdir(path).length === 0) stderr += removeTree(fs, arg, path);
      else stderr += p.opts.has('d') ? `rm: ${arg}: Directory not empty\n` : `rm: ${arg}: is a directory\n`;
      continue;
    }
    const failed = removeTree(fs, arg.replace(/\/+$/, '') || arg, path);
    stderr += failed;
    if (!failed && p.opts.has('v')) stdout += `${arg}\n`;
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
