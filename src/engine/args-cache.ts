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
import { checkTaskArgs, renderArgValues } from '../playbook/render-args.js';
import type { TaskDef } from '../playbook/types.js';

/**
 * Per schema, in two generations: when the young one is full it becomes the
 * old one and the old one is dropped; a hit in the old one moves up. A host
 * plans a task twice within the rounds of the hosts running alongside it,
 * so that reuse stays; a host's own addresses are forgotten after.
 */
const YOUNG_MAX = 256;

interface Generations {
  young: Map<string, unknown>;
  old: Map<string, unknown>;
}

const parsed = new WeakMap<z.ZodType, Generations>();

function lookup(g: Generations, key: string): unknown {
  const hit = g.young.get(key);
  if (hit !== undefined) return hit;
  const aged = g.old.get(key);
  if (aged !== undefined) keep(g, key, aged);
  return aged;
}

function keep(g: Generations, key: string, value: unknown): void {
  if (g.young.size >= YOUNG_MAX) {
    g.old = g.young;
    g.young = new Map();
  }
  g.young.set(key, value);
}

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
  const key = JSON.stringify(rendered);
  let g = parsed.get(schema);
  if (!g) parsed.set(schema, (g = { young: new Map(), old: new Map() }));
  const hit = lookup(g, key);
  if (hit !== undefined) return hit as z.output<S>;
  const args = deepFreeze(checkTaskArgs(task, rendered, schema));
  keep(g, key, args);
  return args;
}
