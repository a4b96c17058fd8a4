/**
 * Whether a step's changes can touch what a fact reads (modules/types.ts
 * Scope). Undeclared means everything: a step or fact that says nothing is
 * taken to touch all, so forgetting a declaration costs a round trip, never
 * a plan made from stale facts.
 */
import type { Scope } from '../modules/types.js';

export const EVERYTHING: Scope = '*';

function isPath(scope: Scope): boolean {
  return scope.startsWith('path:') || scope.startsWith('node:');
}

/** `a` is `b`, or lies below the directory `b` (or the other way round). */
function pathsMeet(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  const dir = short.endsWith('/') ? short : `${short}/`;
  return long.startsWith(dir);
}

/** `child` is `parent` or lies below it. */
function within(child: string, parent: string, sep = '/'): boolean {
  if (child === parent) return true;
  const dir = parent.endsWith(sep) ? parent : `${parent}${sep}`;
  return child.startsWith(dir);
}

/**
 * Two paths, at least one of which is a `node:` (that entry and the parents
 * `mkdir -p` makes, never what lies below it): a node meets the scopes at or
 * above it. Two nodes meet as two paths do.
 */
function nodesMeet(a: Scope, b: Scope): boolean {
  const aNode = a.startsWith('node:');
  const bNode = b.startsWith('node:');
  const pa = a.slice(5);
  const pb = b.slice(5);
  if (aNode === bNode) return pathsMeet(pa, pb);
  return aNode ? within(pa, pb) : within(pb, pa);
}

function scopesMeet(a: Scope, b: Scope): boolean {
  if (a === EVERYTHING || b === EVERYTHING) return true;
  if (isPath(a) && isPath(b)) return nodesMeet(a, b);
  // A jail's files are host paths below a root these scopes do not name.
  if ((a.startsWith('jail:') && isPath(b)) || (b.startsWith('jail:') && isPath(a))) return true;
  // The table of running jails holds every jail.
  if ((a === 'jails' && b.startsWith('jail:')) || (b === 'jails' && a.startsWith('jail:'))) return true;
  if (a.startsWith('zfs:') && b.startsWith('zfs:')) return within(a.slice(4), b.slice(4)) || within(b.slice(4), a.slice(4));
  return a === b;
}

const ALL: readonly Scope[] = [EVERYTHING];

/** Whether changes to `changed` may alter what reading `read` returns; undefined lists mean everything. */
export function overlaps(changed: readonly Scope[] | undefined, read: readonly Scope[] | undefined): boolean {
  // Loops, not some() with closures: every planned step is checked against every fact read.
  const c = changed ?? ALL;
  const r = read ?? ALL;
  for (const x of c) for (const y of r) if (scopesMeet(x, y)) return true;
  return false;
}
