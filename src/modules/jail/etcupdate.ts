/**
 * A thin jail's etc merged into the new release's by etcupdate(8), as
 * Bastille's `etcupdate` subcommand does it (bastille etcupdate.sh:
 * `etcupdate build -d WORKDIR -s RELEASE/usr/src CACHE/RELEASE.tbz2`, then
 * `etcupdate -D JAILROOT -t CACHE/RELEASE.tbz2`):
 *  - per release, once per host, its src.txz is downloaded and verified
 *    against the MANIFEST (release-fetch.ts), extracted into a scratch
 *    directory of the cache, and `etcupdate build` makes the tarball
 *    RELEASES/RELEASE.etcupdate.tbz of its stock etc; the sources are removed
 *    again (a src tree is most of a GB on a real host);
 *  - the jail needs the stock etc of the release it runs as a baseline
 *    (WORKDIR/current, WORKDIR = ROOT/var/db/etcupdate). A release's
 *    base.txz carries one (the release build's "Bootstrap etcupdate(8)
 *    database": `etcupdate.sh extract -B ... -d DISTDIR/base/var/db/etcupdate`
 *    before the sets are packaged), so a jail whose var came from it has it;
 *    one without (the simulated base.txz has none) gets it from the old
 *    release's tarball with `etcupdate extract -t OLD.tbz`
 *    (etcupdate.sh extract_cmd: "This can be used to bootstrap updates by
 *    initializing the current "stock" tree to match the currently installed
 *    system");
 *  - every etcupdate step runs confined to the jail's tree, as the command
 *    of a transient jail on its path (etcupdate-jailed.ts), never as
 *    Bastille runs it, with -D from the host: the tree is the jail root's,
 *    and links it plants there would resolve against the host's root;
 *  - `etcupdate -t NEW.tbz` merges: a file the jail left stock is
 *    replaced ("  U"), one it edited is merged by diff3 ("  M"), one edited
 *    where the release changed it too conflicts ("  C"). etcupdate exits 0
 *    even then, leaving the conflicts in WORKDIR/conflicts (etcupdate
 *    status). A conflict fails the task: the jail's etc and WORKDIR, copied
 *    before, are put back, and since this runs before the jail is stopped
 *    and its fstab switched (plan.ts), the jail keeps running on its old
 *    release, as it was. Files the task's `files:` writes are the
 *    playbook's, written after the merge: etcupdate ignores them (-I PATH;
 *    a path with white space or glob characters cannot be one of its
 *    patterns and is merged like the rest). Only etc and WORKDIR are
 *    copied: etcupdate's trees of the simulated and the real releases are
 *    nearly all etc (the rest, root's dot files and var/crash/minfree, a
 *    release rarely changes).
 */
import { quote } from '../../shell/quote.js';
import { cleanupTraps } from '../file-edit/cleanup-trap.js';
import { existsFact } from '../command/facts.js';
import { emptyParts, mergeParts, type PlanParts } from '../plan-parts.js';
import { pathScope } from '../scopes.js';
import type { FactReader, FactSpec } from '../types.js';
import type { JailArgs } from './args.js';
import { downloadStep, releaseCacheDir } from './release-fetch.js';
import { JAILED_TARBALL, jailedRunLines } from './etcupdate-jailed.js';
import { findJail, jlsFact } from './jls-fact.js';
import { etcupdateTarball } from './thin-layout.js';
import { afterMarker } from './transient-jail.js';

/** etcupdate's WORKDIR for a jail root: ${WORKDIR:-$DESTDIR/var/db/etcupdate}. */
function workdir(root: string): string {
  return `${root}/var/db/etcupdate`;
}

export function baselineFact(root: string): FactSpec<boolean> {
  return existsFact(`${workdir(root)}/current`);
}

export function tarballFact(release: string): FactSpec<boolean> {
  return existsFact(etcupdateTarball(release));
}

