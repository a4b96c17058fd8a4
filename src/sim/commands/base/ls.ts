/** ls: names, or FreeBSD's long format (-l, -n, -d, -a, -A, -1, -L, -T, -k); the long format is ls-long.ts. */
import type { SimCommand } from '../../types.js';
import { blockSize, inodeColumn, longLines, stBlocks, type LsEntry } from './ls-long.js';
import { getopt, hostPath, isResult } from './util.js';

export { lsDate, nodeSize } from './ls-long.js';

const byName = (x: LsEntry, y: LsEntry): number => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);

function parentOf(host: string): string {
  const i = host.lastIndexOf('/');
  return i <= 0 ? '/' : host.slice(0, i);
}

export const ls: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, '1ACFHLRSTUWZabcdfghiklmnopqrstuwxy,', 'usage: ls [-ABCFGHILPRSTUWZabcdfghiklmnopqrstuvwxy1,] [--color=when] [-D format] [file ...]');
  if (isResult(p)) return p;
  const fs = ctx.host.fs;
  const long = p.opts.has('l') || p.opts.has('n');
  const longOpts = { numeric: p.opts.has('n'), seconds: p.opts.has('T'), inode: p.opts.has('i') };
  const all = p.opts.has('a') || p.opts.has('A');
  const follow = p.opts.has('L');
  const args = p.args.length ? p.args : ['.'];
  let stderr = '';
  // ls.c: -k counts 1024-byte blocks, otherwise getbsize(3) reads BLOCKSIZE; only -l/-s/-i need it.
  let unit = 512;
  if (long) {
    const bs = p.opts.has('k') ? { bytes: 1024 } : blockSize(ctx.env.BLOCKSIZE);
    if (bs.warning) stderr += `ls: ${bs.warning}\n`;
    unit = bs.bytes;
  }
  const files: LsEntry[] = [];
  const dirs: LsEntry[] = [];
  let missing = false;
  for (const a of args) {
    const host = hostPath(ctx, a);
    const lnode = fs.lstat(host);
    const node = lnode && (follow || (lnode.kind === 'link' && !long && !p.opts.has('d'))) ? fs.stat(host) : lnode;
    if (!node) {
      stderr += `ls: ${a}: No such file or directory\n`;
      missing = true;
      continue;
    }
    if (node.kind === 'dir' && !p.opts.has('d')) dirs.push({ name: a, host, node });
    else files.push({ name: a, host, node });
  }
  const render = (entries: LsEntry[]): string => {
    if (long) return longLines(ctx, entries, longOpts);
    // print.c printaname(): with -i, "%*ju " of the inode number before the name.
    const inodes = longOpts.inode ? inodeColumn(ctx, entries) : undefined;
    return entries.map((e, i) => `${inodes?.[i] ?? ''}${e.name}\n`).join('');
  };
  let stdout = files.length ? render(files.sort(byName)) : '';
  dirs.sort(byName);
  dirs.forEach((d, i) => {
    const names = fs.readdir(d.host).filter((n) => all || !n.startsWith('.'));
    const base = fs.realpath(d.host);
    const entries: LsEntry[] = names.map((n) => {
      const host = `${base === '/' ? '' : base}/${n}`;
      const l = fs.lstat(host)!;
      return { name: n, host, node: follow ? (fs.stat(host) ?? l) : l };
    });
    if (p.opts.has('a')) {
      const up = parentOf(base);
      entries.unshift({ name: '.', host: base, node: d.node }, { name: '..', host: up, node: fs.lstat(up) ?? d.node });
    }
    const header = args.length > 1 ? `${files.length || i > 0 ? '\n' : ''}${d.name}:\n` : '';
    // print.c: "total %lu" is howmany(sum of st_blocks, blocksize), only for a directory that lists something.
    let total = '';
    if (long && entries.length) {
      let blocks = 0;
      for (const e of entries) blocks += stBlocks(e.node);
      total = `total ${Math.ceil(blocks / (unit / 512))}\n`;
    }
    stdout += header + total + render(entries);
  });
  return { stdout, stderr, code: missing ? 1 : 0 };
};
