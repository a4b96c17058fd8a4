/**
 * A copy of a simulated host's state, for the fault matrices' cut runs (one
 * per drop point, each from the same start). Node records hold only
 * primitive fields, so a spread copies each whole, at a fraction of
 * structuredClone's cost over the hundreds of nodes a host holds; the few
 * other fields go through structuredClone. Hard-linked paths share one node
 * object (fs.ts), which only structuredClone keeps: a state with one is
 * copied that way.
 */
import type { SimNode, SimState } from '../../src/sim/types.js';

export function cloneState(state: SimState): SimState {
  const fs: Record<string, SimNode> = {};
  for (const path in state.fs) {
    const node = state.fs[path]!;
    if (node.ino !== undefined) return structuredClone(state);
    fs[path] = { ...node };
  }
  return { ...structuredClone({ ...state, fs: {} }), fs };
}
