import { plain } from '../../playbook/template-values.js';
import type { Plan } from '../types.js';
import type { SetFactArgs } from './args.js';

/**
 * The values (already rendered with the task's variables) become host
 * variables for the tasks after it, as Ansible's set_fact does. They are
 * known on the controller when the task is planned, so a later task
 * planned from them plans from nothing a pending step may change
 * (DESIGN.md §4). Nothing for the host.
 */
export function planSetFact(args: SetFactArgs): Plan {
  const vars = plain(args) as Record<string, unknown>;
  return { changed: false, message: `set ${Object.keys(vars).join(', ')}`, steps: [], diffs: [], updates: [], vars };
}
