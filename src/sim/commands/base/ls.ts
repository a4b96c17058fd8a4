/** ls: names, or FreeBSD's long format (-l, -n, -d, -a, -1, -L). */
import type { SimCommand, SimCommandContext, SimNode } from '../../types.js';
import { groupName, userName } from './ids.js';
import { modeString } from './mode.js';
import { getopt, hostPath, isResult } from './util.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 28 15:09" for the last six months, "Nov 28  2023" otherwise (ls's rule). */
export function lsDate(mtime: number, now: number): string {
  const d = new Date(mtime * 1000);
  const day = String(d.getUTCDate()).padStart(2);
  const recent = now - mtime < 182 * 86400 && mtime <= now + 3600;
  const tail = recent ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

export function nodeSize(node: SimNode): number {
  if (node.kind === 'dir') return 512;
  if (node.kind === 'link') return node.target.length;
  return node.binary ? Math.floor((node.content.length * 3) / 4) : Buffer.byteLength(node.content);
}

function links(ctx: SimCommandContext, host: string, node: SimNode): number {
  if (node.kind !== 'dir') return 1;
  const fs = ctx.host.fs;
  return 2 + fs.readdir(host).filter((n) => fs.lstat(`${fs.realpath(host)}/${n}`)?.kind === 'dir').length;
}

interface Entry {
  name: string;
  host: string;
  node: SimNode;
}

function longLines(ctx: SimCommandContext, entries: Entry[], numeric: boolean): string {
  const rows = entries.map((e) => ({
    mode: modeString(e.node),
    links: String(links(ctx, e.host, e.node)),
    user: numeric ? String(e.node.uid) : userName(ctx, e.node.uid),
    group: numeric ? String(e.node.gid) : groupName(ctx, e.node.gid),
    size: String(nodeSize(e.node)),
    date: lsDate(e.node.mtime, ctx.host.state.clock),
    name: e.node.kind === 'link' ? `${e.name} -> ${e.node.target}` : e.name,
  }));
  const w = (k: 'links' | 'user' | 'group' | 'size'): number => Math.max(...rows.map((r) => r[k].length));
  const [wl, wu, wg, ws] = [w('links'), w('user'), w('group'), w('size')];
  return rows.map((r) => `${r.mode}  ${r.links.padStart(wl)} ${r.user.padEnd(wu)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.date} ${r.name}\n`).join('');
}

export const ls: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, '1ACFHLRSTUWZabcdfghiklmnopqrstuwxy,', 'usage: ls [-ABCFGHILPRSTUWZabcdfghiklmnopqrstuvwxy1,] [--color=when] [-D format] [file ...]');
  if (isResult(p)) return p;
  const fs = ctx.host.fs;
  const long = p.opts.has('l') || p.opts.has('n');
  const numeric = p.opts.has('n');
  const all = p.opts.has('a') || p.opts.has('A');
  const follow = p.opts.has('L');
  const args = p.args.length ? p.args : ['.'];
  let stderr = '';
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const a of args) {
    const host = hostPath(ctx, a);
    const lnode = fs.lstat(host);
    const node = lnode && (follow || (lnode.kind === 'link' && !long && !p.opts.has('d'))) ? fs.stat(host) : lnode;
    if (!node) {
      stderr += `ls: ${a}: No such file or directory\n`;
      continue;
    }
    if (node.kind === 'dir' && !p.opts.has('d')) dirs.push({ name: a, host, node });
    else files.push({ name: a, host, node });
  }
  const render = (entries: Entry[]): string => (long ? longLines(ctx, entries, numeric) : entries.map((e) => `${e.name}\n`).join(''));
  let stdout = files.length ? render(files.sort((x, y) => (x.name < y.name ? -1 : 1))) : '';
  dirs.sort((x, y) => (x.name < y.name ? -1 : 1));
  dirs.forEach((d, i) => {
    const names = fs.readdir(d.host).filter((n) => all || !n.startsWith('.'));
    const base = fs.realpath(d.host);
    const entries: Entry[] = names.map((n) => {
      const host = `${base === '/' ? '' : base}/${n}`;
      const l = fs.lstat(host)!;
      return { name: n, host, node: follow ? (fs.stat(host) ?? l) : l };
    });
    if (p.opts.has('a')) {
      entries.unshift({ name: '.', host: d.host, node: d.node }, { name: '..', host: d.host, node: d.node });
    }
    const header = args.length > 1 ? `${files.length || i > 0 ? '\n' : ''}${d.name}:\n` : '';
    const total = long && entries.length ? `total ${entries.length * 8}\n` : '';
    stdout += header + total + render(entries);
  });
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
