/**
 * Tests that need a tool of the machine (sshd, sudo, promtool, …) skip
 * without it, but never quietly (issue 19): each skip leaves its reason for
 * the skip-guard reporter (test/reporters/skip-guard.ts), which prints one
 * line after the run, and under CI=true fails it.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where skips leave their reasons: JAILFLEET_SKIPS_DIR (a run of its own, e.g. skip-guard's test), else test-results/skips. */
export function skipsDir(): string {
  return process.env.JAILFLEET_SKIPS_DIR ?? resolve(import.meta.dirname, '../../test-results/skips');
}

/** True (skip) when `present` is false; `reason` says what is missing and how to install it. */
export function skipUnless(present: boolean, reason: string): boolean {
  if (present) return false;
  mkdirSync(skipsDir(), { recursive: true });
  appendFileSync(join(skipsDir(), `${process.pid}.txt`), `${reason}\n`);
  return true;
}
