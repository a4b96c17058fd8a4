/**
 * ls's long format (-l, -n) as FreeBSD's bin/ls/print.c printlong() prints it:
 * "%s %*ju %-*s  %-*s  " for mode, link count, owner and group (two spaces
 * after each name), then the size right-aligned, the date and the name, and
 * " -> target" for a symbolic link. The simulated fs has no device nodes, so
 * printdev's "major, minor" column never appears.
 */
import { byteLengthOfText } from '../../bytes.js';
import type { SimCommandContext, SimNode } from '../../types.js';
import { groupName, userName } from './ids.js';
import { modeString } from './mode.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** print.c: #define SIXMONTHS ((365 / 2) * 86400). */
const SIXMONTHS = 182 * 86400;

export interface LsEntry {
  name: string;
  host: string;
  node: SimNode;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * printtime(): "%b %e %R" within six months either side of now, "%b %e  %Y"
 * otherwise; -T (`seconds`) is "%b %e %T %Y". The simulator's clock is UTC.
 */
export function lsDate(mtime: number, now: number, seconds = false): string {
  const d = new Date(mtime * 1000);
  const head = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  const hm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  if (seconds) return `${head} ${hm}:${pad2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
  if (mtime + SIXMONTHS > now && mtime < now + SIXMONTHS) return `${head} ${hm}`;
  return `${head}  ${d.getUTCFullYear()}`;
}

export function nodeSize(node: SimNode): number {
  if (node.kind === 'dir') return 512;
  if (node.kind === 'link') return node.target.length;
  // Binary content is base64; text may hold bytes that are not UTF-8, one char each (src/sim/bytes.ts).
  return node.binary ? Buffer.byteLength(node.content, 'base64') : byteLengthOfText(node.content);
}

/**
 * st_blocks in 512-byte units. The simulated fs keeps no block counts, so
 * this approximates a 4 KiB-block file system (UFS fragments / ZFS records):
 * whole 4 KiB blocks, 8 units each. A symbolic link is a UFS "fast symlink"
 * (its target kept in the inode) and takes none.
 */
export function stBlocks(node: SimNode): number {
  if (node.kind === 'link') return 0;
  return Math.ceil(nodeSize(node) / 4096) * 8;
}

/**
 * getbsize(3): the BLOCKSIZE environment variable ("512", "1k", "4K", "1M",
 * "1G"; default 512, between 512 bytes and 1G), in bytes, plus the warning
 * getbsize prints for a value it does not take.
 */
export function blockSize(value: string | undefined): { bytes: number; warning?: string } {
  if (value === undefined || value === '') return { bytes: 512 };
  const m = /^(-?\d*)(.*)$/.exec(value)!;
  let n = m[1] === '' || m[1] === '-' ? 0 : Number(m[1]);
  if (n < 0) return { bytes: 512, warning: 'minimum blocksize is 512' };
  if (n === 0) n = 1;
  const mul = { '': 1, k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3 }[m[2]!];
  if (mul === undefined) return { bytes: 512, warning: `${value}: unknown blocksize` };
  const max = 1024 ** 3 / mul;
  if (n > max) return { bytes: max * mul, warning: 'maximum blocksize is 1G' };
  if (n * mul < 512) return { bytes: 512, warning: 'minimum blocksize is 512' };
  return { bytes: n * mul };
}

/** st_nlink: a file's names (hard links, types.ts), a directory's "." and ".." entries of it and its subdirectories. */
export function linkCount(ctx: SimCommandContext, host: string, node: SimNode): number {
  if (node.kind !== 'dir') return node.nlink ?? 1;
  const fs = ctx.host.fs;
  const base = fs.realpath(host);
  const prefix = base === '/' ? '' : base;
  let n = 2;
  for (const name of fs.readdir(host)) if (fs.lstat(`${prefix}/${name}`)?.kind === 'dir') n++;
  return n;
}

export interface LongOptions {
  numeric: boolean;
  seconds: boolean;
  /** -i: each entry's inode number first, right-aligned to the widest (print.c printlong). */
  inode: boolean;
}

/** The inode column of -i: the numbers, each padded to the widest in the list, and a space (print.c "%*ju "). */
export function inodeColumn(ctx: SimCommandContext, entries: LsEntry[]): string[] {
  const inos = entries.map((e) => String(ctx.host.fs.inode(e.host, ctx.host.fs.lstat(e.host) !== e.node) ?? 0));
  const width = Math.max(0, ...inos.map((n) => n.length));
  return inos.map((n) => `${n.padStart(width)} `);
}

/** The rows of one printlong() call; widths are the longest of each column in this list (ls.c display()). */
export function longLines(ctx: SimCommandContext, entries: LsEntry[], opts: LongOptions): string {
  const now = ctx.host.state.clock;
  const rows = entries.map((e) => ({
    mode: modeString(e.node),
    links: String(linkCount(ctx, e.host, e.node)),
    user: opts.numeric ? String(e.node.uid) : userName(ctx, e.node.uid),
    group: opts.numeric ? String(e.node.gid) : groupName(ctx, e.node.gid),
    size: String(nodeSize(e.node)),
    date: lsDate(e.node.mtime, now, opts.seconds),
    name: e.node.kind === 'link' ? `${e.name} -> ${e.node.target}` : e.name,
  }));
  let wl = 0;
  let wu = 0;
  let wg = 0;
  let ws = 0;
  for (const r of rows) {
    wl = Math.max(wl, r.links.length);
    wu = Math.max(wu, r.user.length);
    wg = Math.max(wg, r.group.length);
    ws = Math.max(ws, r.size.length);
  }
  const inodes = opts.inode ? inodeColumn(ctx, entries) : undefined;
  // strmode(3) leaves a space after the ten mode characters (for an ACL's '+'), then printf adds one.
  return rows
    .map((r, i) => `${inodes?.[i] ?? ''}${r.mode}  ${r.links.padStart(wl)} ${r.user.padEnd(wu)}  ${r.group.padEnd(wg)}  ${r.size.padStart(ws)} ${r.date} ${r.name}\n`)
    .join('');
}
