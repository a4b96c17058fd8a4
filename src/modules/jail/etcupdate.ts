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
 *    release's tarball with `etcupdate extract -D ROOT -t OLD.tbz`
 *    (etcupdate.sh extract_cmd: "This can be used to bootstrap updates by
 *    initializing the current "stock" tree to match the currently installed
 *    system");
 *  - `etcupdate -D ROOT -t NEW.tbz` merges: a file the jail left stock is
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
import { etcupdateTarball } from './thin-layout.js';

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
function planBaseline(a: JailArgs, from: string, facts: FactReader): PlanParts {
  const spec = baselineFact(a.path);
  if (facts.get(spec)) return emptyParts();
  const parts = planTarball(a.name, a.mirror, from, facts);
  parts.steps.push({
    title: `etcupdate baseline of jail ${a.name}: ${from}`,
    command: `jf_out=$(etcupdate extract -D ${quote(a.path)} -t ${quote(etcupdateTarball(from))}) || { printf '%s\\n' "$jf_out" >&2; exit 1; }`,
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

/** The merge, with the jail's etc and WORKDIR put back when it conflicts or fails. */
function mergeStep(a: JailArgs, from: string, to: string): PlanParts['steps'][number] {
  const r = quote(a.path);
  const backup = `${a.path}/var/db/jailfleet-etcupdate-backup`;
  const n = quote(a.name);
  return {
    title: `etcupdate jail ${a.name}: ${from} -> ${to}`,
    command: [
      `jf_b=${quote(backup)}`,
      ...cleanupTraps(`'rm -rf "$jf_b"'`),
      `rm -rf "$jf_b" && mkdir -p "$jf_b" || exit 1`,
      `cp -Rp ${quote(`${a.path}/etc`)} "$jf_b/etc" && cp -Rp ${quote(workdir(a.path))} "$jf_b/etcupdate" || exit 1`,
      `jf_out=$(etcupdate -D ${r} -t ${quote(etcupdateTarball(to))}${ignored(a)}); jf_rc=$?`,
      `printf '%s\\n' "$jf_out"`,
      // etcupdate exits 0 with conflicts; status lists them ("  C /etc/FILE"), one word each once joined.
      `jf_c=$(echo $(etcupdate status -D ${r} | sed -n 's/^  C //p'))`,
      'if [ "$jf_rc" -eq 0 ] && [ -z "$jf_c" ]; then exit 0; fi',
      `if ! { rm -rf ${quote(`${a.path}/etc`)} ${quote(workdir(a.path))} && mv "$jf_b/etc" ${quote(`${a.path}/etc`)} && mv "$jf_b/etcupdate" ${quote(workdir(a.path))}; }; then`,
      `  trap - EXIT`,
      `  printf 'jail %s: etcupdate failed and its etc could not be put back: the copy is in %s\\n' ${n} "$jf_b" >&2`,
      '  exit 1',
      'fi',
      'if [ -n "$jf_c" ]; then',
      `  printf 'jail %s: etcupdate(8) found conflicts merging %s into its etc: %s; its etc is left as it was and it stays on %s: merge those files by hand (etcupdate diff) and run again\\n' ${n} ${quote(to)} "$jf_c" ${quote(from)} >&2`,
      'else',
      `  printf 'jail %s: etcupdate(8) failed (exit %s): %s\\n' ${n} "$jf_rc" "$jf_out" >&2`,
      'fi',
      'exit 1',
    ].join('\n'),
    changes: [pathScope(`${a.path}/etc`), pathScope(workdir(a.path)), pathScope(backup)],
  };
}

/** Everything etcupdate needs, then the merge: run before the jail is stopped (plan.ts). */
export function planEtcupdate(a: JailArgs, facts: FactReader, from: string, to: string): PlanParts {
  const parts = mergeParts(planBaseline(a, from, facts), planTarball(a.name, a.mirror, to, facts));
  parts.steps.push(mergeStep(a, from, to));
  parts.diffs.push({ label: `jail ${a.name} etc`, before: `stock etc of ${from}, with the jail's edits\n`, after: `merged by etcupdate -D ${a.path} -t ${etcupdateTarball(to)}\n` });
  parts.notes.push(`jail ${a.name}: etc merged with ${to}'s by etcupdate(8)`);
  return parts;
}
