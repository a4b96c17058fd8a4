/**
 * Temporary files are removed however a step ends (issue 12): sh runs the
 * EXIT trap on `exit` and at the end of a script, but not when a signal
 * kills it (SIGPIPE on output whose reader went away, SIGHUP under a pty
 * when the connection drops). A signal's trap runs its action and carries
 * on unless the action exits — hence `trap 'exit 128+N' SIG` beside the EXIT
 * trap, so the EXIT trap runs for those signals too. A step runs in its own
 * subshell, so its traps end with it.
 */
const SIGNAL_EXITS: Array<[string, number]> = [
  ['HUP', 129],
  ['INT', 130],
  ['PIPE', 141],
  ['TERM', 143],
];

/** Shell lines that run `action` (already shell text) when the step ends, by exit or by HUP, INT, PIPE or TERM. */
export function cleanupTraps(action: string): string[] {
  return [`trap ${action} EXIT`, ...SIGNAL_EXITS.map(([sig, code]) => `trap 'exit ${code}' ${sig}`)];
}
