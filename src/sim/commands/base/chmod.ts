/** chmod, chown, chgrp (-R, -h). */
import type { SimCommand, SimCommandContext, SimNode } from '../../types.js';
import { groupId, userId } from './ids.js';
import { applyMode } from './mode.js';
import { fail, getopt, hostPath, isResult } from './util.js';

/**
 * Apply `fn` to a path and, with -R, everything below it (links inside are
 * not followed). 'EROFS' when the path is under a read-only mount: chmod(2)
 * and chown(2) fail there (INFERRED: with -R only the named path is reported).
 */
function walk(ctx: SimCommandContext, path: string, recursive: boolean, noFollow: boolean, fn: (node: SimNode) => void): boolean | 'EROFS' {
  const fs = ctx.host.fs;
  const host = hostPath(ctx, path);
  const node = noFollow ? fs.lstat(host) : fs.stat(host);
  if (!node) return false;
  if (fs.isReadOnly(host)) return 'EROFS';
  fn(node);
  if (!recursive || node.kind !== 'dir') return true;
  const below = (dir: string): void => {
    for (const name of fs.readdir(dir)) {
      const child = `${dir === '/' ? '' : dir}/${name}`;
      const c = fs.lstat(child)!;
      if (c.kind === 'link') continue;
      fn(c);
      if (c.kind === 'dir') below(child);
    }
  };
  below(fs.realpath(host));
  return true;
}

export const chmod: SimCommand = (ctx) => {
  const usage = 'usage: chmod [-fhv] [-R [-H | -L | -P]] mode file ...';
  // A mode like -w looks like an option: only known flags count as options.
  const argv = ctx.argv.slice();
  let i = 1;
  while (i < argv.length && /^-[fhvRHLP]+$/.test(argv[i]!)) i++;
  const p = getopt(argv.slice(0, i), 'fhvRHLP', usage);
  if (isResult(p)) return p;
  const [spec, ...files] = argv.slice(argv[i] === '--' ? i + 1 : i);
  if (spec === undefined || files.length === 0) return fail(`${usage}\n`);
  if (applyMode(spec, 0, false) === undefined) return fail(`chmod: Invalid file mode: ${spec}\n`);
  let stderr = '';
  for (const f of files) {
    const found = walk(ctx, f, p.opts.has('R'), p.opts.has('h'), (node) => {
      node.mode = applyMode(spec, node.mode, node.kind === 'dir')!;
    });
    if (found === 'EROFS') stderr += `chmod: ${f}: Read-only file system\n`;
    else if (!found && !p.opts.has('f')) stderr += `chmod: ${f}: No such file or directory\n`;
  }
  return fail(stderr, stderr ? 1 : 0);
};

function chownLike(ctx: SimCommandContext, name: 'chown' | 'chgrp'): ReturnType<SimCommand> {
  const usage =
    name === 'chown' ? 'usage: chown [-fhnvx] [-R [-H | -L | -P]] owner[:group] file ...\n       chown [-fhnvx] [-R [-H | -L | -P]] :group file ...' : 'usage: chgrp [-fhnvx] [-R [-H | -L | -P]] group file ...';
  const p = getopt(ctx.argv, 'fhnvxRHLP', usage);
  if (isResult(p)) return p;
  const [spec, ...files] = p.args;
  if (spec === undefined || files.length === 0) return fail(`${usage}\n`);
  let user: string | undefined;
  let group: string | undefined;
  if (name === 'chgrp') group = spec;
  else {
    const sep = spec.search(/[:.]/);
    if (sep < 0) user = spec;
    else {
      user = spec.slice(0, sep) || undefined;
      group = spec.slice(sep + 1) || undefined;
    }
  }
  const uid = user === undefined ? undefined : userId(ctx, user);
  if (user !== undefined && uid === undefined) return fail(`${name}: ${user}: illegal user name\n`);
  const gid = group === undefined ? undefined : groupId(ctx, group);
  if (group !== undefined && gid === undefined) return fail(`${name}: ${group}: illegal group name\n`);
  let stderr = '';
  for (const f of files) {
    const found = walk(ctx, f, p.opts.has('R'), p.opts.has('h'), (node) => {
      if (uid !== undefined) node.uid = uid;
      if (gid !== undefined) node.gid = gid;
    });
    if (found === 'EROFS') stderr += `${name}: ${f}: Read-only file system\n`;
    else if (!found && !p.opts.has('f')) stderr += `${name}: ${f}: No such file or directory\n`;
  }
  return fail(stderr, stderr ? 1 : 0);
}

export const chown: SimCommand = (ctx) => chownLike(ctx, 'chown');
export const chgrp: SimCommand = (ctx) => chownLike(ctx, 'chgrp');
