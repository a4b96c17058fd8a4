import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/playbook/template-error.js';
// The engine imports evaluateWhen from template.js; test that path.
import { evaluateWhen } from '../../src/playbook/template.js';
import { conditionVarsUsed } from '../../src/playbook/when.js';

const vars = {
  os: 'FreeBSD',
  major: 14,
  enabled: true,
  off: false,
  zero: 0,
  empty: [],
  jails: ['www', 'db'],
  opts: { ssl: true },
  changed_result: { changed: true, failed: false, skipped: false },
  same_result: { changed: false, failed: false },
  failed_result: { changed: false, failed: true },
  nothing: null,
};

const when = (expr: string | string[]): boolean => evaluateWhen(expr, vars);

const problem = (expr: string): string => {
  try {
    when(expr);
  } catch (err) {
    if (err instanceof TemplateError) return err.message;
    throw err;
  }
  throw new Error('expected a TemplateError');
};

describe('evaluateWhen', () => {
  it('uses Python-like truthiness for bare variables', () => {
    expect(when('enabled')).toBe(true);
    expect(when('off')).toBe(false);
    expect(when('zero')).toBe(false);
    expect(when('empty')).toBe(false);
    expect(when('jails')).toBe(true);
    expect(when('nothing')).toBe(false);
    expect(when('not off')).toBe(true);
    expect(when('not not enabled')).toBe(true);
  });

  it('compares with == != < > <= >=', () => {
    expect(when("os == 'FreeBSD'")).toBe(true);
    expect(when('os != "Linux"')).toBe(true);
    expect(when('major > 13')).toBe(true);
    expect(when('major >= 14 and major <= 14')).toBe(true);
    expect(when('major < 14')).toBe(false);
    expect(when("'abc' < 'abd'")).toBe(true);
    expect(when("jails == ['www', 'db']")).toBe(true);
  });

  it('combines with and, or, not and parentheses, not binding tighter than and', () => {
    expect(when('off or enabled')).toBe(true);
    expect(when('off and enabled')).toBe(false);
    expect(when('not off and enabled')).toBe(true);
    expect(when('not (off or enabled)')).toBe(false);
    expect(when('enabled and (off or major == 14)')).toBe(true);
  });

  it('short-circuits, so a guard protects an undefined variable', () => {
    expect(when('nope is defined and nope.x')).toBe(false);
    expect(when('enabled or nope')).toBe(true);
  });

  it('tests defined and not defined, also along paths', () => {
    expect(when('os is defined')).toBe(true);
    expect(when('nope is defined')).toBe(false);
    expect(when('nope is not defined')).toBe(true);
    expect(when('nope is undefined')).toBe(true);
    expect(when('opts.ssl is defined')).toBe(true);
    expect(when('opts.tls is defined')).toBe(false);
    expect(when('nope.deeper is defined')).toBe(false);
    expect(when('nothing is none')).toBe(true);
  });

  it('tests membership in literal lists, variables, strings and maps', () => {
    expect(when("'www' in jails")).toBe(true);
    expect(when("'mail' not in jails")).toBe(true);
    expect(when("major in [13, 14]")).toBe(true);
    expect(when("'BSD' in os")).toBe(true);
    expect(when("'ssl' in opts")).toBe(true);
  });

  it('reads registered results with is changed / .changed and friends', () => {
    expect(when('changed_result is changed')).toBe(true);
    expect(when('changed_result.changed')).toBe(true);
    expect(when('same_result is changed')).toBe(false);
    expect(when('same_result is not changed')).toBe(true);
    expect(when('failed_result is failed')).toBe(true);
    expect(when('failed_result is succeeded')).toBe(false);
    expect(when('changed_result is skipped')).toBe(false);
  });

  it('knows the literals true/True/false/False, numbers and strings', () => {
    expect(when('true')).toBe(true);
    expect(when('True')).toBe(true);
    expect(when('False')).toBe(false);
    expect(when('false')).toBe(false);
    expect(when('1.5 > 1')).toBe(true);
    expect(when("'x'")).toBe(true);
  });

  it('requires every condition of a list', () => {
    expect(when(['enabled', 'major == 14'])).toBe(true);
    expect(when(['enabled', 'off'])).toBe(false);
    expect(when([])).toBe(true);
  });

  it('accepts a condition wrapped whole in {{ }}', () => {
    expect(when('{{ major == 14 }}')).toBe(true);
  });

  it('allows filters inside conditions', () => {
    expect(when("os | lower == 'freebsd'")).toBe(true);
    expect(when("nope | default('x') == 'x'")).toBe(true);
  });

  it('reports undefined variables, bad comparisons, bad tests and syntax errors', () => {
    expect(problem('nope')).toBe('undefined variable "nope"');
    expect(problem("nope == 'x'")).toBe('undefined variable "nope"');
    expect(problem("major > 'x'")).toBe('cannot compare number with string using ">"');
    expect(problem("'x' in major")).toBe('"in" needs a list, string or map on its right, got number');
    expect(problem('os is changed')).toBe('"is changed" needs a registered task result, got string');
    expect(problem('os is frob')).toMatch(/^unknown test "frob" \(known: all, any, boolean, .*, version_compare\)$/);
    expect(problem('(enabled')).toBe('expected ")" but found end of expression in "(enabled"');
    expect(problem('enabled and')).toBe('expected a value but found end of expression in "enabled and"');
    expect(problem('os = 1')).toBe('unexpected character "=" in expression "os = 1"');
  });
});

describe('conditionVarsUsed', () => {
  it('lists root names of every condition', () => {
    expect(conditionVarsUsed(['a.b is defined', "c in d and 'x' == a"])).toEqual(['a', 'c', 'd']);
  });
});
