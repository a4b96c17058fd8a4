import { PlanError } from '../plan-error.js';
import { noChange, type Diff, type FactReader, type FactUpdate, type Plan, type Step } from '../types.js';
import type { PkgArgs } from './args.js';
import { installedFact, orphansFact, pkgWords, upgradableFact } from './facts.js';

/**
 * ASSUME_ALWAYS_YES answers pkg's bootstrap question and its "Proceed?" prompt
 * (stdin is /dev/null in a step, so a prompt would read "no" and fail).
 * No `changes`: packages' install and deinstall scripts run as root and may
 * touch anything (users, services, files outside the package).
 */
function pkgStep(args: PkgArgs, verb: string, names: string[]): Step {
  return { title: `pkg ${[verb, ...names].join(' ')}`, command: `ASSUME_ALWAYS_YES=yes ${pkgWords(args, verb, '-y', ...names)}` };
}

function where(args: PkgArgs): string {
  if (args.jail !== undefined) return ` in jail ${args.jail}`;
  if (args.rootdir !== undefined) return ` in rootdir ${args.rootdir}`;
  if (args.chroot !== undefined) return ` in chroot ${args.chroot}`;
  return '';
}

function listing(names: string[], installed: (n: string) => boolean): string {
  return names.map((n) => `${n}: ${installed(n) ? 'installed' : 'absent'}\n`).join('');
}

export function planPkg(args: PkgArgs, facts: FactReader): Plan {
  const has = new Map(args.name.map((n) => [n, facts.get(installedFact(args, n))]));
  const missing = args.name.filter((n) => !has.get(n));
  const present = args.name.filter((n) => has.get(n));
  const steps: Step[] = [];
  const notes: string[] = [];
  const after = new Map(has);

  if (args.state === 'absent') {
    if (present.length > 0) {
      steps.push(pkgStep(args, 'delete', present));
      notes.push(`remove ${present.join(', ')}${where(args)}`);
      for (const n of present) after.set(n, false);
    }
  } else {
    if (missing.length > 0) {
      steps.push(pkgStep(args, 'install', missing));
      notes.push(`install ${missing.join(', ')}${where(args)}`);
      for (const n of missing) after.set(n, true);
    }
    if (args.state === 'latest') {
      const stale = present.filter((n) => pending(args, n, facts));
      if (stale.length > 0) {
        steps.push(pkgStep(args, 'upgrade', stale));
        notes.push(`upgrade ${stale.join(', ')}${where(args)}`);
      }
    }
  }
  const diffs: Diff[] = steps.length === 0 ? [] : [{ label: `packages${where(args)}`, before: listing(args.name, (n) => has.get(n) === true), after: listing(args.name, (n) => after.get(n) === true) }];
  if (args.autoremove) planAutoremove(args, facts, steps, notes, diffs);
  if (steps.length === 0) return noChange(unchangedMessage(args));
  // pkg install/delete exit 0 only with every named package installed or
  // removed: exact. Whether the dry run then finds nothing to upgrade is
  // not (a fresh install may leave an older dependency the dry run would
  // upgrade; the catalogue may move on): that fact is read again, as is
  // what autoremove would remove next.
  const updates: FactUpdate[] = args.name.map((n) => ({ spec: installedFact(args, n), value: after.get(n) === true }));
  return { changed: true, message: notes.join('; '), steps, diffs, updates };
}

/**
 * After a delete or an install the dry run read before it is out of date
 * (a package deleted may leave its dependencies orphaned), so autoremove
 * then always runs (pkg exits 0 with "Nothing to do."); otherwise the dry
 * run decides, as Ansible's pkgng does.
 */
function planAutoremove(args: PkgArgs, facts: FactReader, steps: Step[], notes: string[], diffs: Diff[]): void {
  if (steps.length > 0) {
    steps.push(pkgStep(args, 'autoremove', []));
    notes.push(`autoremove${where(args)}`);
    return;
  }
  const orphans = facts.get(orphansFact(args));
  if (orphans.kind === 'unknown') throw new PlanError(`cannot tell what pkg autoremove would remove${where(args)}: ${orphans.detail}`);
  if (orphans.names.length === 0) return;
  steps.push(pkgStep(args, 'autoremove', []));
  notes.push(`autoremove ${orphans.names.join(', ')}${where(args)}`);
  diffs.push({ label: `automatic packages${where(args)}`, before: listing(orphans.names, () => true), after: listing(orphans.names, () => false) });
}

function unchangedMessage(args: PkgArgs): string {
  const names = args.name.join(', ');
  const tail = args.autoremove ? ', nothing to autoremove' : '';
  if (args.state === 'absent') return `${names} not installed${where(args)}${tail}`;
  return `${names} ${args.state === 'latest' ? 'installed and up to date' : 'installed'}${where(args)}${tail}`;
}

function pending(args: PkgArgs, name: string, facts: FactReader): boolean {
  const u = facts.get(upgradableFact(args, name));
  if (u.kind === 'unknown') throw new PlanError(`cannot tell whether ${name}${where(args)} is up to date: ${u.detail}`);
  return u.kind === 'pending';
}
