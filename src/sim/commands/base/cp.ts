import { SimFsError, basename } from '../../fs.js';
import type { SimCommand, SimCommandContext, SimNode } from '../../types.js';
import { fail, getopt, hostPath, isResult } from './util.js';

const USAGE = 'usage: cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] source_file target_file\n       cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] source_file ... target_directory';

interface CopyOptions {
  recursive: boolean;
  preserve: boolean;
  noClobber: boolean;
}

function copyNode(ctx: SimCommandContext, from: string, to: string, node: SimNode, o: CopyOptions): void {
  const fs = ctx.host.fs;
  const keep = (target: SimNode): void => {
    if (!o.preserve) return;
    target.mode = node.mode;
    target.uid = node.uid;
    target.gid = node.gid;
    target.mtime = node.mtime;
  };
  if (node.kind === 'link') {
    if (fs.lstat(to)) fs.remove(to);
    fs.symlink(node.target, to);
    return;
  }
  if (node.kind === 'dir') {
    if (!fs.isDir(to)) fs.mkdir(to, { mode: node.mode });
    keep(fs.stat(to)!);
    for (const name of fs.readdir(from)) {
      const child = fs.lstat(`${from}/${name}`)!;
      copyNode(ctx, `${from}/${name}`, `${to}/${name}`, child, o);
    }
    return;
  }
  const existing = fs.stat(to);
  if (existing && o.noClobber) return;
  if (existing?.kind === 'dir') throw new SimFsError('EISDIR', to);
  fs.writeFile(to, node.content, { mode: node.mode & 0o777, binary: node.binary === true });
  keep(fs.stat(to)!);
}

export const cp: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'HLPRafilnprsvx', USAGE, 64);
  if (isResult(p)) return p;
  if (p.args.length < 2) return fail(`${USAGE}\n`, 64);
  const fs = ctx.host.fs;
  const o: CopyOptions = {
    recursive: p.opts.has('R') || p.opts.has('r') || p.opts.has('a'),
    preserve: p.opts.has('p') || p.opts.has('a'),
    noClobber: p.opts.has('n'),
  };
  const sources = p.args.slice(0, -1);
  const target = p.args[p.args.length - 1]!;
  const targetPath = hostPath(ctx, target);
  const intoDir = fs.isDir(targetPath);
  if (sources.length > 1 && !intoDir) return fail(`cp: ${target} is not a directory\n`);
  let stderr = '';
  for (const src of sources) {
    const from = hostPath(ctx, src);
    const node = o.recursive ? fs.lstat(from) : fs.stat(from);
    if (!node) {
      stderr += `cp: ${src}: No such file or directory\n`;
      continue;
    }
    if (node.kind === 'dir' && !o.recursive) {
      stderr += `cp: ${src} is a directory (not copied).\n`;
      continue;
    }
    const to = intoDir ? `${fs.realpath(targetPath)}/${basename(from)}` : targetPath;
    if (node.kind === 'dir' && (to + '/').startsWith(fs.realpath(from) + '/')) {
      stderr += `cp: ${target} is inside ${src}\n`;
      continue;
    }
    try {
      copyNode(ctx, node.kind === 'link' ? from : fs.realpath(from), to, node, o);
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      stderr += `cp: ${intoDir ? `${target}/${basename(from)}` : target}: ${err.strerror}\n`;
    }
  }
  return fail(stderr, stderr ? 1 : 0);
};
