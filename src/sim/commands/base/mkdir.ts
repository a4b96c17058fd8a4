import { SimFsError, dirname } from '../../fs.js';
import type { SimCommand } from '../../types.js';
import { applyMode } from './mode.js';
import { fail, getopt, hostPath, isResult } from './util.js';

const USAGE = 'usage: mkdir [-pv] [-m mode] directory_name ...';

export const mkdir: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'm:pv', USAGE);
  if (isResult(p)) return p;
  if (p.args.length === 0) return fail(`${USAGE}\n`, 64);
  const modeArg = p.opts.get('m');
  let mode = 0o755;
  if (typeof modeArg === 'string') {
    const m = applyMode(modeArg, 0o777, true);
    if (m === undefined) return fail(`mkdir: invalid file mode: ${modeArg}\n`);
    mode = m;
  }
  const fs = ctx.host.fs;
  let stderr = '';
  let stdout = '';
  for (const dir of p.args) {
    const path = hostPath(ctx, dir);
    try {
      if (p.opts.has('p')) {
        if (fs.isDir(path)) continue;
        if (fs.lstat(path) || fs.exists(path)) throw new SimFsError('EEXIST', path);
        const missing: string[] = [];
        for (let d = dirname(path); !fs.exists(d); d = dirname(d)) missing.unshift(d);
        for (const d of missing) fs.mkdir(d);
        fs.mkdir(path, { mode });
      } else {
        fs.mkdir(path, { mode });
      }
      if (p.opts.has('v')) stdout += `${dir}\n`;
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      stderr += `mkdir: ${dir}: ${err.strerror}\n`;
    }
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};

export const rmdir: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'pv', 'usage: rmdir [-pv] directory ...');
  if (isResult(p)) return p;
  if (p.args.length === 0) return fail('usage: rmdir [-pv] directory ...\n', 64);
  const fs = ctx.host.fs;
  let stderr = '';
  for (const dir of p.args) {
    let path = hostPath(ctx, dir);
    for (;;) {
      const node = fs.lstat(path);
      if (!node) stderr += `rmdir: ${dir}: No such file or directory\n`;
      else if (node.kind !== 'dir') stderr += `rmdir: ${dir}: Not a directory\n`;
      else if (fs.readdir(path).length) stderr += `rmdir: ${dir}: Directory not empty\n`;
      else fs.remove(path);
      if (!p.opts.has('p') || stderr) break;
      path = dirname(path);
      if (path === '/' || path === hostPath(ctx, '/')) break;
    }
  }
  return fail(stderr, stderr ? 1 : 0);
};
