import { fileFact } from '../facts/file-fact.js';
import { planFile } from '../file-edit/plan-file.js';
import { toPlan } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { splitLines } from '../text-lines.js';
import { noChange, type FactReader, type ModuleContext, type Plan } from '../types.js';
import type { LineArgs } from './args.js';
import { ensureAbsent, ensurePresent, type LineEditResult } from './edit.js';

export function planLine(args: LineArgs, facts: FactReader, ctx: ModuleContext): Plan {
  const current = facts.get(fileFact(args.path));
  if (current.kind === 'absent') {
    if (args.state === 'absent') return noChange(`${args.path} does not exist`);
    if (!args.create) throw new PlanError(`${args.path} does not exist (set create: true)`);
  }
  if (current.kind === 'directory' || current.kind === 'other') {
    throw new PlanError(`${args.path} exists and is not a regular file`);
  }
  const before = current.kind === 'file' ? current.content : '';
  const edit: LineEditResult =
    args.state === 'present' && args.line !== undefined
      ? ensurePresent(splitLines(before), { ...args, line: args.line })
      : ensureAbsent(splitLines(before), args);
  const unchanged = edit.why !== undefined ? `${edit.why} in ${args.path}` : args.state === 'absent' ? `no matching line in ${args.path}` : `line already present in ${args.path}`;
  // backrefs without a match: Ansible leaves even a missing file missing.
  if (current.kind === 'absent' && edit.note === undefined) return noChange(unchanged);
  const content = edit.lines.join('');
  const parts = planFile(current, { ...args, content, contentNote: edit.note ?? 'file created' }, ctx.vars);
  return toPlan(parts, unchanged);
}

