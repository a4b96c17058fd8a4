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

// Scopes are compared where they lie, from an offset past their prefix
// ("path:", "zfs:"), without slicing: every planned step is checked against
// every fact a host has read.

const SLASH = 47;

/** `text` from `at` begins with `prefix` from `from` to its end. */
function startsAt(text: string, at: number, prefix: string, from: number): boolean {
  const n = prefix.length - from;
  if (text.length - at < n) return false;
  for (let i = 0; i < n; i++) if (text.charCodeAt(at + i) !== prefix.charCodeAt(from + i)) return false;
  return true;
}

/** The path `child` (from offset `c`) is the path `parent` (from `p`) or lies below it. */
function within(child: string, c: number, parent: string, p: number): boolean {
  if (!startsAt(child, c, parent, p)) return false;
  const end = c + parent.length - p;
  if (end === child.length) return true;
  if (parent.length > p && parent.charCodeAt(parent.length - 1) === SLASH) return true;
  return child.charCodeAt(end) === SLASH;
}

/** One of two paths (each from its offset) is the other or lies below it. */
function pathsMeet(a: string, ao: number, b: string, bo: number): boolean {
  return within(a, ao, b, bo) || within(b, bo, a, ao);
}

/** Length of the "path:" and "node:" prefixes. */
const PATH = 5;

/**
 * Two paths, at least one of which is a `node:` (that entry and the parents
 * `mkdir -p` makes, never what lies below it): a node meets the scopes at or
 * above it. Two nodes meet as two paths do.
 */
function nodesMeet(a: Scope, b: Scope): boolean {
  const aNode = a.startsWith('node:');
  const bNode = b.startsWith('node:');
  if (aNode === bNode) return pathsMeet(a, PATH, b, PATH);
  return aNode ? within(a, PATH, b, PATH) : within(b, PATH, a, PATH);
}

function scopesMeet(a: Scope, b: Scope): boolean {
  if (a === EVERYTHING || b === EVERYTHING) return true;
  if (isPath(a) && isPath(b)) return nodesMeet(a, b);
  // A jail's files are host paths below a root these scopes do not name.
  if ((a.startsWith('jail:') && isPath(b)) || (b.startsWith('jail:') && isPath(a))) return true;
  // The table of running jails holds every jail.
  if ((a === 'jails' && b.startsWith('jail:')) || (b === 'jails' && a.startsWith('jail:'))) return true;
  if (a.startsWith('zfs:') && b.startsWith('zfs:')) return pathsMeet(a, 4, b, 4);
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
