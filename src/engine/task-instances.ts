import type { TaskDef } from '../playbook/types.js';
import { render } from '../playbook/template.js';
import { InputError } from '../errors.js';

/** One run of a task: the task itself, or one item of its loop. */
export interface TaskInstance {
  task: TaskDef;
  label: string;
  vars: Record<string, unknown>;
  /** An item of a loop: its value, and where it is in the loop (the report counts the loop as one task). */
  loop?: { item: unknown; index: number; count: number };
}

function itemLabel(item: unknown): string {
  return typeof item === 'string' ? item : JSON.stringify(item);
}

export function taskLabel(task: TaskDef): string {
  return task.name || task.module;
}

/**
 * Expand a task's loop against the variables visible to it. `extra` (-e)
 * wins over the task's own vars, as in Ansible; only the loop variable is
 * above it.
 */
export function expandTask(task: TaskDef, vars: Record<string, unknown>, extra: Record<string, unknown> = {}): TaskInstance[] {
  const scoped = { ...vars, ...task.vars, ...extra };
  if (task.loop === undefined) return [{ task, label: taskLabel(task), vars: scoped }];
  const items = render(task.loop, scoped);
  if (!Array.isArray(items)) {
    throw new InputError(`loop: expected a list, got ${typeof items}`, task.pos);
  }
  return items.map((item, index) => ({
    task,
    label: `${taskLabel(task)} (${task.loopVar}=${itemLabel(item)})`,
    vars: { ...scoped, [task.loopVar]: item },
    loop: { item, index, count: items.length },
  }));
}
