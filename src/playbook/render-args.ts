/**
 * Renders a task's arguments for one host and validates them with the
 * module's schema; used by the engine for every task it runs.
 */
import type { z } from 'zod';
import { InputError, type SourcePos } from '../errors.js';
import { describeIssues, formatPath } from '../inventory/zod-problems.js';
import { render } from './template.js';
import { TemplateError } from './template-error.js';
import { OMIT } from './template-values.js';
import type { TaskDef } from './types.js';

/** "tasks[2].sysrc", or just "sysrc" for a task built outside a playbook. */
export function argsLabel(task: TaskDef): string {
  return task.path ? `${task.path}.${task.module}` : task.module;
}

/** Position of the argument a zod path starts with, else the module key, else the task. */
export function argPosOf(task: TaskDef, path: ReadonlyArray<string | number>): SourcePos {
  const [first] = path;
  return (typeof first === 'string' ? task.argPos[first] : undefined) ?? task.keyPos?.[task.module] ?? task.pos;
}

export function renderArg(task: TaskDef, key: string, vars: Record<string, unknown>): unknown {
  try {
    return render(task.args[key], vars);
  } catch (err) {
    if (err instanceof TemplateError) throw err.at(argPosOf(task, [key]), `${argsLabel(task)}.${key}: `);
    throw err;
  }
}

export function renderTaskArgs<S extends z.ZodType>(task: TaskDef, vars: Record<string, unknown>, schema: S): z.output<S> {
  return checkTaskArgs(task, renderArgValues(task, vars), schema);
}

/** A task's arguments rendered for one host, before validation (omitted ones left out). */
export function renderArgValues(task: TaskDef, vars: Record<string, unknown>): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  for (const key of Object.keys(task.args)) {
    const value = renderArg(task, key, vars);
    if (value !== OMIT) rendered[key] = value;
  }
  return rendered;
}

/** Rendered arguments validated with the module's schema; an InputError at the argument at fault. */
export function checkTaskArgs<S extends z.ZodType>(task: TaskDef, rendered: Record<string, unknown>, schema: S): z.output<S> {
  const result = schema.safeParse(rendered);
  if (result.success) return result.data;
  const [problem] = describeIssues(result.error.issues, rendered, schema);
  if (!problem) throw new InputError(`${argsLabel(task)}: invalid arguments`, argPosOf(task, []));
  const at = [...problem.path, ...(problem.key !== undefined ? [problem.key] : [])];
  throw new InputError(`${formatPath([argsLabel(task), ...problem.path])}: ${problem.message}`, argPosOf(task, at));
}
