import { quote } from '../../shell/quote.js';
import { fileFact, type FileFact } from '../facts/file-fact.js';
import { nodeFact } from '../facts/node-fact.js';
import { planDirectory } from '../directory/plan.js';
import { attrDelta, attrSteps } from '../file-edit/attributes.js';
import { emptyParts, toPlan } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { pathScope } from '../scopes.js';
import { noChange, type FactReader, type Plan } from '../types.js';
import type { FileArgs } from './args.js';
import { asDirectoryArgs, explicitState } from './facts.js';
import { planHard } from './plan-hard.js';
import { planLink } from './plan-link.js';

export function planFileModule(args: FileArgs, facts: FactReader): Plan {
  const state = explicitState(args);
  if (state === 'absent') return planAbsent(args, facts);
  if (state === 'link') return planLink(args, facts);
  if (state === 'hard') return planHard(args, facts);
  if (state === 'directory') return planDirectory(asDirectoryArgs(args), facts);
  const current = facts.get(fileFact(args.path));
  if (state === 'touch') return planTouch(args, current);
  // No state: a directory stays one (Ansible takes the path's current state).
  if (state === undefined && current.kind === 'directory') return planDirectory(asDirectoryArgs(args), facts);
  return planExisting(args, current);
}

/** `state: file` never creates: the path must be a file (a link is followed), whose attributes are then set. */
function planExisting(args: FileArgs, current: FileFact): Plan {
  const { path } = args;
  if (current.kind !== 'file') throw new PlanError(`file (${path}) is ${current.kind}, cannot continue`);
  return planAttrs(args, current, `${path} is a file as wanted`);
}

/**
 * Creates a missing file, empty. An existing path keeps its times: touch
 * here is Ansible's with `access_time: preserve` and `modification_time:
 * preserve`, so a second run changes nothing (Ansible's plain touch reports
 * changed on every run).
 */
function planTouch(args: FileArgs, current: FileFact): Plan {
  const { path } = args;
  if (current.kind !== 'absent') return planAttrs(args, current, `${path} exists; its times are kept`);
  const parts = emptyParts();
  parts.steps.push({ title: `touch ${path}`, command: `touch ${quote(path)}`, changes: [pathScope(path)] });
  parts.steps.push(...attrSteps(path, attrDelta(path, {}, args)));
  parts.notes.push(`${path} created`);
  parts.diffs.push({ label: path, before: 'absent\n', after: 'file\n' });
  // Without `mode` (or owner) the new file's come from the umask and the user: unknown until read.
  parts.updates.push({ spec: fileFact(path), value: { kind: 'file', content: '', mode: args.mode, owner: args.owner, group: args.group } });
  return toPlan(parts, '');
}

function planAttrs(args: FileArgs, current: Exclude<FileFact, { kind: 'absent' }>, unchanged: string): Plan {
  const { path } = args;
  const delta = attrDelta(path, current, args);
  const steps = attrSteps(path, delta);
  if (steps.length === 0) return noChange(unchanged);
  const next: FileFact = { ...current, mode: args.mode ?? current.mode, owner: args.owner ?? current.owner, group: args.group ?? current.group };
  return { changed: true, message: delta.notes.join('; '), steps, diffs: delta.diffs, updates: [{ spec: fileFact(path), value: next }] };
}

/** Files, links (not what they point at) and whole directory trees, as `rm -rf` removes them. */
function planAbsent(args: FileArgs, facts: FactReader): Plan {
  const { path } = args;
  if (path === '/') throw new PlanError('refusing to remove "/"');
  const spec = nodeFact(path);
  const current = facts.get(spec);
  if (current.kind === 'absent') return noChange(`${path} is already absent`);
  return {
    changed: true,
    message: `${path} removed`,
    steps: [{ title: `rm -rf ${path}`, command: `rm -rf ${quote(path)}`, changes: [pathScope(path)] }],
    diffs: [{ label: path, before: `${current.kind}\n`, after: 'absent\n' }],
    updates: [
      { spec, value: { kind: 'absent' } },
      { spec: fileFact(path), value: { kind: 'absent' } },
    ],
  };
}
