/**
 * Ansible's `version` test with its default (loose) comparison: a version
 * is split into numbers and lowercase words ("14.1-RELEASE-p3" is
 * 14, 1, "-RELEASE-", "p", 3), compared part by part; a shorter prefix is
 * the lesser. A number against a word cannot be compared, as in Python.
 * https://docs.ansible.com/ansible/latest/collections/ansible/builtin/version_test.html
 */
import { TemplateError } from './template-error.js';

const OPERATORS: Record<string, 'eq' | 'lt' | 'le' | 'gt' | 'ge' | 'ne'> = {
  '==': 'eq', '=': 'eq', eq: 'eq',
  '<': 'lt', lt: 'lt',
  '<=': 'le', le: 'le',
  '>': 'gt', gt: 'gt',
  '>=': 'ge', ge: 'ge',
  '!=': 'ne', '<>': 'ne', ne: 'ne',
};

type Part = number | string;

export function loosePartsOf(version: string): Part[] {
  return version
    .split(/(\d+|[a-z]+|\.)/)
    .filter((p) => p !== '' && p !== '.')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function compareParts(a: Part[], b: Part[], shown: [string, string]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (typeof x !== typeof y) {
      throw new TemplateError(`version: cannot compare "${shown[0]}" with "${shown[1]}" (${JSON.stringify(x)} against ${JSON.stringify(y)})`);
    }
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

export function versionTest(value: string, version: string, operator: string, versionType: string | undefined): boolean {
  if (versionType !== undefined && versionType !== 'loose') {
    throw new TemplateError(`version: only version_type "loose" is supported, got "${versionType}"`);
  }
  if (value === '') throw new TemplateError('version: the version tested is empty');
  if (version === '') throw new TemplateError('version: the version to compare against is empty');
  const op = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
  if (!op) throw new TemplateError(`version: invalid operator "${operator}" (one of ${Object.keys(OPERATORS).join(', ')})`);
  const c = compareParts(loosePartsOf(value), loosePartsOf(version), [value, version]);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
  }
}
