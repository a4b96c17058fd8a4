import { render } from '../../playbook/template.js';
import { TemplateError } from '../../playbook/template-error.js';
import { plain } from '../../playbook/template-values.js';
import type { ModuleContext, Plan } from '../types.js';
import type { DebugArgs } from './args.js';

/** What Ansible's debug prints for a variable that is not defined. */
export const NOT_DEFINED = 'VARIABLE IS NOT DEFINED!';

/**
 * Nothing for the host: the message is the task's output, as Ansible's
 * default callback prints debug's result (JSON, 4-space indent). Above the
 * run's -v level (`ansible_verbosity`) the task is skipped, as Ansible's is.
 */
export function planDebug(args: DebugArgs, ctx: ModuleContext): Plan {
  const level = typeof ctx.vars.ansible_verbosity === 'number' ? ctx.vars.ansible_verbosity : 0;
  const plan = { changed: false, steps: [], diffs: [], updates: [] };
  if (args.verbosity > level) return { ...plan, message: 'Verbosity threshold not met.', skipped: true };
  const shown = args.var === undefined ? { msg: args.msg ?? 'Hello world!' } : { [args.var]: valueOf(args.var, ctx.vars) };
  return { ...plan, message: JSON.stringify(plain(shown), null, 4) };
}

/** `var:` is an expression, as Ansible reads it: `{{ var }}` rendered, or the marker when it names nothing defined. */
function valueOf(expr: string, vars: Readonly<Record<string, unknown>>): unknown {
  try {
    return render(`{{ ${expr} }}`, vars);
  } catch (err) {
    if (err instanceof TemplateError && err.variable !== undefined) return NOT_DEFINED;
    throw err;
  }
}