/** The facts an upgrade to the playbook's release reads up front (the old release's tarball only when needed). */
export function etcupdateFacts(a: JailArgs): FactSpec[] {
  return a.type === 'thin' && a.upgrade && a.release !== undefined ? [tarballFact(a.release), baselineFact(a.path)] : [];
}

/** The release's etcupdate tarball, built once per host from its verified src.txz. */
function planTarball(name: string, mirror: string, release: string, facts: FactReader): PlanParts {
  const parts = emptyParts();
  const spec = tarballFact(release);
  if (facts.get(spec)) return parts;
  const tbz = etcupdateTarball(release);
  const work = `${releaseCacheDir(release)}/etcupdate-build`;
  const w = quote(work);
  parts.steps.push(downloadStep(name, mirror, release, 'src.txz'), {
    title: `build the etcupdate tarball of ${release}`,
    command: [
      ...cleanupTraps(`${quote(`rm -rf ${work} ${tbz}.part`)}`),
      // RELEASES_DIR is there: the tree of the release the jail runs, or the one just extracted.
      `rm -rf ${w} && mkdir -p ${quote(`${work}/src`)} || exit 1`,
      `tar -xf ${quote(`${releaseCacheDir(release)}/src.txz`)} -C ${quote(`${work}/src`)} || exit 1`,
      // etcupdate prints its failures on stdout; its own -d keeps the host's /var/db/etcupdate out of it.
      `jf_out=$(etcupdate build -d ${quote(`${work}/workdir`)} -s ${quote(`${work}/src/usr/src`)} ${quote(`${tbz}.part`)}) || { printf '%s\\n' "$jf_out" >&2; exit 1; }`,
      `mv -f ${quote(`${tbz}.part`)} ${quote(tbz)}`,
    ].join('\n'),
    changes: [pathScope(work), pathScope(tbz), pathScope(`${tbz}.part`)],
  });
  parts.updates.push({ spec, value: true });
  parts.notes.push(`etcupdate tarball of ${release} built into ${tbz}`);
  return parts;
}

/** WORKDIR/current from the old release's tarball, when the jail has none. */
function planBaseline(a: JailArgs, running: boolean, from: string, facts: FactReader): PlanParts {
  const spec = baselineFact(a.path);
  if (facts.get(spec)) return emptyParts();
  const parts = planTarball(a.name, a.mirror, from, facts);
  parts.steps.push({
    title: `etcupdate baseline of jail ${a.name}: ${from}`,
    command: jailedRunLines(a, running, from, etcupdateTarball(from), `/usr/sbin/etcupdate extract -t ${JAILED_TARBALL}`).join('\n'),
    changes: [pathScope(workdir(a.path))],
  });
  parts.updates.push({ spec, value: true });
  parts.notes.push(`jail ${a.name}: etcupdate baseline of ${from} extracted`);
  return parts;
}

/** `-I PATH` for each file the task writes whole (etcupdate.sh ignore(): `case $1 in $pattern)`, patterns split on white space). */
function ignored(a: JailArgs): string {
  return a.files
    .map((f) => f.path)
    .filter((p) => !/[\s*?[\]\\]/.test(p))
    .map((p) => ` -I ${quote(p)}`)
    .join('');
}

/**
 * The merge as the transient jail runs it (etcupdate-jailed.ts), with its
 * etc and WORKDIR copied before and put back when it conflicts or fails:
 * every path here is the jail's, resolved inside it — the copies too. Each
 * leaves a link in the tree it walks alone (bin/cp/cp.c: fts_options
 * FTS_PHYSICAL, changed only by -H/-L; bin/rm/rm.c rm_tree(): FTS_PHYSICAL;
 * mv's rename(2) renames the link), but run by the host on ROOT/etc or
 * ROOT/var/db/etcupdate, the directories above (var, db) and the named
 * directory itself for rm and mv would still be looked up from the host's
 * root: a `var/db -> /var/db` would have `rm -rf` remove the host's
 * /var/db/etcupdate. Arguments: the tarball, the jail's name, the
 * two releases, then etcupdate's -I options. It ends 0 whatever happened,
 * saying why on stderr, and prints MERGED last when the merge took: a
 * failing command makes jail(8) print the whole command line.
 */
