/**
 * Shell lines for running a step confined to a jail's tree as the command of
 * a transient jail on its path (thin jails' etcupdate, thick jails'
 * freebsd-update: etcupdate-jailed.ts, freebsd-update-jailed.ts). The tree
 * is the jail root's, who may be hostile: what runs inside sees every link
 * resolved inside the tree, and what the host runs after it must not follow
 * a link there either.
 */
import { quote } from '../../shell/quote.js';

/**
 * jf_out set to the output of `command` (words, already quoted) run in a
 * transient jail on `path` with jail(8) `params`, its stdin from the host
 * file `stdin` when given; when jail(8) or the command fails, jf_out is
 * printed on stderr and `onFail` runs.
 */
export function transientJailLine(path: string, params: string, command: string, onFail: string, stdin?: string): string {
  const input = stdin === undefined ? '' : ` < ${quote(stdin)}`;
  return `jf_out=$(jail -c path=${quote(path)} ${params} command=${command}${input}) || { printf '%s\\n' "$jf_out" >&2; ${onFail}; }`;
}

/**
 * Unmount a mount point (quoted) that jail(8) made for a transient jail and
 * left behind (only `jail -r` undoes a command jail's mounts) — never
 * through a link the jail's root put there: umount(8) resolves a name that
 * is no mount point (umount.c checkname, statfs), so `umount ROOT/dev` with
 * dev -> /dev would unmount the host's /dev. A mount point cannot be
 * replaced while mounted, and when jail(8) mounted nothing no process of
 * the jail runs to race this.
 */
export function unmountUnlessLink(mountPoint: string): string {
  return `[ -L ${mountPoint} ] || umount ${mountPoint} 2>/dev/null`;
}

/**
 * The confined command prints `marker` last when it worked (it ends 0
 * whatever happened: a failing command makes jail(8) print the whole
 * command line): print what came before the marker and run `then`; without
 * the marker, run `otherwise` (if given).
 */
export function afterMarker(marker: string, then: string, otherwise?: string): string {
  const m = quote(marker);
  return `case $jf_out in *${m}) printf '%s' "\${jf_out%${m}}"${then ? `; ${then}` : ''} ;;${otherwise === undefined ? '' : ` *) ${otherwise} ;;`} esac`;
}
