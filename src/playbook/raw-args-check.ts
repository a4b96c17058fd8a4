/**
 * Module arguments checked as written, before templating: a wrong type or a
 * missing argument is reported at parse time with its line. Any value that
 * is (or sits inside) a `{{ }}` string could become anything once rendered,
 * so issues about such values are left to the check after rendering.
 */
import type { z } from 'zod';
import { describeIssues, keysAt, type Problem, valueAt } from '../inventory/zod-problems.js';
import { ONE_SHOT } from '../one-shot-parse.js';
import { nearestName } from './nearest-name.js';
import { hasTemplate } from './template.js';

type Issue = z.core.$ZodIssue;
type Key = string | number;

export function rawArgProblems(schema: z.ZodType, args: Record<string, unknown>): Problem[] {
  let result: ReturnType<z.ZodType['safeParse']>;
  try {
    result = schema.safeParse(args, ONE_SHOT);
  } catch (err) {
    // A module's transform may choke on an unrendered template; judge it after rendering.
    if (hasTemplate(args)) return [];
    return [{ path: [], message: (err as Error).message }];
  }
  if (result.success) return [];
  const kept = result.error.issues.filter((issue) => !dependsOnTemplate(issue, args));
  return describeIssues(kept, args, schema).map((p) => withSuggestion(p, schema));
}

/** A misspelt argument names the one it most likely meant ("nmae" -> "name"), else the accepted ones. */
function withSuggestion(problem: Problem, schema: z.ZodType): Problem {
  if (problem.key === undefined) return problem;
  const near = nearestName(problem.key, keysAt(schema, problem.path) ?? []);
  return near === undefined ? problem : { ...problem, message: `unknown key "${problem.key}" (did you mean "${near}"?)` };
}

function dependsOnTemplate(issue: Issue, args: unknown): boolean {
  const path = issue.path as Key[];
  for (let i = 0; i <= path.length; i++) {
    const v = valueAt(args, path.slice(0, i));
    if (typeof v === 'string' && v.includes('{{')) return true;
  }
  // Cross-field rules (refinements, unions) may hinge on a templated value inside.
  if (issue.code === 'invalid_type' || issue.code === 'unrecognized_keys') return false;
  return hasTemplate(valueAt(args, path));
}
