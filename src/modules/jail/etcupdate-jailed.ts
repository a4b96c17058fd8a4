/**
 * etcupdate(8) run confined to a thin jail's tree, never by the host's root
 * on it. The tree is the jail's root user's, who may be hostile: with -D, a
 * tool on the host resolves a symbolic link in it against the host's root
 * (etc/rc.conf -> /etc/master.passwd, etc/ssh -> /etc/ssh, var/db ->
 * /var/db), so `etcupdate -D ROOT` would read host files into the jail's
 * merge and conflicts and write through such links. Run as the command of a
 * transient jail on the same path instead, every lookup is the kernel's
 * inside that root: an absolute target and ".." stay in it (jail(8): "path:
 * the directory which is to be the root of the jail"). A jail created with
 * `command` and without `persist` goes away with its last process, not with
 * the command: one the tree's code left behind would keep it, so the
 * transient jail has a name and is removed after (transient-jail.ts).
 *
 * What it runs is the jail's own /usr/sbin/etcupdate — the release's
 * read-only base (nullfs) — or whatever its root put there: either way
 * confined, with no address (ip4/ip6 disable) and the default
 * enforce_statfs and devfs ruleset, so it can do no more than the jail's
 * root can already. While the jail runs, its base and devfs are mounted; a
 * stopped jail's are mounted by jail(8) for the step (`mount`, `mount.devfs`,
 * whose mount points check_path() refuses when a symbolic link is in the
 * way) and unmounted after — not etcupdate -D from the host after checking
 * the tree for links: stock FreeBSD etc holds links of its own
 * (etc/termcap -> /usr/share/misc/termcap), and every path etcupdate
 * touches (var, var/db, root...) would have to be checked, not only etc.
 *
 * The release's tarball goes in on the transient jail's stdin (jail(8)
 * hands `command` its own stdin) and is written by the jailed side into a
 * directory mktemp(1) makes directly under ROOT (mkdir(2) never follows its
 * last component, and ROOT itself is the host's); the directory is removed
 * after (rm -rf does not follow links: rm.c fts_open(FTS_PHYSICAL)). So the
 * host never writes through a name in the tree: a running jail's root that
 * replaces the new directory by a link meanwhile only redirects the write
 * within its own tree. It may swap the copy too; it then only merges what it
 * chose into its own etc, which it may edit anyway.
 */
import { quote } from '../../shell/quote.js';
import { cleanupTraps } from '../file-edit/cleanup-trap.js';
import type { JailArgs } from './args.js';
import { BASE_MOUNT, releaseDir } from './thin-layout.js';
import { transientJailCleanup, transientJailLine, transientJailName, unmountUnlessLink } from './transient-jail.js';

/** Where the tarball copy lives, as the jail sees it (set by jailedRunLines): an absolute path. */
export const JAILED_TARBALL = '"/${jf_d##*/}/etcupdate.tbz"';

/** Run in the transient jail before the step's command: the tarball from stdin into its place ($1), then the command. */
const RECEIVE = 'cat > "$1" || exit 1; shift; exec "$@"';

/**
 * Host lines that set jf_out to the output of `command` (words, already
 * quoted) run in a transient jail on the tree, with `tarball` written in
 * first by the jail itself; a failure of jail(8) or of the command prints
 * jf_out and exits 1. No process of the transient jail outlives the lines
 * (transient-jail.ts).
 * `running`: the jail runs (its base is mounted); else `release`'s base is
 * mounted for the step.
 */
export function jailedRunLines(a: JailArgs, running: boolean, release: string, tarball: string, command: string): string[] {
  const mounts = running ? [] : [quote(`${a.path}/dev`), quote(`${a.path}/${BASE_MOUNT}`)];
  const name = transientJailName(a.name);
  // The mounts jail(8) made stay when a command jail dies; not there when its create failed.
  // The transient jail goes first (a signal may end the step before the removal after its command).
  const cleanup = [transientJailCleanup(name), 'rm -rf "$jf_d"', ...mounts.map(unmountUnlessLink)].join('; ');
  const params = running ? '' : ` ${quote(`mount=${releaseDir(release)} ${a.path}/${BASE_MOUNT} nullfs ro 0 0`)} mount.devfs`;
  return [
    `jf_d=$(mktemp -d ${quote(`${a.path}/.jailfleet-etcupdate.XXXXXX`)}) || exit 1`,
    ...cleanupTraps(quote(cleanup)),
    transientJailLine(name, a.path, `ip4=disable ip6=disable${params}`, `/bin/sh -c ${quote(RECEIVE)} sh ${JAILED_TARBALL} ${command}`, 'exit 1', tarball),
  ];
}
