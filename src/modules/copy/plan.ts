import { fileFact } from '../facts/file-fact.js';
import { planFile } from '../file-edit/plan-file.js';
import { toPlan } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import type { FactReader, ModuleContext, Plan } from '../types.js';
import type { CopyArgs } from './args.js';

export function planCopy(args: CopyArgs, facts: FactReader, ctx: ModuleContext): Plan {
  const content = args.content ?? args.srcContent;
  if (content === undefined) {
    throw new PlanError(`copy: src ${args.src ?? ''} was not read by the engine (srcContent missing)`);
  }
  const current = facts.get(fileFact(args.dest));
  if (current.kind === 'directory') {
    throw new PlanError(`${args.dest} is a directory; give the full path of the file in dest`);
  }
  const parts = planFile(current, { ...args, path: args.dest, content, contentNote: 'content changed' }, ctx.vars);
  return toPlan(parts, `${args.dest} is up to date`);
}
