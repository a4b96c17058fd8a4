/** One table for every command (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  failed: 1,
  changesPending: 2,
  unreachable: 3,
  invalidInput: 4,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

import type { RunSummary } from '../engine/run.js';

/**
 * Interrupted outranks everything; a failed task or a stopped rollout
 * outranks an unreachable host (both are reported in the recap); pending
 * changes only matter when nothing failed.
 */
export function exitCodeFor(summary: RunSummary, check: boolean): ExitCode {
  if (summary.interrupted) return EXIT.interrupted;
  const stats = Object.values(summary.hosts);
  // A rollout stopped by failed or unreachable hosts (max_fail_percentage) is a failure.
  if (summary.stopped !== undefined || stats.some((s) => s.failed > 0)) return EXIT.failed;
  if (stats.some((s) => s.unreachable > 0)) return EXIT.unreachable;
  if (check && stats.some((s) => s.changed > 0)) return EXIT.changesPending;
  return EXIT.ok;
}
