/**
 * A built jail whose playbook names another release (issue 18). Refused
 * unless `upgrade: true`; then:
 *  - thin: before the jail is touched (planThinUpgradePrep, placed by
 *    plan.ts ahead of the stop), the new release tree is extracted once per
 *    host (thin-base.ts) and the jail's etc merged with the new release's by
 *    etcupdate(8) (etcupdate.ts) — a conflict fails the task there, with
 *    the jail still running on its old release and its etc as it was; then
 *    the jail's marker says the new release and its mount.fstab line names
 *    the new tree (args.ts) — a running jail is restarted for that
 *    (restart.ts: the fstab changed), and the old tree stays for the jails
 *    still on it;
 *  - thick: `freebsd-update -b ROOT --currently-running OLD -r NEW upgrade`
 *    (answering its "Does this look reasonable (y/n)?" with y), then
 *    `install` until it stops asking to be run again — one pass installs the
 *    kernel part (none in a jail), the next the world, a third (a new major
 *    version) removes old libraries (freebsd-update.sh install_files()) —
 *    then the marker; a running jail is stopped first and started after.
 * A change of kind (thin/thick) or of archive is no upgrade: always refused.
 */
import { quote } from '../../shell/quote.js';
import { PlanError } from '../plan-error.js';
import { emptyParts, mergeParts, type PlanParts } from '../plan-parts.js';
import { pathScope } from '../scopes.js';
import type { FactReader } from '../types.js';
import type { JailArgs } from './args.js';
import { markerFact } from './facts.js';
import { zfsChanges } from './root-tree.js';
import { rollbackLines, snapshotsBefore } from './snapshot.js';
import { planEtcupdate } from './etcupdate.js';
import { planReleaseTree, thinMarker } from './thin-base.js';

const RELEASE_RE = /^\d+\.\d+-[A-Z]+\d*(-p\d+)?$/;

function refuse(a: JailArgs, current: string, wanted: string, why: string): never {
  throw new PlanError(`jail ${a.name}: root tree is ${current}, playbook says ${wanted}; ${why}`);
}

/** The release a marker names, for the kind this jail is; undefined when it is another kind or an archive. */
function markerRelease(a: JailArgs, marker: string): string | undefined {
  const release = a.type === 'thin' ? (marker.startsWith('thin:') ? marker.slice(5) : undefined) : marker;
  return release !== undefined && RELEASE_RE.test(release) ? release : undefined;
}

/** The release this jail is upgraded from when the plan upgrades it (upgrade: true, another release of its kind). */
function upgradeFrom(a: JailArgs, facts: FactReader): string | undefined {
  if (!a.upgrade || a.release === undefined) return undefined;
  const marker = facts.get(markerFact(a.path));
  if (marker.kind !== 'file') return undefined;
  const from = markerRelease(a, marker.content.trim());
  return from !== undefined && from !== a.release ? from : undefined;
}

/** `release upgraded from OLD to NEW` when this plan upgrades the jail. */
export function upgradeReasons(a: JailArgs, facts: FactReader): string[] {
  const from = upgradeFrom(a, facts);
  return from !== undefined ? [`release upgraded from ${from} to ${a.release ?? ''}`] : [];
}

/**
 * A thin upgrade's work that leaves the jail as it is: the new release tree
 * and the etcupdate merge. Nothing for a plan that is no thin upgrade, nor
 * for one planUpgrade refuses (a downgrade).
 */
export function planThinUpgradePrep(a: JailArgs, facts: FactReader): PlanParts {
  const from = upgradeFrom(a, facts);
  if (a.type !== 'thin' || a.release === undefined || from === undefined || !newer(a.release, from)) return emptyParts();
  return mergeParts(planReleaseTree(a.name, a.mirror, a.release, facts), planEtcupdate(a, facts, from, a.release));
}

