/** Shared state while reading one playbook: where problems go and how they are placed. */
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { ONE_SHOT } from '../one-shot-parse.js';
import { describeIssues, problemError } from '../inventory/zod-problems.js';
import { pathPos, type YamlPath, type YamlSource } from '../inventory/yaml-source.js';
import type { ModuleRegistry } from './module-registry.js';

export type Label = Array<string | number>;

export interface ReadContext {
  src: YamlSource;
  modules: ModuleRegistry;
  problems: InputError[];
  /** Absolute paths of the files being read, outermost first: an import of one of them is a cycle. */
  stack?: string[];
}

export function fail(ctx: ReadContext, path: YamlPath, message: string): void {
  ctx.problems.push(new InputError(message, pathPos(ctx.src, path)));
}

/** Validates data (found at `base` in the YAML) and records each issue; returns the parsed value or undefined. */
export function check<S extends z.ZodType>(
  ctx: ReadContext,
  schema: S,
  data: unknown,
  base: YamlPath,
  label: Label,
): z.output<S> | undefined {
  const result = schema.safeParse(data, ONE_SHOT);
  if (result.success) return result.data;
  for (const p of describeIssues(result.error.issues, data, schema)) ctx.problems.push(problemError(ctx.src, base, p, label));
  return undefined;
}
