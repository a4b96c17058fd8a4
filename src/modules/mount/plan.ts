/**
 * ansible.posix.mount's states on FreeBSD:
 *  - present: the fstab entry only;
 *  - mounted: the entry, the mount point (mkdir -p) and the mount. A file
 *    system mounted there already is remounted (umount, then mount) when it
 *    is not the task's: another device or type, or an option the task sets
 *    that `mount -p` shows otherwise (ro/rw, noexec, nosuid, noatime, ...);
 *  - unmounted: umount, the entry kept;
 *  - absent: for an entry in fstab, umount, the entry removed and the
 *    mount point removed (rmdir: only if empty); without one, nothing (as
 *    Ansible: use unmounted for a mount fstab does not list);
 *    absent_mount the same without the rmdir, absent_from_fstab the entry
 *    only;
 *  - remounted: umount and mount again from the fstab entry; always a
 *    change, as in Ansible.
 * The mount runs before the fstab write, so a mount that fails leaves fstab
 * as it was (Ansible restores the file after a failed mount for the same
 * reason: an entry that cannot mount may stop the next boot).
 */
import { command } from '../../shell/quote.js';
import { fileFact } from '../facts/file-fact.js';
import { planFile } from '../file-edit/plan-file.js';
import { emptyParts, mergeParts, toPlan, type PlanParts } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { MOUNTS, nodeScope, pathScope } from '../scopes.js';
import { noChange, type FactReader, type ModuleContext, type Plan, type Step } from '../types.js';
import type { MountArgs } from './args.js';
import { mountedAt, mountedFact, type Mounted } from './facts.js';
import { entriesFor, removeEntries, setEntry, type FstabEntry } from './fstab.js';

/** Options putfsent() prints when the mount has them (sbin/mount/mount.c flags2opts). */
const SHOWN = ['sync', 'noexec', 'nosuid', 'union', 'async', 'noatime', 'noclusterr', 'noclusterw', 'nosymfollow', 'suiddir', 'multilabel', 'acls', 'nfsv4acls'];

export function planMount(a: MountArgs, facts: FactReader, ctx: ModuleContext): Plan {
  if (a.state === 'present') return toPlan(fstabParts(a, facts, ctx, (c) => setEntry(c, wanted(a))), `${a.path} is already in ${a.fstab}`);
  if (a.state === 'absent_from_fstab') return planAbsent(a, facts, ctx, undefined);
  const on = mountedAt(facts.get(mountedFact()), a.path);
  switch (a.state) {
    case 'mounted':
      return toPlan(mergeParts(mountParts(a, facts, on), fstabParts(a, facts, ctx, (c) => setEntry(c, wanted(a)))), `${a.path} is mounted as wanted`);
    case 'unmounted':
      return on ? toPlan(unmountParts(a.path, on), '') : noChange(`${a.path} is not mounted`);
    case 'absent':
    case 'absent_mount':
      return planAbsent(a, facts, ctx, on);
    case 'remounted':
      return planRemount(a, facts, on);
  }
}

function wanted(a: MountArgs): FstabEntry {
  return { src: a.src ?? '', path: a.path, fstype: a.fstype ?? '', opts: a.opts, dump: a.dump, passno: a.passno };
}

function describe(m: Pick<Mounted, 'device' | 'fstype'> & { opts: string }): string {
  return `${m.device} ${m.fstype} ${m.opts}\n`;
}

/** Why what is mounted is not what the task mounts, or undefined when it is. */
function mismatch(on: Mounted, w: FstabEntry): string | undefined {
  if (on.device !== w.src) return `${on.device} was mounted there`;
  if (on.fstype !== w.fstype) return `it was ${on.fstype}`;
  const opts = w.opts.split(',');
  if (opts.includes('ro') !== on.opts.includes('ro')) return `it was ${on.opts.includes('ro') ? 'ro' : 'rw'}`;
  const missing = opts.find((o) => SHOWN.includes(o) && !on.opts.includes(o));
  return missing === undefined ? undefined : `it was mounted without ${missing}`;
}

