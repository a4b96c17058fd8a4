/**
 * The one-character codes the report's grid uses for a host in a pass, with
 * their colours and labels. One character per cell keeps a row of 200
 * passes a 200-byte string in the page (issue 14: 1,000 hosts × 200 passes).
 */
import type { HostOutcome, PassStatus, TaskOutcome } from './history-schema.js';

export const HOST_CODE: Readonly<Record<HostOutcome, string>> = {
  ok: 'o',
  drifted: 'd',
  repaired: 'r',
  failed: 'f',
  unreachable: 'u',
  busy: 'b',
};

/**
 * A cell with no host result says why: the tick was skipped or missed (no
 * pass ran), the pass was interrupted or is still running before it reached
 * the host, or the host simply was not in that pass.
 */
export const NO_RESULT_CODE: Readonly<Record<PassStatus, string>> = {
  done: '.',
  running: 'w',
  interrupted: 'i',
  skipped: 's',
  missed: 'm',
};

export const TASK_CODE: Readonly<Record<TaskOutcome, string>> = {
  ok: 'o',
  drifted: 'd',
  repaired: 'r',
  failed: 'f',
  skipped: 's',
};

export interface CodeStyle {
  label: string;
  color: string;
}

/**
 * Ok is muted so that drift and failures stand out in a mostly-ok fleet;
 * the no-pass codes are greys, interrupted and running are tinted.
 */
export const CELL_STYLES: Readonly<Record<string, CodeStyle>> = {
  o: { label: 'ok', color: '#9fd4a3' },
  d: { label: 'drifted', color: '#f2a900' },
  r: { label: 'repaired', color: '#2f6fdb' },
  f: { label: 'failed', color: '#d1253a' },
  u: { label: 'unreachable', color: '#6a2c91' },
  b: { label: 'busy', color: '#7d8ba1' },
  '.': { label: 'no result', color: '#f3f4f6' },
  s: { label: 'skipped tick', color: '#d4d4d8' },
  m: { label: 'missed tick', color: '#a1a1aa' },
  i: { label: 'interrupted', color: '#f4c7c0' },
  w: { label: 'running', color: '#c7d7fb' },
};

/** Legend order: host outcomes first, then the cells where no result was recorded. */
export const CELL_CODES: readonly string[] = ['o', 'd', 'r', 'f', 'u', 'b', 'i', 's', 'm', 'w', '.'];