const MERGED = 'jailfleet: etcupdate merged';
const MERGE_SCRIPT = [
  'jf_b=/var/db/jailfleet-etcupdate-backup jf_t=$1 jf_n=$2 jf_from=$3 jf_to=$4',
  'shift 4',
  `trap 'rm -rf "$jf_b"' EXIT`,
  'if ! { rm -rf "$jf_b" && mkdir -p "$jf_b" && cp -Rp /etc "$jf_b/etc" && cp -Rp /var/db/etcupdate "$jf_b/etcupdate"; }; then',
  `  printf 'jail %s: its etc could not be copied aside for etcupdate(8)\\n' "$jf_n" >&2`,
  '  exit 0',
  'fi',
  'jf_out=$(/usr/sbin/etcupdate -t "$jf_t" "$@"); jf_rc=$?',
  `[ -z "$jf_out" ] || printf '%s\\n' "$jf_out"`,
  // etcupdate exits 0 with conflicts; status lists them ("  C /etc/FILE"), one word each once joined.
  "jf_c=$(echo $(/usr/sbin/etcupdate status | sed -n 's/^  C //p'))",
  `if [ "$jf_rc" -eq 0 ] && [ -z "$jf_c" ]; then echo '${MERGED}'; exit 0; fi`,
  'if ! { rm -rf /etc /var/db/etcupdate && mv "$jf_b/etc" /etc && mv "$jf_b/etcupdate" /var/db/etcupdate; }; then',
  '  trap - EXIT',
  `  printf 'jail %s: etcupdate failed and its etc could not be put back: the copy is in %s in the jail\\n' "$jf_n" "$jf_b" >&2`,
  'elif [ -n "$jf_c" ]; then',
  `  printf 'jail %s: etcupdate(8) found conflicts merging %s into its etc: %s; its etc is left as it was and it stays on %s: merge those files by hand (etcupdate diff) and run again\\n' "$jf_n" "$jf_to" "$jf_c" "$jf_from" >&2`,
  'else',
  `  printf 'jail %s: etcupdate(8) failed (exit %s): %s\\n' "$jf_n" "$jf_rc" "$jf_out" >&2`,
  'fi',
].join('\n');

/** The merge in a transient jail on the jail's tree; the task fails unless it says MERGED. */
function mergeStep(a: JailArgs, running: boolean, from: string, to: string): PlanParts['steps'][number] {
  const backup = `${a.path}/var/db/jailfleet-etcupdate-backup`;
  const command = `/bin/sh -c ${quote(MERGE_SCRIPT)} sh ${JAILED_TARBALL} ${quote(a.name)} ${quote(from)} ${quote(to)}${ignored(a)}`;
  return {
    title: `etcupdate jail ${a.name}: ${from} -> ${to}`,
    command: [
      ...jailedRunLines(a, running, from, etcupdateTarball(to), command),
      afterMarker(MERGED, 'exit 0'),
      'exit 1',
    ].join('\n'),
    // Its mktemp directory and a stopped jail's mounts are gone when it ends.
    changes: [pathScope(`${a.path}/etc`), pathScope(workdir(a.path)), pathScope(backup)],
  };
}

/** Everything etcupdate needs, then the merge: run before the jail is stopped (plan.ts). */
export function planEtcupdate(a: JailArgs, facts: FactReader, from: string, to: string): PlanParts {
  const running = findJail(facts.get(jlsFact()), a.name) !== undefined;
  const parts = mergeParts(planBaseline(a, running, from, facts), planTarball(a.name, a.mirror, to, facts));
  parts.steps.push(mergeStep(a, running, from, to));
  parts.diffs.push({ label: `jail ${a.name} etc`, before: `stock etc of ${from}, with the jail's edits\n`, after: `merged by etcupdate -t ${etcupdateTarball(to)} in a jail on ${a.path}\n` });
  parts.notes.push(`jail ${a.name}: etc merged with ${to}'s by etcupdate(8)`);
  return parts;
}
