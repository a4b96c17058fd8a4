/**
 * du(1) (usr.bin/du/du.c, FreeBSD 14), the options people use: -s, -a,
 * -d depth, -c, -x, -k/-m/-g (else BLOCKSIZE, getbsize(3), default 512),
 * -h (the last of -g/-h/-k/-m wins, as du.c's getopt loop sets them).
 * It walks each operand with fts(3) (-P: links are not followed and count
 * their own blocks, none for a fast symlink), adds every entry's st_blocks
 * (ls-long.ts stBlocks: the simulator's 4 KiB-block model) to its
 * directory's total, and prints "BLOCKS\tPATH" (du.c: howmany(blocks *
 * DEV_BSIZE, blocksize)) for each directory up to the depth, for files with
 * -a, children before their directory (post-order). A file of several
 * names counts once (du.c linkchk, unless -l). -x does not descend into a
 * directory something else is mounted on (FTS_XDEV): its own block still
 * counts. A missing operand: `du: PATH: No such file or directory`, exit 1.
 * -h prints the bytes (blocks * DEV_BSIZE) as du.c's prthumanval does:
 * humanize_number(buf, 5, bytes, "", HN_AUTOSCALE, HN_B | HN_NOSPACE |
 * HN_DECIMAL), right-aligned in 4 columns ("%4s").
 */
import type { SimCommand, SimCommandContext } from '../../types.js';
import { blockSize, stBlocks } from './ls-long.js';
import { humanizeNumber } from './humanize-number.js';
import { fail, getopt, hostPath, isResult } from './util.js';

const USAGE = 'usage: du [-Aclnx] [-H | -L | -P] [-g | -h | -k | -m] [-a | -s | -d depth] [-B blocksize] [-I mask] [-t threshold] [file ...]';

interface Walk {
  ctx: SimCommandContext;
  depth: number;
  all: boolean;
  xdev: boolean;
  unit: number;
  human: boolean;
  seen: Set<object>;
  mounts: Set<string>;
  out: string[];
}

/** howmany(blocks * 512, unit), or with -h prthumanval's "%4s" of the bytes. */
function shown(blocks: number, w: Pick<Walk, 'unit' | 'human'>): string {
  if (!w.human) return String(Math.ceil((blocks * 512) / w.unit));
  return humanizeNumber(blocks * 512, 5, '', { b: true, noSpace: true, decimal: true }).padStart(4);
}

/** The blocks under `path` (a host path), printing what the depth and -a ask for; `shownPath` is fts_path. */
function walk(w: Walk, path: string, shownPath: string, level: number): number {
  const fs = w.ctx.host.fs;
  const node = fs.lstat(path)!;
  // linkchk(): a file with more than one name is counted the first time only.
  if ((node.nlink ?? 1) > 1) {
    if (w.seen.has(node)) return 0;
    w.seen.add(node);
  }
  let blocks = stBlocks(node);
  const base = node.kind === 'dir' ? fs.realpath(path) : '';
  if (node.kind === 'dir' && !(w.xdev && level > 0 && w.mounts.has(base))) {
    const prefix = shownPath.endsWith('/') ? shownPath : `${shownPath}/`;
    for (const name of fs.readdir(path)) blocks += walk(w, `${base === '/' ? '' : base}/${name}`, `${prefix}${name}`, level + 1);
  }
  if (level <= w.depth && (node.kind === 'dir' || w.all || level === 0)) w.out.push(`${shown(blocks, w)}\t${shownPath}\n`);
  return blocks;
}

export const du: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'acd:ghkmsxP', USAGE);
  if (isResult(p)) return p;
  const o = p.opts;
  if (o.has('s') && (o.has('a') || o.has('d'))) return fail(`du: cannot both summarize and display all file sizes\n${USAGE}\n`);
  const depthArg = o.get('d');
  if (typeof depthArg === 'string' && !/^\d+$/.test(depthArg)) return fail(`du: invalid argument to option d: ${depthArg}\n`);
  const env = blockSize(ctx.env.BLOCKSIZE);
  // du.c: -g/-k/-m set the block size and clear -h, -h sets hflag only: the last of them wins.
  const sizeFlag = p.order.filter((f) => 'gkm'.includes(f)).at(-1);
  const unit = sizeFlag === 'g' ? 1024 ** 3 : sizeFlag === 'm' ? 1024 ** 2 : sizeFlag === 'k' ? 1024 : env.bytes;
  const w: Walk = {
    ctx,
    depth: o.has('s') ? 0 : typeof depthArg === 'string' ? Number(depthArg) : Number.POSITIVE_INFINITY,
    all: o.has('a'),
    xdev: o.has('x'),
    unit,
    human: p.order.filter((f) => 'ghkm'.includes(f)).at(-1) === 'h',
    seen: new Set(),
    mounts: new Set([...ctx.host.state.mounts.map((m) => m.on), ...ctx.host.state.datasets.map((d) => d.mountpoint)]),
    out: [],
  };
  // getbsize(3), and its warning, only when no -g/-k/-m set the block size (-h alone does not).
  let stderr = env.warning && sizeFlag === undefined ? `du: ${env.warning}\n` : '';
  let total = 0;
  for (const arg of p.args.length ? p.args : ['.']) {
    const path = hostPath(ctx, arg);
    if (!ctx.host.fs.lstat(path)) {
      stderr += `du: ${arg}: No such file or directory\n`;
      continue;
    }
    total += walk(w, path, arg, 0);
  }
  if (o.has('c')) w.out.push(`${shown(total, w)}\ttotal\n`);
  return { stdout: w.out.join(''), stderr, code: stderr.includes('No such file') ? 1 : 0 };
};
