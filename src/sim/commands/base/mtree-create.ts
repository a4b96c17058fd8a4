/**
 * `mtree -c`: print a specification of the tree at "." (after -p DIR).
 *
 * A port of contrib/mtree/create.c (NetBSD 1.73, FreeBSD 14): cwalk() for
 * the header, "# path" comments, "..", blank lines; statd() for the /set
 * line (the most frequent uid/gid/mode/flags among a directory's entries,
 * printed when it changes, always for the first directory); statf() for an
 * entry's line: name padded to INDENTNAMELEN (15), keywords that differ
 * from /set, in statf()'s order; output() for the " \" continuation past
 * MAXLINELEN-3 (77) columns. Layout checked against NetBSD's golden file
 * tests/usr.sbin/mtree/mtree_d_create.out.
 */
import type { SimCommandContext } from '../../types.js';
import { groupName, userName } from './ids.js';
import { altOctal, ctime24, children, cksumOf, dcmp, digestOf, nlinkOf, modeOf, nsecOf, readEnt, secOf, sizeOf, type Ent } from './mtree-fs.js';
import {
  DIGESTS,
  F_CKSUM,
  F_FLAGS,
  F_GID,
  F_GNAME,
  F_MODE,
  F_NLINK,
  F_SIZE,
  F_SLINK,
  F_TIME,
  F_UID,
  F_UNAME,
  type MtreeOpts,
} from './mtree-keys.js';
import { visPath } from './mtree-vis.js';

const INDENTNAMELEN = 15;
const MAXLINELEN = 80;

/** user_from_uid(uid, 1): the name, or undefined when the passwd file has none. */
function uname(ctx: SimCommandContext, id: number): string | undefined {
  const name = userName(ctx, id);
  return name === String(id) ? undefined : name;
}

function gname(ctx: SimCommandContext, id: number): string | undefined {
  const name = groupName(ctx, id);
  return name === String(id) ? undefined : name;
}

interface SetValues {
  uid: number;
  gid: number;
  mode: number;
  /** The simulator has no file flags: always 0, printed "none". */
  flags: number;
}

class Writer {
  out = '';
  /** create.c's static uid/gid/mode/flags: zero until the first /set. */
  set: SetValues = { uid: 0, gid: 0, mode: 0, flags: 0 };
  first = true;

  constructor(
    readonly ctx: SimCommandContext,
    readonly o: MtreeOpts,
  ) {}

  /** statd(): pick and maybe print the /set line for a directory's entries. */
  statd(entries: Ent[]): void {
    if (entries.length === 0) return;
    const { keys, flavor, d } = this.o;
    const saved = { ...this.set };
    const counts = { uid: new Map<number, number>(), gid: new Map<number, number>(), mode: new Map<number, number>(), flags: new Map<number, number>() };
    const max = { uid: 0, gid: 0, mode: 0, flags: 0 };
    const tally = (k: keyof SetValues, v: number): void => {
      // MTREE_MAXUID/MTREE_MAXGID (5000): higher ids are never counted.
      if ((k === 'uid' || k === 'gid') && v >= 5000) return;
      const n = (counts[k].get(v) ?? 0) + 1;
      counts[k].set(v, n);
      // First value to reach a new maximum wins, as the C loop does.
      if (n > max[k]) {
        max[k] = n;
        saved[k] = v;
      }
    };
    for (const e of entries) {
      if (flavor !== 'netbsd6' && d && e.node.kind !== 'dir') continue;
      tally('mode', modeOf(e.node));
      tally('gid', e.node.gid);
      tally('uid', e.node.uid);
      tally('flags', 0);
    }
    const cur = this.set;
    const changed =
      (keys & (F_UNAME | F_UID) && cur.uid !== saved.uid) ||
      (keys & (F_GNAME | F_GID) && cur.gid !== saved.gid) ||
      (keys & F_MODE && cur.mode !== saved.mode) ||
      (keys & F_FLAGS && cur.flags !== saved.flags);
    if (!changed && !this.first) return;
    this.first = false;
    let line = flavor !== 'netbsd6' && d ? '/set type=dir' : '/set type=file';
    let name: string | undefined;
    if (keys & (F_UID | F_UNAME)) {
      if (keys & F_UNAME && (name = uname(this.ctx, saved.uid)) !== undefined) line += ` uname=${name}`;
      if (keys & F_UID || (keys & F_UNAME && name === undefined)) line += ` uid=${saved.uid}`;
    }
    if (keys & (F_GID | F_GNAME)) {
      if (keys & F_GNAME && (name = gname(this.ctx, saved.gid)) !== undefined) line += ` gname=${name}`;
      if (keys & F_GID || (keys & F_GNAME && name === undefined)) line += ` gid=${saved.gid}`;
    }
    if (keys & F_MODE) line += ` mode=${altOctal(saved.mode)}`;
    if (keys & F_NLINK) line += ' nlink=1';
    if (keys & F_FLAGS) line += ' flags=none';
    this.out += `${line}\n`;
    this.set = saved;
  }

