/** mv: rename(2), atomic within one mount; across mounts a copy and a removal (mv-across.ts). */
import { SimFsError, basename } from '../../fs.js';
import type { SimCommand } from '../../types.js';
import { moveAcross, renameError } from './mv-across.js';
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
    // mv.c main(): the directory's name, a "/" unless it ends in one, then the source's last name.
    const shownTo = intoDir ? `${target}${target.endsWith('/') ? '' : '/'}${basename(from)}` : target;
    const dest = fs.lstat(to);
    if (dest && p.opts.has('n')) continue;
    if (to === from) continue;
    const across = fs.crossDevice(from, to);
    // kern_renameat (vfs_syscalls.c): "If the source is the same as the destination (that is, if they
    // are links to the same vnode), then there is nothing to do": two hard links stay two names.
    if (dest === node && !across) continue;
    if (node.kind === 'dir' && (to + '/').startsWith(from + '/')) {
      stderr += `mv: rename ${src} to ${shownTo}: Invalid argument\n`;
      continue;
    }
    try {
      // kern_renameat checks the kinds of the two names before the file system's VOP_RENAME says EXDEV.
      if (dest?.kind === 'dir' && node.kind !== 'dir') throw new SimFsError('EISDIR', to);
      if (dest && dest.kind !== 'dir' && node.kind === 'dir') throw new SimFsError('ENOTDIR', to);
      if (across) {
        const refused = renameError(ctx, from, to);
        if (refused) throw refused;
        const moved = moveAcross(ctx, { src, shownTo, from, to, node, verbose: p.opts.has('v') });
        stdout += moved.stdout;
        stderr += moved.stderr;
        continue;
      }
      if (dest?.kind === 'dir') {
        if (fs.readdir(to).length) throw new SimFsError('ENOTEMPTY', to);
        fs.remove(to);
      } else if (dest) {
        fs.remove(to);
      }
      fs.rename(from, to);
      if (p.opts.has('v')) stdout += `${src} -> ${shownTo}\n`;
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      stderr += `mv: rename ${src} to ${shownTo}: ${err.strerror}\n`;
    }
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
