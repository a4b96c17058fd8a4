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
 *  - thick: `freebsd-update --currently-running OLD -r NEW upgrade`, then
 *    `install` until it is done, each run confined to the jail's tree as the
 *    command of a transient jail on its path, never with -b from the host
 *    (freebsd-update-jailed.ts) — then the marker; a running jail is
 *    stopped first and started after.
 * A change of kind (thin/thick) or of archive is no upgrade: always refused.
 */
import { quote } from '../../shell/quote.js';
import { PlanError } from '../plan-error.js';
import { emptyParts, mergeParts, type PlanParts } from '../plan-parts.js';
import { pathScope } from '../scopes.js';
import type { FactReader } from '../types.js';
import type { JailArgs } from './args.js';
import { markerFact } from './facts.js';
import { snapshotsBefore } from './snapshot.js';
import { freebsdUpdateStep } from './freebsd-update-jailed.js';
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
