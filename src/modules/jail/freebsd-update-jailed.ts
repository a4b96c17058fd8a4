/**
 * A thick jail's freebsd-update(8) run confined to its tree, never by the
 * host's root with -b on it. The tree is the jail's root user's, who may be
 * hostile and may plant symbolic links before the jail is stopped for the
 * upgrade: with `-b ROOT` every path freebsd-update builds (ROOT/etc/...,
 * ROOT/bin/...) is looked up from the host's root, so a link ROOT/bin ->
 * /some/host/dir has install_from_index() install the new release's files
 * into the host's directory, and one like ROOT/etc/ssh -> /etc/ssh has the
 * fetch phase read host files: fetch_files_prepare copies present files into
 * the work directory and upgrade_merge() three-way merges the "current
 * version" of each /etc file with the two releases' (freebsd-update.sh), so
 * the host's text would be installed into the jail's etc — fetching on the
 * host into a work directory outside the tree and installing confined is
 * not safe either. Both steps are the command of a transient jail on the
 * same path instead (jail(8): path is "the directory which is to be the
 * root of the jail"), so the kernel resolves every link inside the tree.
 *
 * - What runs is the jail's own /usr/sbin/freebsd-update (or whatever its
 *   root put there), as root in the jail, without -b: BASEDIR is the jail's
 *   "/". Confined, it can do no more than the jail's root already can.
 * - The network: `upgrade` downloads, so its jail has the jail's own
 *   addresses (ip4.addr as its jail.conf has them; jail(8) adds an
 *   "iface|addr" alias for the step) — exactly what the jail's code has when
 *   it runs, not `ip4=inherit`, which would give code its root controls every
 *   address of the host, its loopback included. A jail with no address of
 *   its own (vnet, whose stack jail(8) cannot build for a bare command jail,
 *   or no ip4) is refused by planUpgrade. `install` needs no network:
 *   ip4=disable ip6=disable. A process the tree's code leaves behind keeps
 *   a command jail alive after its command, with that network: each
 *   transient jail has a name and is removed after its command
 *   (transient-jail.ts).
 * - The work directory (-d) is freebsd-update's default inside the jail,
 *   its /var/db/freebsd-update (ROOT/var/db/freebsd-update): the fetched
 *   files and the pending install stay in the tree between the two steps,
 *   not in a host directory nullfs-mounted into the jail (install writes
 *   its markers there, so it could not be read-only, and a writable host
 *   directory is a way out). The jail's root can tamper with it only to
 *   change what is installed into its own tree.
 * - devfs is mounted for each step (mount.devfs: /dev/null for its quiet
 *   output); check_path() refuses that mount point when it is a link
 *   (usr.sbin/jail/command.c). A command jail leaves its mounts and aliases
 *   behind when it dies (only `jail -r` undoes them): the clean-up unmounts
 *   ROOT/dev unless it is a link (umount(8) resolves a name that is no
 *   mount point: umount.c checkname) and removes the aliases, before a
 *   rollback (zfs rollback unmounts the dataset) and at the end.
 * - The check that the install took (USERLAND_VERSION of bin/freebsd-version,
 *   read with sed, never run) is made in the install's jail as well: read on
 *   the host, ROOT/bin/freebsd-version follows the jail root's links.
 */
import { quote } from '../../shell/quote.js';
import { cleanupTraps } from '../file-edit/cleanup-trap.js';
import { PlanError } from '../plan-error.js';
import type { PlanParts } from '../plan-parts.js';
import { pathScope } from '../scopes.js';
import { formatIp4Entry, type JailArgs } from './args.js';
import { zfsChanges } from './root-tree.js';
import { afterMarker, transientJailCleanup, transientJailLine, transientJailName, unmountUnlessLink } from './transient-jail.js';
import { rollbackLines } from './snapshot.js';

const FETCHED = 'jailfleet: freebsd-update fetched';
const INSTALLED = 'jailfleet: freebsd-update installed';

/**
 * `upgrade`, answering its "Does this look reasonable (y/n)?" with y. Ends 0
 * whatever happened (a failing command makes jail(8) print the whole command
 * line), saying FETCHED last when it worked. Arguments: the two releases.
 */
const FETCH_SCRIPT = `if echo y | PAGER=cat freebsd-update --currently-running "$1" -r "$2" upgrade; then echo '${FETCHED}'; fi`;

/**
 * `install` until it stops asking to be run again — one pass installs the
 * kernel part (none in a jail), the next the world, a third (a new major
 * version) removes old libraries (freebsd-update.sh install_files()) — then
 * the check of bin/freebsd-version; INSTALLED last when both worked.
 * freebsd-update's own status is not enough: install_from_index() does not
 * check install(1)'s, so a file it could not write is only a message on
 * stderr and the install still ends " done.". Arguments: the new release,
 * the jail's name, the host path of its freebsd-version (for the message).
 */
