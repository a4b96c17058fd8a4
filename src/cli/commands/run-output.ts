/**
 * What `jailfleet run` prints per host (README "Ad-hoc commands"): a block
 * per host as Ansible's ad-hoc output has it, or one JSON object per host
 * with --json, and the final summary. Every string passes the run's
 * redactor first.
 */
import type { Redactor } from '../../report/redact.js';

/** One host's outcome. */
export type HostOutcome =
  /** The command ran to its end: its exit status and output. */
  | { kind: 'done'; rc: number; stdout: string; stderr: string }
  /** The connection could not be made, or was lost (with what had arrived by then). */
  | { kind: 'unreachable'; message: string; partial?: { stdout: string; stderr: string } }
  /** The command did not end within --timeout, or could not be started on a reachable host. */
  | { kind: 'failed'; message: string }
  /** Never started: the run was interrupted first. */
  | { kind: 'not_run' };

export interface RunTally {
  ok: string[];
  failed: string[];
  unreachable: string[];
  notRun: string[];
}

export function tallyOutcomes(hosts: string[], outcomes: HostOutcome[]): RunTally {
  const tally: RunTally = { ok: [], failed: [], unreachable: [], notRun: [] };
  hosts.forEach((host, i) => {
    const o = outcomes[i]!;
    if (o.kind === 'done') (o.rc === 0 ? tally.ok : tally.failed).push(host);
    else if (o.kind === 'failed') tally.failed.push(host);
    else if (o.kind === 'unreachable') tally.unreachable.push(host);
    else tally.notRun.push(host);
  });
  return tally;
}

/** Text as printed: nothing when empty, else ending with a newline. */
function asLines(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** `HOST | rc=N >>` then stdout, then stderr; `HOST | UNREACHABLE! => why`; `HOST | FAILED! => why`. */
export function humanBlock(host: string, o: HostOutcome, redactor: Redactor): string {
  const r = (t: string): string => redactor.redact(t);
  switch (o.kind) {
    case 'done':
      return `${host} | rc=${o.rc} >>\n${r(asLines(o.stdout))}${r(asLines(o.stderr))}`;
    case 'unreachable':
      return `${host} | UNREACHABLE! => ${r(o.message)}\n${o.partial ? r(asLines(o.partial.stdout)) + r(asLines(o.partial.stderr)) : ''}`;
    case 'failed':
      return `${host} | FAILED! => ${r(o.message)}\n`;
    case 'not_run':
      return '';
  }
}

/** The --json object of one host, or undefined for a host never started (the summary names those). */
export function jsonResult(host: string, o: HostOutcome, redactor: Redactor): string | undefined {
  const r = (t: string): string => redactor.redact(t);
  let event: Record<string, unknown>;
  if (o.kind === 'done') event = { type: 'run_result', host, rc: o.rc, stdout: r(o.stdout), stderr: r(o.stderr) };
  else if (o.kind === 'unreachable') {
    event = { type: 'run_result', host, unreachable: r(o.message), ...(o.partial ? { stdout: r(o.partial.stdout), stderr: r(o.partial.stderr) } : {}) };
  } else if (o.kind === 'failed') event = { type: 'run_result', host, failed: r(o.message) };
  else return undefined;
  return `${redactor.redact(JSON.stringify(event))}\n`;
}

/** The --json summary, last, with the command's exit code (as apply's recap carries it). */
export function jsonSummary(tally: RunTally, interrupted: boolean, exitCode: number): string {
  const hosts = tally.ok.length + tally.failed.length + tally.unreachable.length + tally.notRun.length;
  const summary = { type: 'run_summary', hosts, ok: tally.ok, failed: tally.failed, unreachable: tally.unreachable, not_run: tally.notRun, interrupted, exit_code: exitCode };
  return `${JSON.stringify(summary)}\n`;
}

/** One line on stderr when not every host exited 0; undefined when all did. */
export function humanSummary(tally: RunTally): string | undefined {
  if (tally.failed.length + tally.unreachable.length + tally.notRun.length === 0) return undefined;
  const hosts = tally.ok.length + tally.failed.length + tally.unreachable.length + tally.notRun.length;
  const part = (n: string[], what: string): string[] => (n.length ? [`${n.length} ${what} (${n.join(', ')})`] : []);
  const parts = [`${tally.ok.length} ok`, ...part(tally.failed, 'failed'), ...part(tally.unreachable, 'unreachable'), ...part(tally.notRun, 'not run: interrupted')];
  return `run: ${hosts} host${hosts === 1 ? '' : 's'}: ${parts.join(', ')}\n`;
}
