/**
 * Validated task arguments, shared. A planner renders a task's arguments
 * twice for a host (for the facts it names, then to plan), and most tasks
 * render alike on every host (only the addresses differ in a few), while the
 * schema's parse is the costliest part of planning a task that has nothing
 * to change. So a parse is kept per schema under the rendered value's JSON:
 * only equal input finds it. It is frozen, since planners on other hosts get
 * the same object, and nothing is kept for input JSON cannot tell apart
 * exactly (undefined, NaN, objects not plain).
 */
import type { z } from 'zod';
import { ContentLru } from '../content-lru.js';
import { checkTaskArgs, renderArgValues } from '../playbook/render-args.js';
import type { TaskDef } from '../playbook/types.js';

/**
 * Per schema, 512 parses at most (content-lru.ts): a host plans a task twice
 * within the rounds of the hosts running alongside it, so that reuse stays;
 * a host's own addresses are forgotten after.
 */
const parsed = new WeakMap<z.ZodType, ContentLru<unknown>>();

/** Whether JSON.stringify renders `value` as itself (so equal texts mean equal input). */
function jsonExact(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(jsonExact);
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      return Object.values(value).every(jsonExact);
    }
    default:
      return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/** renderTaskArgs (playbook/render-args.ts), with the validation shared between equal inputs. */
export function cachedTaskArgs<S extends z.ZodType>(task: TaskDef, vars: Record<string, unknown>, schema: S): z.output<S> {
  const rendered = renderArgValues(task, vars);
  if (!jsonExact(rendered)) return checkTaskArgs(task, rendered, schema);
  let cache = parsed.get(schema);
  if (!cache) parsed.set(schema, (cache = new ContentLru(512)));
  return cache.get(JSON.stringify(rendered), () => deepFreeze(checkTaskArgs(task, rendered, schema))) as z.output<S>;
}
