/** mv: rename(2) inside the one simulated filesystem, so always atomic. */
import { SimFsError, basename } from '../../fs.js';
import type { SimCommand } from '../../types.js';
import { fail, getopt, hostPath, isResult } from './util.js';

const USAGE = 'usage: mv [-f | -i | -n] [-hv] source target\n       mv [-f | -i | -n] [-v] source ... directory';

export const mv: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'fhinv', USAGE, 64);
  if (isResult(p)) return p;
  if (p.args.length < 2) return fail(`${USAGE}\n`, 64);
  const fs = ctx.host.fs;
  const sources = p.args.slice(0, -1);
  const target = p.args[p.args.length - 1]!;
  const targetPath = hostPath(ctx, target);
  const intoDir = fs.isDir(targetPath) && !(p.opts.has('h') && fs.lstat(targetPath)?.kind === 'link');
  if (sources.length > 1 && !intoDir) return fail(`mv: ${target} is not a directory\n`);
  let stderr = '';
  let stdout = '';
  for (const src of sources) {
    const from = hostPath(ctx, src);
    const node = fs.lstat(from);
    if (!node) {
      stderr += `mv: ${src}: No such file or directory\n`;
      continue;
    }
    const to = intoDir ? `${fs.realpath(targetPath)}/${basename(from)}` : targetPath;
    const dest = fs.lstat(to);
    if (dest && p.opts.has('n')) continue;
    if (to === from) continue;
    // kern_renameat (vfs_syscalls.c): "If the source is the same as the destination (that is, if they
    // are links to the same vnode), then there is nothing to do": two hard links stay two names.
    if (dest === node) continue;
    if (node.kind === 'dir' && (to + '/').startsWith(from + '/')) {
      stderr += `mv: rename ${src} to ${intoDir ? `${target}/${basename(from)}` : target}: Invalid argument\n`;
      continue;
    }
    try {
      if (dest?.kind === 'dir') {
        if (node.kind !== 'dir') throw new SimFsError('EISDIR', to);
        if (fs.readdir(to).length) throw new SimFsError('ENOTEMPTY', to);
        fs.remove(to);
      } else if (dest && node.kind === 'dir') {
        throw new SimFsError('ENOTDIR', to);
      } else if (dest) {
        fs.remove(to);
      }
      fs.rename(from, to);
      if (p.opts.has('v')) stdout += `${src} -> ${intoDir ? `${target}/${basename(from)}` : target}\n`;
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      stderr += `mv: rename ${src} to ${intoDir ? `${target}/${basename(from)}` : target}: ${err.strerror}\n`;
    }
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
