/**
 * What dash and the simulated shell must agree on, and how a difference is
 * shown: stdout, stderr and the exit status, with the shell's name prefix
 * taken off error messages — dash writes "sh: 12: x: not found" (its arg0
 * and line number, dash src/error.c exvwarning), FreeBSD's sh "sh: x: not
 * found" (bin/sh/error.c vwarning: the builtin's name, else arg0) — and
 * dash's own words for a redirection's ENOENT put as FreeBSD's: dash says
 * "cannot create F: Directory nonexistent" and "cannot open F: No such
 * file" (dash src/error.c errmsg, E_CREAT/E_OPEN), FreeBSD's sh
 * strerror(errno), "No such file or directory" (bin/sh/redir.c
 * openredirect).
 */
import type { ShellRun } from './dash-world.js';

/** arg0 and dash's line number; arg0 is the shell, or a stub script dash runs (/usr/local/bin/NAME). */
const SHELL_PREFIX = /^(?:-?sh|\/bin\/sh|dash|\/usr\/local\/bin\/\w+): (?:\d+: )?/gm;
const DASH_CREATE = /^(cannot create .*): Directory nonexistent$/gm;
const DASH_OPEN = /^(cannot open .*): No such file$/gm;

export function normalized(r: ShellRun): ShellRun {
  const stderr = r.stderr.replace(SHELL_PREFIX, '').replace(DASH_CREATE, '$1: No such file or directory').replace(DASH_OPEN, '$1: No such file or directory');
  return { stdout: r.stdout, stderr, code: r.code };
}

/** The names of `names` the script calls somewhere (as a word), for the report of a difference. */
export function namesUsed(script: string, names: readonly string[]): string[] {
  return names.filter((n) => new RegExp(`(^|[\\s;&|({\`$])${n}([\\s;&|)}\`]|$)`, 'm').test(script));
}

const SHOWN = 6000;

/** The report heading a difference: which script, which stubs it met, and the script itself. */
export function differenceReport(label: string, script: string, stubs: string[]): string {
  const text = script.length > SHOWN ? `${script.slice(0, SHOWN)}\n… (${script.length - SHOWN} more characters)` : script;
  return `dash and the simulated shell differ on ${label}\nstubbed: ${stubs.join(' ') || '(none)'}\n--- script ---\n${text}\n--- diff (- dash, + simulated) ---`;
}
