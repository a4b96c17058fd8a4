/**
 * A simulated host's state as a short key, for the fault matrices' memo of
 * "one rerun per distinct state a cut run left". Every cut run starts from
 * the same state, so the key is what differs from that start: the nodes
 * added, changed or removed, and every field but the file system whole.
 * Equal keys mean equal states (the same as comparing JSON.stringify of
 * both), at a fraction of the cost: a host holds thousands of nodes, a cut
 * run changes tens of them.
 */
import type { SimNode, SimState } from '../../src/sim/types.js';

type Ignored = 'clock' | 'nextPid';

/** Nodes hold only primitive fields (kind, mode, owner, mtime, content or target): equal fields, equal nodes. */
function sameNode(a: SimNode, b: SimNode): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const key in x) if (x[key] !== y[key]) return false;
  for (const key in y) if (!(key in x)) return false;
  return true;
}

/** The difference of `now` from `start` as a string; `ignore` names fields left out (zeroed), as a fake clock that only counts. */
export function stateFingerprint(start: SimState, now: SimState, ignore: readonly Ignored[] = []): string {
  const changed: [string, SimNode | null][] = [];
  for (const [path, node] of Object.entries(now.fs)) {
    const was = start.fs[path];
    if (!was || !sameNode(was, node)) changed.push([path, node]);
  }
  for (const path of Object.keys(start.fs)) if (!(path in now.fs)) changed.push([path, null]);
  changed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rest: Partial<SimState> = { ...now, fs: {} };
  for (const field of ignore) rest[field] = 0;
  return JSON.stringify([rest, changed]);
}
