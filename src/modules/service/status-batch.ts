/**
 * Every `service NAME onestatus` fact of a host (or of one jail) in one part
 * (issue 17: each part is a subshell, a fork on the target, with its
 * framing). Each status runs as its own would, its stderr joined to its
 * stdout (the fact reads them together), and is followed by a line with its
 * exit status; the output is split back into what each one printed.
 */
import { command } from '../../shell/quote.js';
import type { FactBatch, FactOutput } from '../types.js';

const STATUS = '@@jailfleet-status:';

export function statusBatchCommand(prefix: string[], names: string[]): string {
  return `for jf_s in ${command(...names)}; do ${command(...prefix)} "$jf_s" onestatus 2>&1; printf '\\n${STATUS}%s\\n' "$?"; done`;
}

/**
 * Each name's output and status, in the names' order. Output of any other
 * shape (a status line missing or out of place) gives every name a failed
 * output that says so: serviceStatusFact reads it as unknown, never as
 * running or stopped.
 */
export function splitStatusBatch(out: FactOutput, names: string[]): FactOutput[] {
  const results: FactOutput[] = [];
  let pos = 0;
  for (let i = 0; i < names.length; i++) {
    const at = out.stdout.indexOf(`\n${STATUS}`, pos);
    const end = at < 0 ? -1 : out.stdout.indexOf('\n', at + 1 + STATUS.length);
    const digits = end < 0 ? '' : out.stdout.slice(at + 1 + STATUS.length, end);
    if (!/^[0-9]+$/.test(digits)) break;
    results.push({ stdout: out.stdout.slice(pos, at), stderr: '', code: Number(digits) });
    pos = end + 1;
  }
  if (out.code === 0 && results.length === names.length && pos === out.stdout.length) return results;
  const failed: FactOutput = { stdout: '', stderr: `${out.stderr}jailfleet: no status of this service in the output of the onestatus batch\n`, code: out.code > 0 ? out.code : 2 };
  return names.map(() => failed);
}

/** The batch of `service [-j JAIL] NAME onestatus`: one per jail (none: the host). */
export function statusBatch(prefix: string[], name: string): FactBatch {
  return { kind: `service\0${prefix.join('\0')}`, member: name, command: (names) => statusBatchCommand(prefix, names), split: splitStatusBatch };
}
