/**
 * Reading a specification: a port of contrib/mtree/spec.c (NetBSD 1.89)
 * spec(), set(), unset(), addchild() (without -S) and replacenode() (without
 * -M), over fparseln(3) with FPARSELN_UNESCCOMM: "\" at a line's end joins
 * the next line, an unescaped "#" starts a comment. Errors are mtree_err()'s
 * messages; `lineno` is mtree_lineno, which later errors also report.
 */
import type { SimCommandContext } from '../../types.js';
import { groupId, userId } from './ids.js';
import { applyMode } from './mode.js';
import { MtreeError } from './mtree-error.js';
import {
  DIGESTS,
  F_CKSUM,
  F_DEV,
  F_DONE,
  F_FLAGS,
  F_GID,
  F_GNAME,
  F_MAGIC,
  F_MODE,
  F_NLINK,
  F_SIZE,
  F_SLINK,
  F_TAGS,
  F_TIME,
  F_TYPE,
  F_UID,
  F_UNAME,
  parseKey,
  parseType,
  type SpecType,
} from './mtree-keys.js';
import { strunvis } from './mtree-vis.js';

export interface SpecNode {
  name: string;
  /** 0 when no type= was given. */
  type: SpecType | 0;
  /** The F_* bits of the keywords set, plus F_MAGIC / F_DONE / F_VISIT. */
  flags: number;
  uid: number;
  gid: number;
  mode: number;
  nlink: number;
  size: number;
  sec: number;
  nsec: number;
  slink: string;
  /** flags= as written; "" for none. */
  stFlags: string;
  cksum: number;
  digests: Record<number, string>;
  tags: string;
  parent?: SpecNode;
  children: SpecNode[];
}

function blank(): SpecNode {
  return { name: '', type: 0, flags: 0, uid: 0, gid: 0, mode: 0, nlink: 0, size: 0, sec: 0, nsec: 0, slink: '', stFlags: '', cksum: 0, digests: {}, tags: '', children: [] };
}

/** A copy of the /set values for a new entry (`*centry = ginfo`). */
const copyOf = (n: SpecNode): SpecNode => ({ ...n, digests: { ...n.digests }, children: [], parent: undefined });

/** Whether s[i] is escaped by an odd run of backslashes (fparseln's isescaped()). */
function isEscaped(s: string, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && s[i - n - 1] === '\\') n++;
  return n % 2 === 1;
}

/**
 * fparseln(3) with FPARSELN_UNESCCOMM, line by line: a comment is cut from
 * each physical line first, then a trailing unescaped "\" joins the next
 * one; a line that is only a comment is skipped; "\#" becomes "#".
 */
function* logicalLines(text: string): Generator<{ line: string; lineno: number }> {
  const phys = text.split('\n');
  if (phys[phys.length - 1] === '') phys.pop();
  let idx = 0;
  let lineno = 0;
  while (idx < phys.length) {
    let buf: string | undefined;
    for (let cnt = true; cnt && idx < phys.length; ) {
      cnt = false;
      lineno++;
      let s = phys[idx++]!;
      for (let i = 0; i < s.length; i++) {
        if (s[i] === '#' && !isEscaped(s, i)) {
          s = s.slice(0, i);
          cnt = s === '' && buf === undefined;
          break;
        }
      }
      if (s !== '' && s.endsWith('\\') && !isEscaped(s, s.length - 1)) {
        s = s.slice(0, -1);
        cnt = true;
      }
      if (s !== '') buf = (buf ?? '') + s;
    }
    yield { line: (buf ?? '').replace(/\\(.)/g, (m, c: string) => (c === '#' ? '#' : m)), lineno };
  }
}