  /** statf(): one entry's line. */
  statf(ent: Ent, indent: number): void {
    const { keys, flavor, d } = this.o;
    const { node } = ent;
    const isDir = node.kind === 'dir';
    const isReg = node.kind === 'file';
    const head = `${' '.repeat(indent)}${isDir ? '' : '    '}${visPath(ent.name, flavor)}`;
    this.out += head;
    let offset = head.length;
    if (offset > INDENTNAMELEN + indent) offset = MAXLINELEN;
    else {
      this.out += ' '.repeat(INDENTNAMELEN + indent - offset);
      offset = INDENTNAMELEN + indent;
    }
    const output = (buf: string): void => {
      if (offset + buf.length > MAXLINELEN - 3) {
        this.out += ` \\\n${' '.repeat(INDENTNAMELEN + indent)}`;
        offset = INDENTNAMELEN + indent;
      }
      this.out += ` ${buf}`;
      // create.c adds fprintf()'s count plus one more.
      offset += buf.length + 2;
    };
    if (!isReg && (flavor === 'netbsd6' || !d)) output(`type=${node.kind}`);
    let name: string | undefined;
    if (keys & (F_UID | F_UNAME) && node.uid !== this.set.uid) {
      if (keys & F_UNAME && (name = uname(this.ctx, node.uid)) !== undefined) output(`uname=${name}`);
      if (keys & F_UID || (keys & F_UNAME && name === undefined)) output(`uid=${node.uid}`);
    }
    if (keys & (F_GID | F_GNAME) && node.gid !== this.set.gid) {
      if (keys & F_GNAME && (name = gname(this.ctx, node.gid)) !== undefined) output(`gname=${name}`);
      if (keys & F_GID || (keys & F_GNAME && name === undefined)) output(`gid=${node.gid}`);
    }
    if (keys & F_MODE && modeOf(node) !== this.set.mode) output(`mode=${altOctal(modeOf(node))}`);
    const nlink = nlinkOf(this.ctx, ent);
    if (keys & F_NLINK && nlink !== 1) output(`nlink=${nlink}`);
    if (keys & F_SIZE && (flavor === 'freebsd9' || isReg)) output(`size=${sizeOf(node)}`);
    if (keys & F_TIME) output(`time=${secOf(node)}.${String(nsecOf(node)).padStart(9, '0')}`);
    // Contents only for a regular file, and only when a checksum is asked for.
    const wanted = isReg && (keys & F_CKSUM || DIGESTS.some((dg) => keys & dg.bit));
    const bytes = wanted ? readEnt(this.ctx, ent) : '';
    if (keys & F_CKSUM && typeof bytes !== 'string') output(`cksum=${cksumOf(bytes)}`);
    for (const dg of DIGESTS) if (keys & dg.bit && typeof bytes !== 'string') output(`${dg.key}=${digestOf(dg.algo, bytes)}`);
    if (keys & F_SLINK && node.kind === 'link') output(`link=${visPath(node.target, flavor)}`);
    // st_flags is always 0 here, so it never differs from /set's.
    this.out += '\n';
  }

  /** cwalk()'s FTS_D ... FTS_DP for one directory, entries in dcmp() order. */
  dir(ent: Ent): void {
    const { o } = this;
    const indent = o.j ? ent.level * 4 : 0;
    if (!o.b) this.out += '\n';
    if (!o.n) this.out += `# ${ent.path}\n`;
    const entries = children(this.ctx, ent).sort(dcmp);
    this.statd(entries);
    this.statf(ent, indent);
    for (const child of entries) {
      if (child.node.kind === 'dir') this.dir(child);
      else if (!o.d) this.statf(child, o.j ? child.level * 4 : 0);
    }
    if (ent.level > 0 && !o.n) this.out += `${' '.repeat(indent)}# ${ent.path}\n`;
    if (ent.level > 0 || o.flavor === 'freebsd9') {
      this.out += `${' '.repeat(indent)}..\n`;
      if (!o.b) this.out += '\n';
    }
  }
}

export interface CreateHeader {
  user: string;
  machine: string;
  /** getcwd() after chdir(-p DIR). */
  tree: string;
  clock: number;
}

/** cwalk(): the whole specification for the tree rooted at `root` (fts_path "."). */
export function cwalk(ctx: SimCommandContext, o: MtreeOpts, root: Ent, h: CreateHeader): string {
  const w = new Writer(ctx, o);
  if (!o.n) w.out += `#\t   user: ${h.user}\n#\tmachine: ${h.machine}\n#\t   tree: ${h.tree}\n#\t   date: ${ctime24(h.clock)}\n`;
  w.dir(root);
  return w.out;
}
