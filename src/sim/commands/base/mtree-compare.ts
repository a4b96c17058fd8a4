/**
 * compare(): one entry of the tree against its spec entry, as
 * contrib/mtree/compare.c (NetBSD 1.58) prints it without -u/-t/-i/-m/-l.
 *
 * MARK: "path: " padded to INDENTNAMELEN (8) columns, or followed by a
 * newline when longer, the first difference on that line and the rest on
 * "\t"-led lines; the freebsd9 flavor prints "path changed" instead and its
 * own "expected/found" texts (with the stray ")" its user/gid/permissions
 * lines have when not fixing). A type mismatch is reported alone. The
 * digest names are FreeBSD's (mtree.h: md5digest, sha256digest, ...).
 */
import type { SimCommandContext, SimNode } from '../../types.js';
import { MtreeError } from './mtree-error.js';
import { altOctal, cksumOf, ctime24, digestOf, modeOf, nlinkOf, nsecOf, readEnt, rp, secOf, sizeOf, type Ent } from './mtree-fs.js';
import { DIGESTS, F_CKSUM, F_FLAGS, F_GID, F_GNAME, F_MODE, F_NLINK, F_SIZE, F_SLINK, F_TIME, F_UID, F_UNAME, type MtreeOpts } from './mtree-keys.js';
import type { SpecNode } from './mtree-spec.js';

const INDENTNAMELEN = 8;

/** "(s, p)" or " expected s found p" per flavor; `close` is false where 1.58 leaves the ")" to the caller. */
function pair(f9: boolean, what: string, s: string, p: string, typo = 'expected'): string {
  return f9 ? `${what} ${typo} ${s} found ${p}` : `${what} (${s}, ${p}`;
}

/** -l: without set-id/sticky bits on either side, a subset of the spec's permissions passes. */
function looseOk(want: number, got: number): boolean {
  return !((want | got) & ~0o777) && (got | want) === want;
}

export function compare(ctx: SimCommandContext, s: SpecNode, ent: Ent, o: MtreeOpts): { out: string; differs: boolean } {
  const f9 = o.flavor === 'freebsd9';
  const p: SimNode = ent.node;
  let out = '';
  let label = false;
  let tab = '';
  const LABEL = (): void => {
    if (label) return;
    label = true;
    const path = rp(ent.path);
    if (f9) {
      out += `${path} changed\n`;
      tab = '\t';
      return;
    }
    const head = `${path}: `;
    const len = Buffer.byteLength(head);
    tab = len > INDENTNAMELEN ? '\t' : '';
    out += len > INDENTNAMELEN ? `${head}\n` : head + ' '.repeat(INDENTNAMELEN - len);
  };
  const line = (text: string): void => {
    LABEL();
    out += `${tab}${text}\n`;
    tab = '\t';
  };

  if (s.type !== 0 && s.type !== p.kind) {
    LABEL();
    out += f9 ? `\ttype expected ${s.type} found ${p.kind}\n` : `\ttype (${s.type}, ${p.kind})\n`;
    return { out, differs: true };
  }
  if (s.flags & (F_UID | F_UNAME) && s.uid !== p.uid) line(`${pair(f9, 'user', String(s.uid), String(p.uid))})`);
  if (s.flags & (F_GID | F_GNAME) && s.gid !== p.gid) line(`${pair(f9, 'gid', String(s.gid), String(p.gid))})`);
  if (s.flags & F_MODE && s.mode !== modeOf(p) && !(o.l && looseOk(s.mode, modeOf(p)))) line(`${pair(f9, 'permissions', altOctal(s.mode), altOctal(modeOf(p)), 'expcted')})`);
  const nlink = nlinkOf(ctx, ent);
  if (s.flags & F_NLINK && s.type !== 'dir' && s.nlink !== nlink) line(`${pair(f9, 'link count', String(s.nlink), String(nlink))}${f9 ? '' : ')'}`);
  if (s.flags & F_SIZE && s.size !== sizeOf(p)) line(`${pair(f9, 'size', String(s.size), String(sizeOf(p)))}${f9 ? '' : ')'}`);
  // utimes(2) granularity: seconds and microseconds are compared.
  if (s.flags & F_TIME && (s.sec !== secOf(p) || Math.floor(s.nsec / 1000) !== Math.floor(nsecOf(p) / 1000))) {
    line(`${pair(f9, 'modification time', ctime24(s.sec), ctime24(secOf(p)))}${f9 ? '' : ')'}`);
  }
  // The simulator keeps no file flags: the file's are always "none".
  if (s.flags & F_FLAGS && s.stFlags !== '') line(f9 ? `flags expected "${s.stFlags}" found "none"` : `flags ("${s.stFlags}" is not "none")`);

  const wantsData = s.flags & F_CKSUM || DIGESTS.some((d) => s.flags & d.bit);
  const data = wantsData ? readEnt(ctx, ent) : '';
  if (s.flags & F_CKSUM) {
    if (typeof data === 'string') line(`cksum: ${ent.name}: ${data}`);
    else if (s.cksum !== cksumOf(data)) line(f9 ? `cksum expected ${s.cksum} found ${cksumOf(data)}` : `cksum (${s.cksum}, ${cksumOf(data)})`);
  }
  for (const d of DIGESTS) {
    if (!(s.flags & d.bit)) continue;
    if (typeof data === 'string') {
      line(`${d.key}: ${ent.name}: ${data}`);
      continue;
    }
    const want = s.digests[d.bit] ?? '';
    const got = digestOf(d.algo, data);
    if (want !== got) line(f9 ? `${d.key} expected ${want} found ${got}` : `${d.key} (0x${want}, 0x${got})`);
  }
  if (s.flags & F_SLINK) {
    // rlink(): readlink(2) of a non-link is fatal (EINVAL).
    if (p.kind !== 'link') throw new MtreeError(`${ent.name}: Invalid argument`);
    if (p.target !== s.slink) line(f9 ? `link ref expected ${p.target} found ${s.slink}` : `link ref (${p.target}, ${s.slink})`);
  }
  return { out, differs: label };
}
