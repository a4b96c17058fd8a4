/**
 * The verification step run after the restarts: `sockstat -4l` must show no
 * listed daemon on the wildcard or on a jail's address, and no host process
 * at all on a jail's address. Jailed processes (found with `sockstat -j` per
 * running jail) are exempt: a jail's own daemons belong on its address.
 * POSIX sh only (no awk on a minimal host); each offender is one line on
 * stderr, which the engine reports with the failed step.
 */
import { quote } from '../../shell/quote.js';

export interface VerifyTarget {
  /** Daemon name and its sockstat COMMAND. */
  daemons: Array<{ name: string; command: string }>;
  jailIps: string[];
}

/** A literal inside a `case` pattern: quoting turns off *, ? and [. */
function lit(s: string): string {
  return quote(s) === s ? s.replace(/[*?[\]]/g, '\\$&') : quote(s);
}

export function verifyCommand(t: VerifyTarget): string {
  const arms: string[] = [];
  for (const d of t.daemons) {
    const pats = [`${lit(d.command)}:\\*:*`, ...t.jailIps.map((ip) => `${lit(d.command)}:${lit(ip)}:*`)];
    arms.push(`    ${pats.join('|')}) printf '%s\\n' ${quote(`${d.name} (`)}"$c) still listens on $l" ;;`);
  }
  if (t.jailIps.length > 0) {
    const pats = t.jailIps.map((ip) => `*:${lit(ip)}:*`);
    arms.push(`    ${pats.join('|')}) printf '%s\\n' "$c (pid $p) listens on $l, an address of a jail on this host" ;;`);
  }
  return [
    `jf_jailed=$(for jf_j in $(jls jid); do sockstat -4lq -j "$jf_j" || exit 1; done | while read -r u c p rest; do printf ' %s ' "$p"; done)`,
    `jf_bad=$(sockstat -4lq | while read -r u c p fd proto l rest; do`,
    `  case "$jf_jailed" in *" $p "*) continue ;; esac`,
    `  case "$c:$l" in`,
    ...arms,
    `  esac`,
    `done)`,
    `[ -z "$jf_bad" ] || { printf '%s\\n' "$jf_bad" >&2; exit 1; }`,
  ].join('\n');
}
