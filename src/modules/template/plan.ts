import { planCopy } from '../copy/plan.js';
import { PlanError } from '../plan-error.js';
import type { FactReader, ModuleContext, Plan } from '../types.js';
import { renderTemplateFile } from '../../playbook/template-blocks.js';
import { TemplateError } from '../../playbook/template-error.js';
import type { TemplateArgs } from './args.js';

/** The file rendered with the host's variables, then planned exactly as copy with that content. */
export function planTemplate(args: TemplateArgs, facts: FactReader, ctx: ModuleContext): Plan {
  if (args.srcContent === undefined) {
    throw new PlanError(`template: src ${args.src} was not read by the engine (srcContent missing)`);
  }
  let content: string;
  try {
    content = renderTemplateFile(args.srcContent, args.src, { ...ctx.vars });
  } catch (err) {
    // The message carries "src:line:col: problem" (InputError's form).
    if (err instanceof TemplateError) throw new PlanError(`template: ${err.message}`);
    throw err;
  }
  const { dest, mode, owner, group, backup } = args;
  return planCopy({ dest, content, mode, owner, group, backup, remote_src: false, force: true }, facts, ctx);
}
