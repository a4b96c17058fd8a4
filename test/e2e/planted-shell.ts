/**
 * A jail root's own /bin/sh, for the upgrade tests against a hostile tree
 * (jail-thin-hostile, jail-thick-hostile, the upgrade fault matrices). The
 * upgrade runs code of the tree as the command of a transient jail on it
 * (`/bin/sh -c SCRIPT`); this shell, run with a script that matches `when`
 * (a case(1) pattern), notes the run in the jail's /var/db/planted and
 * starts cron — rc.subr's daemon, which stays when the shell ends — then
 * hands over to the stock shell at `realSh` (as the jail sees it). A jail
 * without persist lives until its last process exits (jail(8) persist), so
 * the transient jail stays unless the step removes it.
 */
function plantedShell(realSh: string, when: string): string {
  return `#!/bin/sh\ncase $2 in ${when}) echo ran >> /var/db/planted; service cron onestart >/dev/null 2>&1 ;; esac\nexec ${realSh} "$@"\n`;
}

/** The script that calls freebsd-update (freebsd-update-jailed.ts: both the download's and the install's). */
export const FREEBSD_UPDATE_RUN = '*freebsd-update*';
/** The script a thin jail's etcupdate steps start with (etcupdate-jailed.ts: the tarball in from stdin, then exec). */
export const ETCUPDATE_RUN = `*'exec "$@"'*`;

/**
 * Host lines (what the jail's root can do from inside; written at the same
 * place from the host) that put the planted shell at ROOT/BIN/sh, the stock
 * one moved to ROOT/var/db/real/sh: a thick jail, whose bin is its own.
 */
export function plantSetAside(root: string, bin: string, when: string): string {
  return `mkdir ${root}/var/db/real && mv ${root}${bin}/sh ${root}/var/db/real/ && cat > ${root}${bin}/sh <<'EOF'\n${plantedShell('/var/db/real/sh', when)}EOF\nchmod 755 ${root}${bin}/sh`;
}

/**
 * Host lines that make a thin jail's bin (a link to its release's, mounted
 * at /.jailfleet-base) a directory of links of its own, with the planted
 * shell as sh.
 */
export function plantInLinkedBin(root: string, release: string, when: string): string {
  return [
    `mkdir ${root}/bin.own || exit 1`,
    `for f in /usr/local/jailfleet/releases/${release}/bin/*; do ln -s "/.jailfleet-base/bin/\${f##*/}" "${root}/bin.own/\${f##*/}" || exit 1; done`,
    `rm ${root}/bin.own/sh && cat > ${root}/bin.own/sh <<'EOF'\n${plantedShell('/.jailfleet-base/bin/sh', when)}EOF`,
    `chmod 755 ${root}/bin.own/sh && rm ${root}/bin && mv ${root}/bin.own ${root}/bin`,
  ].join('\n');
}
