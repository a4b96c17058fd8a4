/**
 * Every `sysrc -f PATH -n NAME` fact of one file (on the host or in one
 * jail) in one sysrc run (issue 17): sysrc is a shell script that starts
 * many processes each time it runs. Split back into what each name's own
 * `sysrc -n` prints, so parseRcValue sees the same text.
 *
 * With several names, FreeBSD's sysrc (usr.sbin/sysrc/sysrc, the query
 * loop) handles each on its own: an unknown one gets
 * `f_err "%s: unknown variable '%s'\n"` (on stdout in older versions) and
 * exit status 1 at the end, a known one `echo "${SHOW_NAME:+$NAME$SEP}$(
 * f_sysrc_get "$NAME" )${SHOW_EQUALS:+\"}"` — with -e, `NAME="VALUE"`. The
 * name opens each record, so a value of several lines stays whole; `-n`
 * alone would print the values one after the other with nothing to tell
 * where one ends. The value is the same `$( f_sysrc_get NAME )` as `-n`
 * prints, with the same "\n" after it.
 */
import { command } from '../../shell/quote.js';
import type { FactBatch, FactOutput } from '../types.js';

/** rc.conf variable names (sh variable names): no `=` to make sysrc assign, no quote or newline to split a record. */
export function batchableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

const unknownLine = (name: string): string => `sysrc: unknown variable '${name}'\n`;

export function sysrcBatchCommand(prefix: string[], names: string[]): string {
  return command(...prefix, '-e', ...names);
}

/** Each name's `sysrc -n` output, in the names' order. */
export function splitSysrcBatch(out: FactOutput, names: string[]): FactOutput[] {
  // Older sysrc printed the unknown-variable message on stdout: out of the records, kept for its name.
  const unknownOnStdout = new Set(names.filter((n) => out.stdout.includes(unknownLine(n))));
  let stdout = out.stdout;
  for (const n of unknownOnStdout) stdout = stdout.replace(unknownLine(n), '');
  const unknown = new Set(names.filter((n) => unknownOnStdout.has(n) || out.stderr.includes(unknownLine(n))));
  const known = names.filter((n) => !unknown.has(n));
  const values = new Map<string, string>();
  let pos = 0;
  known.forEach((name, k) => {
    const open = `${name}="`;
    if (pos < 0 || !stdout.startsWith(open, pos)) {
      pos = -1;
      return;
    }
    const next = known[k + 1];
    const end = next === undefined ? stdout.length : stdout.indexOf(`\n${next}="`, pos) + 1;
    const record = stdout.slice(pos, end > 0 ? end : stdout.length);
    if (!record.endsWith('"\n') || record.length < open.length + 2) {
      pos = -1;
      return;
    }
    values.set(name, record.slice(open.length, -2));
    pos = end > 0 ? end : stdout.length;
  });
  // Records must account for all of stdout: anything else is not what this split expects. Such a name gets the
  // output without the other names' messages, failed, so that its parser rejects it, naming the fact.
  const whole = pos === stdout.length;
  let stderr = out.stderr;
  for (const n of unknown) stderr = stderr.replace(unknownLine(n), '');
  const failed: FactOutput = { stdout, stderr: `${stderr}jailfleet: no value of this name in the output of sysrc -e\n`, code: out.code === 0 ? 1 : out.code };
  return names.map((name): FactOutput => {
    if (unknown.has(name)) {
      const line = unknownLine(name);
      return unknownOnStdout.has(name) ? { stdout: line, stderr: '', code: 1 } : { stdout: '', stderr: line, code: 1 };
    }
    const value = values.get(name);
    if (!whole || value === undefined) return failed;
    return { stdout: `${value}\n`, stderr: '', code: 0 };
  });
}

/** The batch of `sysrc [-j JAIL] -f PATH -n NAME`: one per jail and file. */
export function sysrcBatch(prefix: string[], name: string): FactBatch | undefined {
  if (!batchableName(name)) return undefined;
  return {
    kind: `sysrc\0${prefix.join('\0')}`,
    member: name,
    command: (names) => sysrcBatchCommand(prefix, names),
    split: splitSysrcBatch,
  };
}