/** strsep(3) over a string, as spec.c tokenises a line. */
class Sep {
  constructor(private rest: string | undefined) {}
  /** Next non-empty token ending at any of `delims`, or undefined at the end. */
  next(delims: string): string | undefined {
    while (this.rest !== undefined) {
      let i = 0;
      while (i < this.rest.length && !delims.includes(this.rest[i]!)) i++;
      const tok = this.rest.slice(0, i);
      this.rest = i < this.rest.length ? this.rest.slice(i + 1) : undefined;
      if (tok !== '') return tok;
    }
    return undefined;
  }
  remainder(): string | undefined {
    return this.rest;
  }
}

/** strtoul/strtoll(val, &ep, 10) with `*ep` required to be the end. */
function decimal(val: string): number | undefined {
  return /^\s*[+-]?\d+$/.test(val) ? Number(val) : undefined;
}

function setValue(ctx: SimCommandContext, ip: SpecNode, bit: number, val: string): void {
  const need = (n: number | undefined, what: string): number => {
    if (n === undefined) throw new MtreeError(`invalid ${what} \`${val}'`);
    return n;
  };
  const digest = DIGESTS.find((d) => d.bit === bit);
  if (digest) {
    ip.digests[bit] = val.startsWith('0x') ? val.slice(2) : val;
    return;
  }
  switch (bit) {
    case F_CKSUM:
      ip.cksum = need(decimal(val), 'checksum');
      return;
    case F_DEV:
      // No device nodes in the simulator: the value is never compared.
      return;
    case F_FLAGS:
      ip.stFlags = val === 'none' ? '' : val;
      return;
    case F_GID:
      ip.gid = need(decimal(val), 'gid');
      return;
    case F_GNAME: {
      const gid = groupId(ctx, val);
      if (gid === undefined) throw new MtreeError(`unknown group \`${val}'`);
      ip.gid = gid;
      return;
    }
    case F_MODE: {
      // setmode(3) + getmode(m, 0); symbolic modes are masked by the umask (022).
      const mode = /^\d/.test(val) ? (/^[0-7]+$/.test(val) && parseInt(val, 8) <= 0o7777 ? parseInt(val, 8) : undefined) : applyMode(val, 0, false, 0o022);
      if (mode === undefined) throw new MtreeError(`cannot set file mode \`${val}' (Invalid argument)`);
      ip.mode = mode;
      return;
    }
    case F_NLINK:
      ip.nlink = need(decimal(val), 'link count');
      return;
    case F_SIZE:
      ip.size = need(decimal(val), 'size');
      return;
    case F_SLINK: {
      const link = strunvis(val);
      if (link === undefined) throw new MtreeError(`strunvis failed on \`${val}'`);
      ip.slink = link;
      return;
    }
    case F_TAGS:
      ip.tags = `,${val},`;
      return;
    case F_TIME: {
      const m = /^\s*[+-]?\d+/.exec(val);
      const end = m ? m[0].length : 0;
      if (val[end] !== '.') throw new MtreeError(`invalid time \`${val}'`);
      const frac = val.slice(end + 1);
      const nsec = decimal(frac);
      if (nsec === undefined) throw new MtreeError(`invalid time \`${frac}'`);
      ip.sec = m ? Number(m[0]) : 0;
      ip.nsec = nsec;
      return;
    }
    case F_TYPE:
      ip.type = parseType(val);
      return;
    case F_UID:
      ip.uid = need(decimal(val), 'uid');
      return;
    case F_UNAME: {
      const uid = userId(ctx, val);
      if (uid === undefined) throw new MtreeError(`unknown user \`${val}'`);
      ip.uid = uid;
      return;
    }
  }
}

/** set(): keyword=value pairs into `ip`. */
function set(ctx: SimCommandContext, rest: string | undefined, ip: SpecNode): void {
  const t = new Sep(rest);
  for (let kw = t.next('= \t'); kw !== undefined; kw = t.next('= \t')) {
    if (kw === 'all') throw new MtreeError("invalid keyword `all'");
    const { bit, needsValue } = parseKey(kw);
    ip.flags |= bit;
    if (!needsValue) continue;
    const val = t.next(' \t');
    if (val === undefined) throw new MtreeError('missing value');
    setValue(ctx, ip, bit, val);
  }
}

