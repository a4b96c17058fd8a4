/**
 * What mtree reads of the simulated tree: fts(3) entries (FTS_PHYSICAL, so
 * symbolic links are never followed), stat(2) fields and file digests.
 *
 * fts_path starts at "." (mtree chdir()s to -p DIR and walks "."), and
 * RP() in contrib/mtree/mtree.h strips a leading "./" for messages.
 */
import { createHash } from 'node:crypto';
import type { SimCommandContext, SimFile, SimNode } from '../../types.js';
import { posixCrc } from './cksum.js';
import { nodeSize } from './ls.js';

export interface Ent {
  /** fts_name: "." for the root. */
  name: string;
  /** fts_path: ".", "./a", "./a/b". */
  path: string;
  host: string;
  /** lstat(2) of the entry. */
  node: SimNode;
  level: number;
}

const join = (dir: string, name: string): string => (dir === '/' ? `/${name}` : `${dir}/${name}`);

/** The directory's entries in readdir order (the simulated fs keeps them sorted). */
export function children(ctx: SimCommandContext, dir: Ent): Ent[] {
  const fs = ctx.host.fs;
  return fs.readdir(dir.host).map((name) => {
    const host = join(dir.host, name);
    return { name, path: `${dir.path}/${name}`, host, node: fs.lstat(host)!, level: dir.level + 1 };
  });
}

/** create.c dcmp(): non-directories first, then strcmp() order of the names. */
export function dcmp(a: Ent, b: Ent): number {
  const ad = a.node.kind === 'dir';
  const bd = b.node.kind === 'dir';
  if (ad !== bd) return ad ? 1 : -1;
  return Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));
}

/** RP(): fts_path without its leading "./". */
export const rp = (path: string): string => (path.startsWith('./') ? path.slice(2) : path);

/** st_nlink: 2 + subdirectories for a directory (as ls -l shows), else the file's names (hard links, types.ts). */
export function nlinkOf(ctx: SimCommandContext, ent: Ent): number {
  if (ent.node.kind !== 'dir') return ent.node.nlink ?? 1;
  return 2 + children(ctx, ent).filter((c) => c.node.kind === 'dir').length;
}

/** printf's "%#o": octal with a leading 0, except for 0 itself. */
export const altOctal = (n: number): string => (n === 0 ? '0' : `0${n.toString(8)}`);

export const sizeOf = (node: SimNode): number => nodeSize(node);
export const modeOf = (node: SimNode): number => node.mode & 0o7777;
export const secOf = (node: SimNode): number => Math.floor(node.mtime);
export const nsecOf = (node: SimNode): number => Math.round((node.mtime - Math.floor(node.mtime)) * 1e9);

/** A regular file's bytes: content is UTF-8 text, or base64 when binary. */
export function fileBytes(node: SimFile): Buffer {
  return node.binary ? Buffer.from(node.content, 'base64') : Buffer.from(node.content, 'utf8');
}

export const digestOf = (algo: string, bytes: Buffer): string => createHash(algo).update(bytes).digest('hex');
export const cksumOf = (bytes: Buffer): number => posixCrc(bytes);

/**
 * open(2)+read(2) of an entry as MD5File()/crc() do it: a symbolic link is
 * followed, a directory fails with EISDIR, a dangling link with ENOENT.
 */
export function readEnt(ctx: SimCommandContext, ent: Ent): Buffer | string {
  const node = ent.node.kind === 'link' ? ctx.host.fs.stat(ent.host) : ent.node;
  if (!node) return 'No such file or directory';
  if (node.kind === 'dir') return 'Is a directory';
  return fileBytes(node as SimFile);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime(3) without its newline ("%.24s"), in UTC as the simulator's other dates are. */
export function ctime24(sec: number): string {
  const d = new Date(sec * 1000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${time} ${d.getUTCFullYear()}`;
}
