/**
 * `when:` conditions: bare Jinja-like expressions (no braces needed); a list
 * means every condition must hold. A condition wrapped whole in `{{ }}` is
 * accepted too, since users coming from old Ansible write it that way.
 */
import { rootNames, type Expr } from './expr-ast.js';
import { evaluate } from './expr-eval.js';
import { parseExpression } from './expr-parser.js';
import { scopeOf } from './template.js';
import { truthy } from './template-values.js';

export function evaluateWhen(expr: string | string[], vars: Record<string, unknown>): boolean {
  const list = Array.isArray(expr) ? expr : [expr];
  const scope = scopeOf(vars);
  return list.every((c) => truthy(evaluate(parseCondition(c), scope)));
}

const cache = new Map<string, Expr>();

/** Parses one condition; throws TemplateError on a syntax error. */
export function parseCondition(condition: string): Expr {
  const known = cache.get(condition);
  if (known) return known;
  const braced = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  const e = parseExpression(braced?.[1] ?? condition);
  cache.set(condition, e);
  return e;
}

/** Root variable names a condition (or list of them) reads. */
export function conditionVarsUsed(expr: string | string[]): string[] {
  const names: string[] = [];
  for (const c of Array.isArray(expr) ? expr : [expr]) rootNames(parseCondition(c), names);
  return names;
}
