/**
 * Tests for `x is name(args)`, and for select/reject by name: Jinja2's
 * built-in tests (https://jinja.palletsprojects.com/en/stable/templates/#builtin-tests)
 * and Ansible's (https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_tests.html).
 */
import { NONE, type Args, type TestDef } from './filter-args.js';
import { pyRegex } from './py-regex.js';
import { TemplateError } from './template-error.js';
import { Undefined, deepEqual, isRecord, toText, truthy, typeName } from './template-values.js';
import { toBool } from './filters-convert.js';
import { pyCompare } from './filters-lists.js';
import { versionTest } from './version-compare.js';

const is = (check: (v: unknown) => boolean): TestDef => ({ ...NONE, apply: check });
const against = (check: (v: unknown, other: unknown) => boolean): TestDef => ({ params: ['other'], required: 1, apply: (v, a) => check(v, a.raw('other')) });

/** Registered task results are maps like {changed, failed, skipped}. */
function resultFlag(value: unknown, flag: string, test: string): boolean {
  if (!isRecord(value)) throw new TemplateError(`"is ${test}" needs a registered task result, got ${typeName(value)}`);
  return value[flag] === true;
}

const result = (flag: string, test: string, want = true): TestDef => is((v) => resultFlag(v, flag, test) === want);

function contains(fn: string, container: unknown, item: unknown): boolean {
  if (Array.isArray(container)) return container.some((c) => deepEqual(c, item));
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (isRecord(container)) return (typeof item === 'string' || typeof item === 'number') && Object.hasOwn(container, String(item));
  throw new TemplateError(`"${fn}" needs a list, string or map, got ${typeName(container)}`);
}

/** match (anchored at the start, as Python's re.match), search (anywhere), regex (either). */
function regexTest(kind: 'match' | 'search' | 'regex'): TestDef {
  return {
    params: ['pattern', 'ignorecase', 'multiline', ...(kind === 'regex' ? ['match_type'] : [])],
    required: 1,
    apply: (v, a: Args) => {
      const how = kind === 'regex' ? a.string('match_type', 'search') : kind;
      if (how !== 'match' && how !== 'search' && how !== 'fullmatch') throw new TemplateError(`regex: match_type must be match, search or fullmatch, got "${how}"`);
      const pattern = how === 'fullmatch' ? `(?:${a.string('pattern')})\\Z` : a.string('pattern');
      const re = pyRegex(kind, pattern, { ignorecase: a.bool('ignorecase'), multiline: a.bool('multiline') }, how === 'search' ? '' : 'y');
      return re.test(toText(v));
    },
  };
}

const integer = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);

const eq = against((v, o) => deepEqual(v, o));
const ne = against((v, o) => !deepEqual(v, o));
const lt = against((v, o) => pyCompare('lt', v, o) < 0);
const le = against((v, o) => pyCompare('le', v, o) <= 0);
const gt = against((v, o) => pyCompare('gt', v, o) > 0);
const ge = against((v, o) => pyCompare('ge', v, o) >= 0);
const version: TestDef = {
  params: ['version', 'operator', 'strict', 'version_type'],
  required: 1,
  apply: (v, a) => versionTest(toText(v), toText(a.raw('version')), a.string('operator', 'eq'), a.optionalString('version_type')),
};
const inTest = against((v, seq) => contains('in', seq, v));

export const TESTS: Record<string, TestDef> = {
  defined: { ...NONE, undefinedInput: true, apply: (v) => !(v instanceof Undefined) },
  undefined: { ...NONE, undefinedInput: true, apply: (v) => v instanceof Undefined },
  none: is((v) => v === null),
  truthy: { params: ['convert_bool'], required: 0, apply: (v, a) => (a.bool('convert_bool') && typeof v === 'string' ? toBool(v) : truthy(v)) },
  falsy: { params: ['convert_bool'], required: 0, apply: (v, a) => !(a.bool('convert_bool') && typeof v === 'string' ? toBool(v) : truthy(v)) },
  true: is((v) => v === true),
  false: is((v) => v === false),
  boolean: is((v) => typeof v === 'boolean'),
  string: is((v) => typeof v === 'string'),
  number: is((v) => typeof v === 'number'),
  integer: is(integer),
  float: is((v) => typeof v === 'number' && !Number.isInteger(v)),
  // As in Jinja: a mapping is a dict; a sequence or iterable is a list, string or dict.
  mapping: is(isRecord),
  sequence: is((v) => typeof v === 'string' || Array.isArray(v) || isRecord(v)),
  iterable: is((v) => typeof v === 'string' || Array.isArray(v) || isRecord(v)),
  lower: is((v) => typeof v === 'string' && v === v.toLowerCase()),
  upper: is((v) => typeof v === 'string' && v === v.toUpperCase()),
  even: is((v) => integer(v) && (v as number) % 2 === 0),
  odd: is((v) => integer(v) && Math.abs((v as number) % 2) === 1),
  divisibleby: { params: ['num'], required: 1, apply: (v, a) => integer(v) && (v as number) % a.int('num') === 0 },
  sameas: against((v, o) => v === o),
  eq, equalto: eq, '==': eq,
  ne, '!=': ne,
  lt, lessthan: lt, '<': lt,
  le, '<=': le,
  gt, greaterthan: gt, '>': gt,
  ge, '>=': ge,
  in: inTest,
  contains: against((seq, v) => contains('contains', seq, v)),
  subset: against((v, o) => Array.isArray(v) && Array.isArray(o) && v.every((x) => o.some((y) => deepEqual(x, y)))),
  superset: against((v, o) => Array.isArray(v) && Array.isArray(o) && o.every((x) => v.some((y) => deepEqual(x, y)))),
  all: is((v) => Array.isArray(v) && v.every(truthy)),
  any: is((v) => Array.isArray(v) && v.some(truthy)),
  match: regexTest('match'),
  search: regexTest('search'),
  regex: regexTest('regex'),
  version,
  version_compare: version,
  changed: result('changed', 'changed'),
  change: result('changed', 'change'),
  failed: result('failed', 'failed'),
  failure: result('failed', 'failure'),
  succeeded: result('failed', 'succeeded', false),
  success: result('failed', 'success', false),
  successful: result('failed', 'successful', false),
  skipped: result('skipped', 'skipped'),
  skip: result('skipped', 'skip'),
};

