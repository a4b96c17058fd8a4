/**
 * The stand-ins for every command whose output depends on the host (FreeBSD
 * tools, file-touching utilities), the same text for dash and for the
 * simulated shell: what is left to compare is the shell language itself.
 *
 * Each stub prints its name and its arguments in brackets, then every line
 * it reads on stdin (`< line`; `<| rest` for a last line without newline,
 * so a writer into the pipe never sees it closed early), and exits with
 * the parity of its argument count — deterministic, and both branches of
 * `stub && a || b` get taken somewhere in the corpus. Two stubs act: lockf
 * runs its command (after its options and the lock file, lockf(1)); mktemp
 * prints a path made from its template, as mktemp(1) would, without
 * creating it.
 *
 * They are shell functions, put before each script, and the same text as
 * `#!/bin/sh` files in /usr/local/bin: `exec lockf`, `env`, `xargs` and
 * `/bin/sh -c` sub-shells find those, as they find the real programs.
 */

/** Utilities both worlds run for real: the session protocol reads rounds with them (head -c, cksum) and prints its log (cat). */
export const REAL_UTILITIES = ['sh', 'head', 'cat', 'cksum'] as const;

/** FreeBSD sh's own utilities (bin/sh/builtins.def) that the simulator keeps in its command table: builtins in dash too. */
export const SHELL_BUILTINS = ['echo', 'printf', 'test', '[', 'true', 'false'] as const;

/** Names a POSIX function may have (XCU 2.9.5: a name, XBD 3.235); anything else is left to be "not found" in both. */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The stubbed names: every command the simulated host knows, but the real ones. */
export function stubNames(commandTable: readonly string[]): string[] {
  const kept = new Set<string>([...REAL_UTILITIES, ...SHELL_BUILTINS]);
  return [...new Set(commandTable)].filter((n) => FUNCTION_NAME.test(n) && !kept.has(n)).sort();
}

const RECORD = (name: string): string => `printf '%s' ${name}; printf ' [%s]' "$@"; printf '\\n'`;
const DRAIN = "while IFS= read -r jf_stub_l; do printf '< %s\\n' \"$jf_stub_l\"; done; [ -z \"$jf_stub_l\" ] || printf '<| %s\\n' \"$jf_stub_l\"";
const LOCKF_RUN = 'while [ "$#" -gt 0 ]; do case $1 in -t|-w) shift 2 ;; -?*) shift ;; *) break ;; esac; done; [ "$#" -gt 0 ] && shift';
const MKTEMP_PATH = 'eval "jf_stub_t=\\${$#}"; printf \'%s\\n\' "${jf_stub_t%XXXXXX}STUB00"';

/** A stub's body, as a function's and as a script's. */
function body(name: string, leave: 'return' | 'exit'): string {
  if (name === 'lockf') return `${RECORD(name)}; ${LOCKF_RUN}; "$@"`;
  if (name === 'mktemp') return MKTEMP_PATH;
  return `${RECORD(name)}; ${DRAIN}; ${leave} $(($# % 2))`;
}

/** Shell function definitions of every stub, one a line. */
export function stubPrelude(names: readonly string[]): string {
  return names.map((n) => `${n}() { ${body(n, 'return')}; }\n`).join('');
}

/** The stub as an executable script (/usr/local/bin/NAME). */
export function stubScript(name: string): string {
  const last = name === 'lockf' ? 'exec "$@"' : '';
  return `#!/bin/sh\n# test stub: ${name}\n${name === 'lockf' ? `${RECORD(name)}; ${LOCKF_RUN}` : body(name, 'exit')}\n${last}`;
}
