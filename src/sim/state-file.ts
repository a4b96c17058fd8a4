/**
 * One JSON file per simulated host in the state directory. Saves are atomic
 * (temp file in the same directory, then rename) so a crash mid-run never
 * leaves a half-written host behind. The base system's command files are
 * stored by name (state-pack.ts).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readTextIfPresent } from '../read-text-if-present.js';
import { packState, unpackState, type PackedState } from './state-pack.js';
import type { SimState } from './types.js';

/** The saved state, or undefined when there is no file yet. */
export function loadState(path: string): SimState | undefined {
  const text = readTextIfPresent(path);
  if (text === undefined) return undefined;
  const packed = JSON.parse(text) as PackedState;
  if (packed.version !== 1) throw new Error(`${path}: unsupported simulator state version ${String(packed.version)}`);
  return unpackState(packed);
}

export function saveState(path: string, state: SimState): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(packState(state))}\n`, { mode: 0o600 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
