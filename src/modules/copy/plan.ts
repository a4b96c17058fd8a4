import { fileFact } from '../facts/file-fact.js';
import { planFile } from '../file-edit/plan-file.js';
import { toPlan } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { noChange, type FactReader, type ModuleContext, type Plan } from '../types.js';
import type { CopyArgs } from './args.js';

export function planCopy(args: CopyArgs, facts: FactReader, ctx: ModuleContext): Plan {
  const current = facts.get(fileFact(args.dest));
  if (current.kind === 'directory') {
    throw new PlanError(`${args.dest} is a directory; give the full path of the file in dest`);
  }
  // Ansible skips the transfer and the attributes alike.
  if (!args.force && current.kind !== 'absent') return noChange(`${args.dest} exists (force: false)`);
  const content = sourceContent(args, facts);
  const parts = planFile(current, { ...args, path: args.dest, content, contentNote: 'content changed' }, ctx.vars);
  return toPlan(parts, `${args.dest} is up to date`);
}

function sourceContent(args: CopyArgs, facts: FactReader): string {
  if (args.content !== undefined) return args.content;
  if (!args.remote_src) {
    if (args.srcContent === undefined) throw new PlanError(`copy: src ${args.src ?? ''} was not read by the engine (srcContent missing)`);
    return args.srcContent;
  }
  const src = facts.get(fileFact(args.src ?? ''));
  if (src.kind === 'absent') throw new PlanError(`copy: src ${args.src ?? ''} does not exist on the host (remote_src)`);
  if (src.kind !== 'file') throw new PlanError(`copy: src ${args.src ?? ''} is not a regular file (remote_src copies one file)`);
  return src.content;
}
