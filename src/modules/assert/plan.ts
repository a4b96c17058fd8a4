import { evaluateWhen } from '../../playbook/when.js';
import { PlanError } from '../plan-error.js';
import type { ModuleContext, Plan } from '../types.js';
import type { AssertArgs } from './args.js';

/**
 * Every condition of `that`, in order, with the task's variables (the
 * expression language of `when:`); the first false one fails the task with
 * fail_msg (or msg, else Ansible's "Assertion failed") and names it.
 * Nothing for the host.
 */
export function planAssert(args: AssertArgs, ctx: ModuleContext): Plan {
  for (const condition of args.that) {
    if (evaluateWhen(condition, ctx.vars as Record<string, unknown>)) continue;
    throw new PlanError(`${args.fail_msg ?? args.msg ?? 'Assertion failed'} (assertion: ${condition})`);
  }
  const message = args.quiet ? '' : (args.success_msg ?? 'All assertions passed');
  return { changed: false, message, steps: [], diffs: [], updates: [] };
}
