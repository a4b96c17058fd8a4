/**
 * Checking a tree against a specification: contrib/mtree/verify.c (NetBSD
 * 1.44, FreeBSD 14) without -u/-r/-s.
 *
 * vwalk(): fts(3) order (readdir order, no sorting); an entry matched by
 * name (or fnmatch() for names with ?*[) is compare()d, and a difference
 * makes the exit status MISMATCHEXIT (2); an entry not in the spec prints
 * "extra: PATH" (RP(): no "./") unless -e, and is not descended into.
 * miss(): afterwards, every spec entry not seen prints "./PATH missing"
 * (the path as built from "."), a missing directory's entries too; optional
 * entries are skipped, and with -q a directory that exists is not reported.
 * Neither "extra" nor "missing" changes the exit status: only vwalk()'s rval
 * reaches exit() (mtree.c main()).
 */
import type { SimCommandContext } from '../../types.js';
import { matchPattern } from '../../shell/pattern.js';
import { compare } from './mtree-compare.js';
import { children, rp, type Ent } from './mtree-fs.js';
import { F_IGN, F_MAGIC, F_NOCHANGE, F_OPT, F_VISIT, MISMATCHEXIT, type MtreeOpts } from './mtree-keys.js';
import type { SpecNode } from './mtree-spec.js';

interface Walk {
  ctx: SimCommandContext;
  o: MtreeOpts;
  /** Host path of the -p directory: miss()'s paths are relative to it. */
  rootHost: string;
  out: { stdout: string };
  rval: number;
}

const nameMatches = (s: SpecNode, name: string): boolean => (s.flags & F_MAGIC ? matchPattern(s.name, name) : false) || s.name === name;

/**
 * One fts entry at the spec level `level` (undefined: deeper than the spec
 * goes, so every entry is extra).
 */
function visit(w: Walk, ent: Ent, level: SpecNode[] | undefined): void {
  const { o } = w;
  const kind = ent.node.kind;
  // FTS_D and FTS_SL are checked; with -d everything else is passed over.
  if (o.d && kind === 'file') return;
  const ep = level?.find((s) => nameMatches(s, ent.name));
  if (!ep) {
    if (!o.e && !(o.d && kind === 'link')) w.out.stdout += `extra: ${rp(ent.path)}\n`;
    return;
  }
  ep.flags |= F_VISIT;
  if (!(ep.flags & F_NOCHANGE)) {
    const r = compare(w.ctx, ep, ent, o);
    w.out.stdout += r.out;
    if (r.differs) w.rval = MISMATCHEXIT;
  }
  if (ep.flags & F_IGN || ep.type !== 'dir' || kind !== 'dir') return;
  // A spec directory with no entries listed: fts still descends, and all it finds is extra.
  const next = ep.children.length ? ep.children : undefined;
  for (const child of children(w.ctx, ent)) visit(w, child, next);
}

/** miss(): the spec entries vwalk() never saw, in spec order. */
function miss(w: Walk, nodes: SpecNode[], prefix: string): void {
  const { o } = w;
  for (const p of nodes) {
    if (p.flags & F_OPT && !(p.flags & F_VISIT)) continue;
    if (p.type !== 'dir' && (o.d || p.flags & F_VISIT)) continue;
    const path = prefix + p.name;
    if (!(p.flags & F_VISIT)) {
      // -q: stat(2) (following links) finds a directory there: not reported.
      const there = o.q ? statRel(w, path) : undefined;
      if (there === 'dir') p.flags |= F_VISIT;
      else w.out.stdout += `${path} missing`;
    }
    if (p.type === 'dir') {
      if (!(p.flags & F_VISIT)) w.out.stdout += '\n';
      miss(w, p.children, `${path}/`);
    } else {
      w.out.stdout += '\n';
    }
  }
}

/** stat(2) of a path relative to the -p directory; a link loop is "not there". */
function statRel(w: Walk, path: string): string | undefined {
  const rel = path.replace(/^\.\/?/, '');
  try {
    return w.ctx.host.fs.stat(w.rootHost === '/' ? `/${rel}` : `${w.rootHost}/${rel}`)?.kind;
  } catch {
    return undefined;
  }
}

/** verify(): walk `root` (the -p directory as fts entry ".") against `spec`; the exit status. */
export function verify(ctx: SimCommandContext, o: MtreeOpts, root: Ent, spec: SpecNode | undefined, out: { stdout: string }): number {
  const w: Walk = { ctx, o, rootHost: root.host, out, rval: 0 };
  visit(w, root, spec ? [spec] : undefined);
  if (spec) miss(w, [spec], '');
  return w.rval;
}
