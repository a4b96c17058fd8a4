/**
 * Every `test -e PATH` fact of a host in one part (issue 17: each part is a
 * subshell, a fork on the target, with its framing). `test` is a builtin
 * of FreeBSD's sh (bin/sh/builtins.def), so the batch itself forks nothing.
 * It prints one line: for each path, a space and the exit status its own
 * `test -e` would have had.
 */
import { command } from '../../shell/quote.js';
import type { FactBatch, FactOutput } from '../types.js';

export function existsBatchCommand(paths: string[]): string {
  return `jf_e=; for jf_p in ${command(...paths)}; do test -e "$jf_p"; jf_e="$jf_e $?"; done; printf '%s\\n' "$jf_e"`;
}

/**
 * Each path's `test -e` result, in the paths' order. Output of any other
 * shape fails every path with a status that is neither 0 nor 1, so that
 * existsFact's parser rejects it rather than take a path for absent.
 */
export function splitExistsBatch(out: FactOutput, paths: string[]): FactOutput[] {
  const statuses = out.stdout.endsWith('\n') ? out.stdout.slice(0, -1).split(' ').slice(1) : [];
  const whole = out.code === 0 && out.stdout.startsWith(' ') && statuses.length === paths.length && statuses.every((s) => /^[0-9]+$/.test(s));
  if (whole) return statuses.map((s): FactOutput => ({ stdout: '', stderr: '', code: Number(s) }));
  const failed: FactOutput = { stdout: out.stdout, stderr: `${out.stderr}jailfleet: no status of this path in the output of the test -e batch\n`, code: out.code > 1 ? out.code : 2 };
  return paths.map(() => failed);
}

export function existsBatch(path: string): FactBatch {
  return { kind: 'exists', member: path, command: existsBatchCommand, split: splitExistsBatch };
}
