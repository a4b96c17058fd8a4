/**
 * jail_snapshot's plans. present: `zfs snapshot DATASET@NAME`
 * (zfs-snapshot(8)) when the snapshot is missing; absent: `zfs destroy
 * DATASET@NAME` (zfs-destroy(8)) when it is there. rolled_back is an
 * action, reported as a change on every run (as Ansible's command-like
 * modules do): whether the dataset still equals the snapshot would take
 * zfsprops(7)'s `written@SNAP`, which counts referenced bytes written since,
 * not files changed (a rewrite of a file with the same bytes still counts),
 * so it would be a guess either way. A running jail is stopped first, so
 * that none of its processes goes on running from files the rollback
 * replaces (Solaris's ZFS guide: the file system is unmounted and remounted,
 * and the rollback fails when it is busy), and started again on the
 * rolled-back tree; a failed rollback starts it again too, so the jail is
 * not left down. `-r` destroys the snapshots taken after NAME, which zfs
 * rollback otherwise refuses to skip (zfs-rollback(8)).
 */
import { quote } from '../../shell/quote.js';
import { findJail, jlsFact } from '../jail/jls-fact.js';
import { zfsChanges } from '../jail/root-tree.js';
import { startStep } from '../jail/runtime.js';
import { PlanError } from '../plan-error.js';
import { zfsScope } from '../scopes.js';
import { noChange, type FactReader, type Plan, type Step } from '../types.js';
import type { JailSnapshotArgs } from './args.js';
import { snapshotsFact } from './facts.js';

export function planJailSnapshot(a: JailSnapshotArgs, facts: FactReader): Plan {
  if (a.state === 'absent') return planAbsent(a, facts);
  if (a.state === 'rolled_back') return planRollback(a, facts);
  return planPresent(a, facts);
}

const full = (a: JailSnapshotArgs) => `${a.dataset}@${a.name}`;

function planPresent(a: JailSnapshotArgs, facts: FactReader): Plan {
  const spec = snapshotsFact(a.dataset);
  const snaps = facts.get(spec);
  if (snaps.exists && snaps.names.includes(a.name)) return noChange(`${full(a)} exists`);
  // A dataset an earlier task creates is not there yet in check mode: the snapshot is still the plan.
  return {
    changed: true,
    message: `${full(a)} taken`,
    steps: [{ title: `zfs snapshot ${full(a)}`, command: `zfs snapshot ${quote(full(a))}`, changes: [zfsScope(a.dataset)] }],
    diffs: [{ label: `zfs ${full(a)}`, before: 'absent\n', after: 'present\n' }],
    updates: snaps.exists ? [{ spec, value: { exists: true, names: [...snaps.names, a.name] } }] : [],
  };
}

function planAbsent(a: JailSnapshotArgs, facts: FactReader): Plan {
  const spec = snapshotsFact(a.dataset);
  const snaps = facts.get(spec);
  if (!snaps.exists || !snaps.names.includes(a.name)) return noChange(`${full(a)} does not exist`);
  return {
    changed: true,
    message: `${full(a)} destroyed`,
    steps: [{ title: `zfs destroy ${full(a)}`, command: `zfs destroy ${quote(full(a))}`, changes: [zfsScope(a.dataset)] }],
    diffs: [{ label: `zfs ${full(a)}`, before: 'present\n', after: 'absent\n' }],
    updates: [{ spec, value: { exists: true, names: snaps.names.filter((n) => n !== a.name) } }],
  };
}

function planRollback(a: JailSnapshotArgs, facts: FactReader): Plan {
  const spec = snapshotsFact(a.dataset);
  const snaps = facts.get(spec);
  if (!snaps.exists) throw new PlanError(`jail_snapshot ${a.jail}: dataset ${a.dataset} does not exist`);
  const at = snaps.names.indexOf(a.name);
  if (at < 0) throw new PlanError(`jail_snapshot ${a.jail}: ${full(a)} does not exist (snapshots: ${snaps.names.join(', ') || 'none'})`);
  const later = snaps.names.slice(at + 1);
  const running = findJail(facts.get(jlsFact()), a.jail);
  const target = quote(full(a));
  // What jail(8) sets up again on the start (runtime.ts): the jail's addresses as jls lists them, the mounts below its path.
  const start = running && startStep(a.jail, false, undefined, ' after the rollback', { root: running.path, aliases: running.ip4.map((addr) => ({ addr })) });
  const rollback: Step = start
    ? {
        title: `stop jail ${a.jail} and roll ${a.dataset} back to @${a.name}`,
        // A failed rollback starts the jail again (as the start step does, in a subshell: its own exits end only that) and fails.
        command: [`service jail onestop ${quote(a.jail)} || exit 1`, `zfs rollback -r ${target} && exit 0`, '(', start.command, ')', 'exit 1'].join('\n'),
        // rc.d/jail runs the conf's exec.* hooks, which this module does not read: anything.
        changes: undefined,
      }
    : { title: `roll ${a.dataset} back to @${a.name}`, command: `zfs rollback -r ${target}`, changes: zfsChanges(a.dataset) };
  const steps = start ? [rollback, start] : [rollback];
  return {
    changed: true,
    message: `${a.dataset} rolled back to @${a.name}${later.length ? `, destroying ${later.map((s) => `@${s}`).join(', ')}` : ''}${running ? `; jail ${a.jail} restarted` : ''}`,
    steps,
    diffs: [{ label: `zfs ${a.dataset}`, before: ['current', ...later.map((s) => `${a.dataset}@${s}`)].map((l) => `${l}\n`).join(''), after: `${full(a)}\n` }],
    updates: [{ spec, value: { exists: true, names: snaps.names.slice(0, at + 1) } }],
  };
}

