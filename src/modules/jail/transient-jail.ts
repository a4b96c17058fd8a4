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
 * The transient jail's name for the jail named `jail`. A command jail has a
 * name of its own so that the step can find it again and remove it (below):
 * unnamed, the kernel names it by its jid, which no later command knows. The
 * "+" is in no name jailfleet accepts for a jail (args.ts jailName: letters,
 * digits, "_" and "-"), so it never names a configured jail; there is no
 * "." (jail(8) name: "an arbitrary string that identifies a jail (except it
 * may not contain a '.')", a dot making a hierarchical name) and it is not
 * all digits (jls -j and jail -R would take it for a jid: state.c
 * running_jid()).
 */
export function transientJailName(jail: string): string {
  return `jailfleet-upgrade+${jail}`;
}

/**
 * A shell test, true once no jail named `name` runs: one that does is
 * removed first. A command jail dies with its last process (jail(8)
 * persist: "a command is run as part of jail creation, and then the jail is
 * destroyed as its last process exits"), so it outlives its command when code
 * from the tree left a process behind — with the transient jail's network,
 * mounts and root. `jail -R` removes it (jail(8): -R "removes an existing
 * jail without using the configuration file. No removal-related parameters
 * for this jail will be used — the jail will simply be removed"; -r: "All
 * jailed processes are killed"; "The -r and -R options can also remove
 * running jails that aren't in the jail.conf(5) file, specified by name"),
 * not -r, which reads /etc/jail.conf when it exists (jail.c main(): docf =
 * !Rflag && stat(cfname) == 0; load_config() exits 1 on a file that does not
 * parse) and would run a block of that name's exec.prestop and exec.stop:
 * neither has a part in removing a command jail. jail.c knows a jail not in
 * its config only by name and jid (state.c start_state(): "Allow -[rR] to
 * specify a currently running jail"), so it runs just IP__OP, jail_remove(2),
 * and says nothing (note_remove: no config, one jail, no wildcard); the
 * command jail's mounts and aliases stay for the step's clean-up, which runs
 * after this (a process left in the jail would keep ROOT/dev busy). jls -j
 * finds no dying jail (jls(8): -d "List dying as well as active jails"): its
 * processes are gone; should it still hold the name, the next jail -c fails
 * the step before anything runs.
 */
export function transientJailGone(name: string): string {
  const n = quote(name);
  return `{ ! jls -j ${n} >/dev/null 2>&1 || { jail -R ${n}; ! jls -j ${n} >/dev/null 2>&1; }; }`;
}

/**
 * What a step's clean-up runs for its transient jail (on every exit, by
 * its traps): the jail removed if it still runs, then the file that took
 * its output.
 */
export function transientJailCleanup(name: string): string {
  return `${transientJailGone(name)}; [ -z "$jf_o" ] || rm -f "$jf_o"`;
}

/**
 * jf_out set to the output of `command` (words, already quoted) run in a
 * transient jail named `name` on `path` with jail(8) `params`, its stdin
 * from the host file `stdin` when given; when jail(8) or the command fails,
 * jf_out is printed on stderr and `onFail` runs. A jail of that name left by
 * an interrupted run is removed first (jail -c would refuse the name: "already
 * exists"), and the transient jail after its command, whatever it did; one
 * that cannot be removed fails the step. The output goes to a host file
 * (mktemp(1) in /tmp, not in the tree), not through a pipe: a process the
 * command left holding its stdout would keep `$(jail ...)` waiting for the
 * end of the pipe, and the step from ever reaching the removal; jail(8)
 * itself returns once the command has (command.c: it waits for the
 * processes it started).
 */
export function transientJailLine(name: string, path: string, params: string, command: string, onFail: string, stdin?: string): string {
  const input = stdin === undefined ? '' : ` < ${quote(stdin)}`;
  const stuck = `printf 'jail(8) -R could not remove the transient jail %s\\n' ${quote(name)} >&2`;
  return [
    `${transientJailGone(name)} || { ${stuck}; ${onFail}; }`,
    `jf_o=$(mktemp /tmp/jailfleet-transient.XXXXXX) || ${onFail}`,
    `jf_rc=0; jail -c ${quote(`name=${name}`)} path=${quote(path)} ${params} command=${command}${input} > "$jf_o" || jf_rc=1`,
    `${transientJailGone(name)} || { ${stuck}; jf_rc=1; }`,
    'jf_out=$(cat "$jf_o"); rm -f "$jf_o"',
    `[ "$jf_rc" = 0 ] || { printf '%s\\n' "$jf_out" >&2; ${onFail}; }`,
  ].join('\n');
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
