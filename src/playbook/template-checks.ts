/**
 * Parse-time checks of templates and conditions, so a typo in `{{ }}` or in
 * `when:` is reported at its line before anything runs.
 */
import type { YamlPath } from '../inventory/yaml-source.js';
import { formatPath } from '../inventory/zod-problems.js';
import { fail, type Label, type ReadContext } from './read-context.js';
import { checkTemplates } from './template.js';
import { TemplateError } from './template-error.js';
import { isRecord } from './template-values.js';
import { parseCondition } from './when.js';

/** Checks every string inside value; reports the first bad one of each string. */
export function checkTemplatesAt(ctx: ReadContext, value: unknown, base: YamlPath, label: Label): void {
  if (typeof value === 'string') {
    try {
      checkTemplates(value);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      fail(ctx, base, `${formatPath(label)}: ${err.problem}`);
    }
    return;
  }
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : isRecord(value)
      ? Object.entries(value)
      : [];
  for (const [k, v] of entries) checkTemplatesAt(ctx, v, [...base, k], [...label, k]);
}

/** A condition is a string or a list of strings (booleans were turned into words already). */
export function checkConditionAt(ctx: ReadContext, value: string | string[], base: YamlPath, label: Label): void {
  const items = Array.isArray(value) ? value.map((c, i) => [c, [i]] as const) : [[value, []] as const];
  for (const [condition, sub] of items) {
    try {
      parseCondition(condition);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      fail(ctx, [...base, ...sub], `${formatPath([...label, ...sub])}: ${err.problem}`);
    }
  }
}