function umountStep(path: string): Step {
  return { title: `umount ${path}`, command: command('umount', path), changes: [MOUNTS, pathScope(path)] };
}

function unmountParts(path: string, on: Mounted): PlanParts {
  const parts = emptyParts();
  parts.steps.push(umountStep(path));
  parts.diffs.push({ label: `mount ${path}`, before: describe({ ...on, opts: on.opts.join(',') }), after: '' });
  parts.notes.push(`${path} unmounted`);
  return parts;
}

function mountParts(a: MountArgs, facts: FactReader, on: Mounted | undefined): PlanParts {
  const w = wanted(a);
  const why = on && mismatch(on, w);
  const parts = emptyParts();
  if (on && why === undefined) return parts;
  if (facts.get(fileFact(a.path)).kind === 'absent') {
    parts.steps.push({ title: `mkdir ${a.path}`, command: command('mkdir', '-p', a.path), changes: [nodeScope(a.path)] });
    parts.notes.push(`${a.path} created`);
  }
  if (on) parts.steps.push(umountStep(a.path));
  parts.steps.push({
    title: `mount ${a.path}`,
    command: command('mount', '-t', w.fstype, '-o', w.opts, w.src, a.path),
    changes: [MOUNTS, pathScope(a.path)],
  });
  parts.diffs.push({ label: `mount ${a.path}`, before: on ? describe({ ...on, opts: on.opts.join(',') }) : '', after: describe({ device: w.src, fstype: w.fstype, opts: w.opts }) });
  parts.notes.push(on ? `${a.path} remounted (${why})` : `${w.src} mounted on ${a.path}`);
  return parts;
}

function fstabParts(a: MountArgs, facts: FactReader, ctx: ModuleContext, edit: (content: string | undefined) => string): PlanParts {
  const current = facts.get(fileFact(a.fstab));
  const before = current.kind === 'file' ? current.content : undefined;
  const content = edit(before);
  if (content === before) return emptyParts();
  const had = before !== undefined && entriesFor(before, a.path).length > 0;
  const note = a.state.startsWith('absent') ? `${a.path} removed from ${a.fstab}` : `${a.path} ${had ? 'changed' : 'added'} in ${a.fstab}`;
  return planFile(current, { path: a.fstab, content, backup: a.backup, contentNote: note }, ctx.vars);
}

function listed(a: MountArgs, facts: FactReader): boolean {
  const current = facts.get(fileFact(a.fstab));
  return current.kind === 'file' && entriesFor(current.content, a.path).length > 0;
}

function planAbsent(a: MountArgs, facts: FactReader, ctx: ModuleContext, on: Mounted | undefined): Plan {
  if (!listed(a, facts)) return noChange(`${a.path} is not in ${a.fstab}`);
  const parts = mergeParts(on ? unmountParts(a.path, on) : emptyParts(), fstabParts(a, facts, ctx, (c) => removeEntries(c ?? '', a.path)));
  if (a.state === 'absent' && facts.get(fileFact(a.path)).kind === 'directory') {
    parts.steps.push({ title: `rmdir ${a.path}`, command: command('rmdir', a.path), changes: [nodeScope(a.path)] });
    parts.notes.push(`${a.path} removed`);
  }
  return toPlan(parts, '');
}

function planRemount(a: MountArgs, facts: FactReader, on: Mounted | undefined): Plan {
  if (!listed(a, facts)) throw new PlanError(`${a.path} is not in ${a.fstab}: remounted mounts it from there (use state: mounted)`);
  const parts = on ? unmountParts(a.path, on) : emptyParts();
  // mount(8) with one argument takes the rest from the fstab entry; -F names another fstab.
  const words = a.fstab === '/etc/fstab' ? ['mount', a.path] : ['mount', '-F', a.fstab, a.path];
  parts.steps.push({ title: `mount ${a.path}`, command: command(...words), changes: [MOUNTS, pathScope(a.path)] });
  parts.notes = [`${a.path} remounted from ${a.fstab}`];
  return toPlan(parts, '');
}
