import { quote } from '../../shell/quote.js';
import { formatMode } from '../args.js';
import { fileFact, type FileAttrs, type FileFact } from '../facts/file-fact.js';
import { attrDelta, attrSteps } from '../file-edit/attributes.js';
import { emptyParts, toPlan } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { nodeScope, pathScope } from '../scopes.js';
import { noChange, type FactReader, type Plan } from '../types.js';
import type { DirectoryArgs } from './args.js';
import { needsTreeFact, treeFact } from './facts.js';

export function planDirectory(args: DirectoryArgs, facts: FactReader): Plan {
  return args.state === 'absent' ? planAbsent(args, facts) : planPresent(args, facts);
}

function planPresent(args: DirectoryArgs, facts: FactReader): Plan {
  const { path } = args;
  const spec = fileFact(path);
  const current = facts.get(spec);
  if (current.kind === 'file' || current.kind === 'other') {
    throw new PlanError(`${path} exists and is not a directory`);
  }
  const parts = emptyParts();
  const base: FileAttrs = current.kind === 'directory' ? current : {};
  // mkdir -m sets the new directory's mode itself (mkdir(2), then chmod(2) for what the umask took:
  // FreeBSD bin/mkdir/mkdir.c): one program instead of mkdir and chmod (issue 17).
  const modeArg = args.mode === undefined ? '' : ` -m ${formatMode(args.mode)}`;
  if (current.kind === 'absent') {
    // An empty directory (and the parents it makes): nothing below it changes.
    parts.steps.push({ title: `mkdir ${path}`, command: `mkdir -p${modeArg} ${quote(path)}`, changes: [nodeScope(path)] });
    parts.notes.push(`${path} created`);
  }
  const delta = attrDelta(path, current.kind === 'absent' ? { mode: args.mode } : base, args);
  // A new directory is empty, so a recursive fix is only for an existing one.
  const recursive = current.kind === 'directory' && needsTreeFact(args) && !facts.get(treeFact(args));
  if (recursive) {
    parts.steps.push(...attrSteps(path, { ...delta, mode: args.mode, owner: args.owner, group: args.group }, true));
    parts.notes.push('attributes applied recursively');
  } else {
    parts.steps.push(...attrSteps(path, delta));
  }
  if (current.kind === 'directory') {
    parts.diffs.push(...delta.diffs);
    parts.notes.push(...delta.notes);
  }
  if (parts.steps.length === 0) return noChange(`${path} is already a directory as wanted`);
  // mkdir without `mode` leaves the mode to the umask: unknown until read.
  const next: FileFact = {
    kind: 'directory',
    mode: args.mode ?? base.mode,
    owner: args.owner ?? base.owner,
    group: args.group ?? base.group,
  };
  parts.updates.push({ spec, value: next });
  if (needsTreeFact(args)) parts.updates.push({ spec: treeFact(args), value: true });
  return toPlan(parts, '');
}

function planAbsent(args: DirectoryArgs, facts: FactReader): Plan {
  const { path } = args;
  if (path === '' || path === '/') throw new PlanError(`refusing to remove "${path}"`);
  const spec = fileFact(path);
  const current = facts.get(spec);
  if (current.kind === 'absent') return noChange(`${path} does not exist`);
  // Removing a file is not what a directory task is for; a typo must not delete it.
  if (current.kind !== 'directory') throw new PlanError(`${path} is not a directory; refusing to remove it`);
  return {
    changed: true,
    message: `${path} removed`,
    steps: [{ title: `rm -rf ${path}`, command: `rm -rf ${quote(path)}`, changes: [pathScope(path)] }],
    diffs: [{ label: path, before: 'directory\n', after: 'absent\n' }],
    updates: [{ spec, value: { kind: 'absent' } }],
  };
}