/** X.Y and then -pN, as numbers: 14.10 is newer than 14.9. The release kind (RELEASE, RC...) is not ranked. */
function newer(to: string, from: string): boolean {
  const nums = (r: string) => (/^(\d+)\.(\d+)-[A-Z]+\d*(?:-p(\d+))?$/.exec(r) ?? []).slice(1, 4).map((n) => Number(n ?? 0));
  const [x, y] = [nums(to), nums(from)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return to !== from;
}

export function planUpgrade(a: JailArgs, facts: FactReader, current: string, wanted: string): PlanParts {
  const from = markerRelease(a, current);
  if (a.release === undefined || from === undefined) refuse(a, current, wanted, 'only a release of the same kind of jail (thin/thick) can be upgraded');
  if (!a.upgrade) refuse(a, current, wanted, 'set upgrade: true to upgrade the jail to it');
  if (!newer(a.release, from)) refuse(a, current, wanted, 'that is no newer release: a jail is never downgraded');
  const to = a.release;
  // A thin upgrade's release tree and etcupdate come before the stop (planThinUpgradePrep).
  const parts = emptyParts();
  if (a.type === 'thick') parts.steps.push(freebsdUpdateStep(a, from, to, snapshotsBefore(a, facts)));
  const marker = `${a.path}/.jailfleet-release`;
  const text = a.type === 'thin' ? thinMarker(to) : to;
  parts.steps.push({
    title: `jail ${a.name}: mark the root tree ${text}`,
    command: `printf '%s\\n' ${quote(text)} > ${quote(`${marker}.tmp`)} && mv ${quote(`${marker}.tmp`)} ${quote(marker)}`,
    changes: [pathScope(marker), pathScope(`${marker}.tmp`)],
  });
  parts.updates.push({ spec: markerFact(a.path), value: { kind: 'file', content: `${text}\n` } });
  parts.diffs.push({ label: `jail ${a.name} release`, before: `${from}\n`, after: `${to}\n` });
  parts.notes.push(`jail ${a.name} upgraded from ${from} to ${to}`);
  return parts;
}

/**
 * With a snapshot taken before (snapshot.ts), a failed install rolls the
 * tree back to it and, for a jail meant to run, starts it again on the old
 * release (the plan stopped it for the upgrade). freebsd-update's own status
 * is not enough: install_from_index() does not check install(1)'s, so a file
 * it could not write (a full disk, a quota that the snapshot's blocks count
 * against) is only a message on stderr and the install still ends " done."
 * (freebsd-update.sh). The tree's own `bin/freebsd-version` — a script
 * with the userland version it was built for in its USERLAND_VERSION line
 * (freebsd-version.sh.in), read with sed, not run — must then say the new
 * release (-pN: freebsd-update installs the release's latest patch).
 */
function freebsdUpdateStep(a: JailArgs, from: string, to: string, rollback: boolean): PlanParts['steps'][number] {
  const fu = `PAGER=cat freebsd-update -b ${quote(a.path)}`;
  const n = quote(a.name);
  const restart = rollback && a.state === 'running' ? [`service jail onestart ${n}`] : [];
  const failed = rollback ? ['jf_fail() {', ...rollbackLines(a, restart).map((l) => `  ${l}`), '  exit 1', '}'] : ['jf_fail() { exit 1; }'];
  const version = quote(`${a.path}/bin/freebsd-version`);
  return {
    title: `freebsd-update ${a.path} ${from} -> ${to}`,
    command: [
      ...failed,
      'jf_check() {',
      // Read, never run: the tree is the jail's, and a script in it run by the host's root would be a way out of the jail.
      `  jf_v=$(sed -n 's/^USERLAND_VERSION="\\([^"]*\\)"$/\\1/p' ${version} 2>/dev/null)`,
      `  case $jf_v in ${quote(to)}|${quote(to)}-p*) exit 0 ;; esac`,
      `  printf 'jail %s: the upgrade to %s did not take: %s says USERLAND_VERSION="%s" after freebsd-update install\\n' ${n} ${quote(to)} ${version} "$jf_v" >&2`,
      '  jf_fail',
      '}',
      `echo y | ${fu} --currently-running ${quote(from)} -r ${quote(to)} upgrade || jf_fail`,
      'for jf_pass in 1 2 3; do',
      `  jf_out=$(${fu} install) || { printf '%s\\n' "$jf_out" >&2; jf_fail; }`,
      `  printf '%s\\n' "$jf_out"`,
      `  case $jf_out in *"install' again"*) ;; *) jf_check ;; esac`,
      'done',
      `printf 'jail %s: freebsd-update install still unfinished after 3 passes\\n' ${n} >&2`,
      'jf_fail',
    ].join('\n'),
    // The tree, and freebsd-update's work directory; a rollback, the dataset,
    // and a restart after it whatever the jail's conf reaches (run-scopes.ts).
    changes: restart.length ? undefined : rollback && a.dataset !== undefined ? [...zfsChanges(a.dataset), pathScope('/var/db/freebsd-update')] : [pathScope(a.path), pathScope('/var/db/freebsd-update')],
  };
}
