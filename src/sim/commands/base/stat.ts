/** FreeBSD stat(1): `-f FORMAT` (%Lp %p %Su %Sg %u %g %z %N %HT %m ...), `-L`, plain output. */
import type { SimCommand, SimCommandContext, SimNode } from '../../types.js';
import { groupName, userName } from './ids.js';
import { modeString } from './mode.js';
import { linkCount } from './ls-long.js';
import { nodeSize } from './ls.js';
import { getopt, hostPath, isResult } from './util.js';

const TYPE_BITS = { file: 0o100000, dir: 0o040000, link: 0o120000 };
const TYPE_NAMES = { file: 'Regular File', dir: 'Directory', link: 'Symbolic Link' };

function statDate(t: number): string {
  const d = new Date(t * 1000);
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${mon} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** What a format reads of a file: its name as given, its node, and its host path (for st_ino and st_nlink). */
interface Stated {
  name: string;
  host: string;
  node: SimNode;
  follow: boolean;
}

function format(ctx: SimCommandContext, fmt: string, { name, host, node, follow }: Stated): string {
  return fmt.replace(/%([-#+0 ]*[0-9]*)([HLM]?)([SD]?)([a-zA-Z%])/g, (_m, _flags: string, sub: string, out: string, c: string) => {
    const full = node.mode | TYPE_BITS[node.kind];
    switch (c) {
      case '%':
        return '%';
      case 'p':
        if (sub === 'L') return (node.mode & 0o777).toString(8);
        if (sub === 'M') return ((node.mode >> 9) & 7).toString(8);
        if (sub === 'H') return (full >> 12).toString(8);
        return out === 'S' ? modeString(node) : full.toString(8);
      case 'u':
        return out === 'S' ? userName(ctx, node.uid) : String(node.uid);
      case 'g':
        return out === 'S' ? groupName(ctx, node.gid) : String(node.gid);
      case 'U':
        return userName(ctx, node.uid);
      case 'G':
        return groupName(ctx, node.gid);
      case 'z':
        return String(nodeSize(node));
      case 'N':
        return name;
      case 'T':
        return sub === 'H' ? TYPE_NAMES[node.kind] : node.kind === 'dir' ? '/' : node.kind === 'link' ? '@' : '';
      case 'Y':
        return node.kind === 'link' ? ` -> ${node.target}` : '';
      case 'l':
        return String(linkCount(ctx, host, node));
      case 'm':
      case 'a':
      case 'c':
      case 'B':
        return out === 'S' ? statDate(node.mtime) : String(node.mtime);
      case 'i':
        return String(ctx.host.fs.inode(host, follow) ?? 0);
      case 'd':
      case 'r':
        return '0';
      case 'k':
        return '4096';
      case 'b':
        return String(Math.ceil(nodeSize(node) / 512));
      case 'f':
        return '0';
      case 'n':
        return '\n';
      case 't':
        return '\t';
      default:
        return '';
    }
  });
}

export const stat: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'FHLlnqrst:xf:', 'usage: stat [-FLnq] [-f format | -l | -r | -s | -x] [-t timefmt] [file|handle ...]');
  if (isResult(p)) return p;
  const fs = ctx.host.fs;
  const fmt = p.opts.get('f');
  const files = p.args.length ? p.args : [];
  let stdout = '';
  let stderr = '';
  for (const f of files) {
    const host = hostPath(ctx, f);
    const follow = p.opts.has('L');
    const node = follow ? fs.stat(host) : fs.lstat(host);
    if (!node) {
      if (!p.opts.has('q')) stderr += `stat: ${f}: stat: No such file or directory\n`;
      continue;
    }
    const st: Stated = { name: f, host, node, follow };
    const line =
      typeof fmt === 'string'
        ? format(ctx, fmt, st)
        : p.opts.has('s')
          ? format(ctx, 'st_dev=0 st_ino=%i st_mode=0%p st_nlink=%l st_uid=%u st_gid=%g st_rdev=0 st_size=%z st_atime=%a st_mtime=%m st_ctime=%c st_birthtime=%B st_blksize=%k st_blocks=%b st_flags=%f', st)
          : format(ctx, '%d %i %Sp %l %Su %Sg %r %z "%Sa" "%Sm" "%Sc" "%SB" %k %b %f %N', st);
    stdout += p.opts.has('n') ? line : `${line}\n`;
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