const INSTALL_SCRIPT = [
  'jf_to=$1 jf_n=$2 jf_path=$3',
  'for jf_pass in 1 2 3; do',
  `  jf_out=$(PAGER=cat freebsd-update install) || { printf '%s\\n' "$jf_out" >&2; exit 0; }`,
  `  printf '%s\\n' "$jf_out"`,
  `  case $jf_out in *"install' again"*) continue ;; esac`,
  `  jf_v=$(sed -n 's/^USERLAND_VERSION="\\([^"]*\\)"$/\\1/p' /bin/freebsd-version 2>/dev/null)`,
  `  case $jf_v in "$jf_to"|"$jf_to"-p*) echo '${INSTALLED}'; exit 0 ;; esac`,
  `  printf 'jail %s: the upgrade to %s did not take: %s says USERLAND_VERSION="%s" after freebsd-update install\\n' "$jf_n" "$jf_to" "$jf_path" "$jf_v" >&2`,
  '  exit 0',
  'done',
  `printf 'jail %s: freebsd-update install still unfinished after 3 passes\\n' "$jf_n" >&2`,
].join('\n');

/** The jail's own addresses for the fetch; refused when it has none a command jail can use. */
function fetchAddresses(a: JailArgs): string {
  if (a.vnet !== undefined || !a.ip4.length) {
    throw new PlanError(
      `jail ${a.name}: a thick jail's upgrade downloads from inside a transient jail with the jail's own ip4 addresses, and this one has none (network: vnet, or no ip4): upgrade its tree by hand`,
    );
  }
  return `ip4.addr=${quote(a.ip4.map(formatIp4Entry).join(','))}`;
}

/** Lines that run `script` (with its arguments, already quoted) in a transient jail on the tree, its output in jf_out. */
function jailedLine(a: JailArgs, net: string, script: string, args: string): string {
  return `jf_up=1; ${transientJailLine(transientJailName(a.name), a.path, `${net} mount.devfs`, `/bin/sh -c ${quote(script)} sh ${args}`, 'jf_fail')}`;
}

/**
 * With a snapshot taken before (snapshot.ts), a failed step rolls the tree
 * back to it and, for a jail meant to run, starts it again on the old
 * release (the plan stopped it for the upgrade).
 */
export function freebsdUpdateStep(a: JailArgs, from: string, to: string, rollback: boolean): PlanParts['steps'][number] {
  const n = quote(a.name);
  const net = fetchAddresses(a);
  const restart = rollback && a.state === 'running' ? [`service jail onestart ${n}`] : [];
  const dev = quote(`${a.path}/dev`);
  const aliases = a.ip4.filter((e) => e.iface !== undefined).map((e) => `ifconfig ${quote(e.iface ?? '')} inet ${quote(e.addr)} -alias 2>/dev/null`);
  return {
    title: `freebsd-update ${a.path} ${from} -> ${to}`,
    command: [
      // Once per transient jail (jf_up): after a rollback's restart, the jail's own devfs and alias are no longer ours.
      // The transient jail goes first: a process left in it would keep its devfs busy (and a signal may end the step before its removal).
      'jf_up=',
      `jf_clean() { [ -n "$jf_up" ] || return 0; jf_up=; ${transientJailCleanup(transientJailName(a.name))}; ${unmountUnlessLink(dev)}; ${[...aliases, 'true'].join('; ')}; }`,
      ...(rollback ? ['jf_fail() {', '  jf_clean', ...rollbackLines(a, restart).map((l) => `  ${l}`), '  exit 1', '}'] : ['jf_fail() { jf_clean; exit 1; }']),
      ...cleanupTraps('jf_clean'),
      jailedLine(a, `${net} ip6=disable`, FETCH_SCRIPT, `${quote(from)} ${quote(to)}`),
      afterMarker(FETCHED, '', `printf '%s\\n' "$jf_out"; jf_fail`),
      'jf_clean',
      jailedLine(a, 'ip4=disable ip6=disable', INSTALL_SCRIPT, `${quote(to)} ${n} ${quote(`${a.path}/bin/freebsd-version`)}`),
      afterMarker(INSTALLED, 'exit 0'),
      `printf '%s\\n' "$jf_out"`,
      'jf_fail',
    ].join('\n'),
    // The tree (freebsd-update's work directory is in it); a rollback, the
    // dataset, and a restart after it whatever the jail's conf reaches (run-scopes.ts).
    changes: restart.length ? undefined : rollback && a.dataset !== undefined ? zfsChanges(a.dataset) : [pathScope(a.path)],
  };
}
