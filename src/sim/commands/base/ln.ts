import { SimFsError, basename } from '../../fs.js';
import type { SimCommand } from '../../types.js';
import { fail, getopt, hostPath, isResult } from './util.js';

const USAGE = 'usage: ln [-s [-F] | -L | -P] [-f | -i] [-hnv] source_file [target_file]\n       ln [-s [-F] | -L | -P] [-f | -i] [-hnv] source_file ... target_dir';

/**
 * ln(1) as bin/ln/ln.c links: a hard link's source is checked first
 * (stat, or lstat with -P: a missing one or a directory is an error), then
 * an existing target is unlinked with -f, then link(2) (fs.ts link) makes
 * the target another name of the same file.
 */
export const ln: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'FLPfhinsvw', USAGE);
  if (isResult(p)) return p;
  if (p.args.length === 0) return fail(`${USAGE}\n`, 64);
  const fs = ctx.host.fs;
  const symbolic = p.opts.has('s');
  const noDeref = p.opts.has('n') || p.opts.has('h');
  const args = p.args.length === 1 ? [p.args[0]!, '.'] : p.args;
  const sources = args.slice(0, -1);
  const target = args[args.length - 1]!;
  const targetPath = hostPath(ctx, target);
  const targetNode = fs.lstat(targetPath);
  const intoDir = fs.isDir(targetPath) && !(noDeref && targetNode?.kind === 'link');
  if (sources.length > 1 && !intoDir) return fail(`ln: ${target}: Not a directory\n`);
  let stderr = '';
  let stdout = '';
  for (const src of sources) {
    const to = intoDir ? `${fs.realpath(targetPath)}/${basename(src)}` : targetPath;
    const shown = intoDir ? `${target}/${basename(src)}` : target;
    try {
      const from = hostPath(ctx, src);
      const follow = !p.opts.has('P');
      if (!symbolic) {
        const node = follow ? fs.stat(from) : fs.lstat(from);
        if (!node) {
          stderr += `ln: ${src}: No such file or directory\n`;
          continue;
        }
        if (node.kind === 'dir') {
          stderr += `ln: ${src}: Is a directory\n`;
          continue;
        }
      }
      const existing = fs.lstat(to);
      if (existing) {
        if (!p.opts.has('f')) throw new SimFsError('EEXIST', to);
        if (existing.kind === 'dir') throw new SimFsError('EISDIR', to);
        fs.remove(to);
      }
      if (symbolic) fs.symlink(src, to);
      else fs.link(from, to, follow);
      if (p.opts.has('v')) stdout += `${shown} ${symbolic ? '->' : '=>'} ${src}\n`;
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      stderr += `ln: ${shown}: ${err.strerror}\n`;
    }
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