function unset(rest: string | undefined, ip: SpecNode): void {
  const t = new Sep(rest);
  for (let kw = t.next(' \t'); kw !== undefined; kw = t.next(' \t')) ip.flags &= ~parseKey(kw).bit;
}

/** replacenode(): a later entry of the same name replaces the values, keeping the children. */
function replaceNode(cur: SpecNode, entry: SpecNode): void {
  if (cur.type !== entry.type) {
    const t = (x: SpecType | 0): string => (x === 0 ? 'unknown' : x);
    throw new MtreeError(`existing entry for \`${cur.name}', type \`${t(cur.type)}' does not match type \`${t(entry.type)}'`);
  }
  const { name, children, parent } = cur;
  Object.assign(cur, entry, { name, children, parent });
}

function addChild(parent: SpecNode, entry: SpecNode): SpecNode {
  const same = parent.children.find((c) => c.name === entry.name);
  if (same) {
    replaceNode(same, entry);
    return same;
  }
  entry.parent = parent;
  parent.children.push(entry);
  return entry;
}

/** spec(): the tree a specification describes; throws MtreeError with `state.lineno` set. */
export function parseSpec(ctx: SimCommandContext, text: string, state: { lineno: number }): SpecNode | undefined {
  let root: SpecNode | undefined;
  let last: SpecNode | undefined;
  const ginfo = blank();
  for (const { line, lineno } of logicalLines(text)) {
    state.lineno = lineno;
    if (line.trim() === '') continue;
    const sep = new Sep(line);
    const p = sep.next(' \t')!;
    const rest = sep.remainder();
    if (p.startsWith('/')) {
      if (p === '/set') set(ctx, rest, ginfo);
      else if (p === '/unset') unset(rest, ginfo);
      else throw new MtreeError(`invalid specification \`${p}'`);
      continue;
    }
    if (p === '..') {
      if (!root || !last) throw new MtreeError('no parent node');
      if (last.type !== 'dir' || last.flags & F_DONE) {
        if (last === root) throw new MtreeError('no parent node');
        last = last.parent!;
      }
      last.flags |= F_DONE;
      continue;
    }
    const tname = strunvis(p);
    if (tname === undefined) throw new MtreeError(`strunvis failed on \`${p}'`);
    let name = tname;
    let pathparent: SpecNode | undefined;
    if (name.includes('/')) {
      // A full path: every component but the last names a directory already described.
      const parts = name.split('/');
      name = parts.pop()!;
      let siblings = root ? [root] : [];
      for (const part of parts) {
        if (part === '') continue;
        const cur = part === '.' ? siblings[0] : siblings.find((n) => n.name === part);
        if (!cur || cur.type !== 'dir') throw new MtreeError(`${tname}: missing directory in specification`);
        pathparent = cur;
        siblings = cur.children;
      }
      if (name === '') throw new MtreeError(`${tname}: empty leaf element`);
    }
    const centry = copyOf(ginfo);
    centry.name = name;
    if (/[?*[]/.test(name)) centry.flags |= F_MAGIC;
    set(ctx, rest, centry);
    if (!root) {
      // A bare "." root is a directory (spec.c: "for compatibility with FreeBSD").
      if (name === '.' && centry.type === 0) centry.type = 'dir';
      if (name !== '.' || centry.type !== 'dir') throw new MtreeError("root node must be the directory `.'");
      root = last = centry;
    } else if (pathparent) {
      last = addChild(pathparent, centry);
    } else if (name === '.') {
      replaceNode(root, centry);
    } else if (last!.type === 'dir' && !(last!.flags & F_DONE)) {
      last = addChild(last!, centry);
    } else {
      last = addChild(last!.parent ?? root, centry);
    }
  }
  return root;
}
