import { SimFsError, basename } from '../../fs.js';
import type { SimCommand, SimCommandContext, SimNode } from '../../types.js';
import { fail, getopt, hostPath, isResult } from './util.js';

const USAGE = 'usage: cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] source_file target_file\n       cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] source_file ... target_directory';

interface CopyOptions {
  recursive: boolean;
  preserve: boolean;
  noClobber: boolean;
  /** -v: cp.c prints "%s -> %s\n" (fts_path, to.p_path) for each entry it copied, a directory before its contents. */
  verbose?: string[];
}

/** The names cp.c prints for an entry: fts_path (the operand, then "/" and each name) and to.p_path. */
interface Shown {
  from: string;
  to: string;
}

function child(shown: Shown, name: string): Shown {
  // fts(3) NAPPEND: a path ending in "/" gets no second one.
  const join = (p: string) => `${p}${p.endsWith('/') ? '' : '/'}${name}`;
  return { from: join(shown.from), to: join(shown.to) };
}

function copyNode(ctx: SimCommandContext, from: string, to: string, node: SimNode, o: CopyOptions, shown: Shown): void {
  const fs = ctx.host.fs;
  const keep = (target: SimNode): void => {
    if (!o.preserve) return;
    target.mode = node.mode;
    target.uid = node.uid;
    target.gid = node.gid;
    target.mtime = node.mtime;
  };
  const copied = (): void => {
    o.verbose?.push(`${shown.from} -> ${shown.to}\n`);
  };
  if (node.kind === 'link') {
    if (fs.lstat(to)) fs.remove(to);
    fs.symlink(node.target, to);
    copied();
    return;
  }
  if (node.kind === 'dir') {
    if (!fs.isDir(to)) fs.mkdir(to, { mode: node.mode });
    keep(fs.stat(to)!);
    copied();
    for (const name of fs.readdir(from)) {
      const entry = fs.lstat(`${from}/${name}`)!;
      copyNode(ctx, `${from}/${name}`, `${to}/${name}`, entry, o, child(shown, name));
    }
    return;
  }
  const existing = fs.stat(to);
  if (existing && o.noClobber) return;
  if (existing?.kind === 'dir') throw new SimFsError('EISDIR', to);
  fs.writeFile(to, node.content, { mode: node.mode & 0o777, binary: node.binary === true });
  keep(fs.stat(to)!);
  copied();
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
    ...(p.opts.has('v') ? { verbose: [] } : {}),
  };
  const sources = p.args.slice(0, -1);
  const target = p.args[p.args.length - 1]!;
  const targetPath = hostPath(ctx, target);
  const intoDir = fs.isDir(targetPath);
  // cp.c keeps the target in to.p_path with its trailing slashes stripped (STRIP_TRAILING_SLASH, never below one character).
  const targetName = target.replace(/(.)\/+$/, '$1');
  if (sources.length > 1 && !intoDir) return fail(`cp: ${targetName} is not a directory\n`);
  let stderr = '';
  for (const src of sources) {
    const from = hostPath(ctx, src);
    // lstat(2) of "name/" follows a link to a directory and fails with ENOTDIR on anything else.
    const slash = src.endsWith('/');
    const node = o.recursive && !slash ? fs.lstat(from) : fs.stat(from);
    if (!node) {
      stderr += `cp: ${src}: No such file or directory\n`;
      continue;
    }
    if (slash && node.kind !== 'dir') {
      stderr += `cp: ${src}: Not a directory\n`;
      continue;
    }
    if (node.kind === 'dir' && !o.recursive) {
      stderr += `cp: ${src} is a directory (not copied).\n`;
      continue;
    }
    // cp(1) -R: "If the source_file ends in a /, the contents of the directory are copied rather than
    // the directory itself": cp.c takes the target name past the root's last "/", which is then nothing.
    const contents = intoDir && slash && o.recursive;
    const to = contents ? fs.realpath(targetPath) : intoDir ? `${fs.realpath(targetPath)}/${basename(from)}` : targetPath;
    const shown = contents ? targetName : intoDir ? `${targetName === '/' ? '' : targetName}/${basename(from)}` : targetName;
    if (contents && to === fs.realpath(from)) {
      stderr += `cp: ${shown} and ${src} are identical (not copied).\n`;
      continue;
    }
    if (node.kind === 'dir' && (to + '/').startsWith(fs.realpath(from) + '/')) {
      stderr += `cp: ${target} is inside ${src}\n`;
      continue;
    }
    try {
      copyNode(ctx, node.kind === 'link' ? from : fs.realpath(from), to, node, o, { from: src, to: shown });
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      stderr += `cp: ${shown}: ${err.strerror}\n`;
    }
  }
  return fail(stderr, stderr ? 1 : 0, o.verbose?.join('') ?? '');
};
