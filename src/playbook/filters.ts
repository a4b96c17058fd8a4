/**
 * The fixed set of filters and tests, by name. Adding one means adding it
 * to one of the tables it is built from (filters-*.ts, tests-is.ts). There
 * is no way to call anything else from a template.
 */
import { Args, callProblem, type Calls, type FilterDef, type TestDef } from './filter-args.js';
import { CONVERT_FILTERS } from './filters-convert.js';
import { DATA_FILTERS } from './filters-data.js';
import { DICT_FILTERS } from './filters-dicts.js';
import { LIST_FILTERS } from './filters-lists.js';
import { TEXT_FILTERS } from './filters-text.js';
import { nearestName } from './nearest-name.js';
import { TemplateError } from './template-error.js';
import { need } from './template-values.js';
import { TESTS } from './tests-is.js';

const FILTERS: Record<string, FilterDef> = { ...CONVERT_FILTERS, ...TEXT_FILTERS, ...LIST_FILTERS, ...DICT_FILTERS, ...DATA_FILTERS };

export const FILTER_NAMES: readonly string[] = Object.keys(FILTERS);
export const TEST_NAMES: readonly string[] = Object.keys(TESTS);

/** `unknown filter "lenght" (did you mean "length"?)`, or the known names when nothing is near. */
function unknown(kind: 'filter' | 'test', name: string): string {
  const known = (kind === 'filter' ? FILTER_NAMES : TEST_NAMES.filter((t) => /^\w/.test(t))).toSorted();
  const near = nearestName(name, known);
  return `unknown ${kind} "${name}" (${near !== undefined ? `did you mean "${near}"?` : `known: ${known.join(', ')}`})`;
}

export function filterDef(name: string): FilterDef | undefined {
  return Object.hasOwn(FILTERS, name) ? FILTERS[name] : undefined;
}

export function testDef(name: string): TestDef | undefined {
  return Object.hasOwn(TESTS, name) ? TESTS[name] : undefined;
}

/**
 * Why a call written in a template cannot work, checked when it is parsed:
 * an unknown name, arguments that do not fit, or a filter or test named by
 * a literal argument (`map('uper')`) that does not exist.
 */
export function callCheck(kind: 'filter' | 'test', name: string, positional: ReadonlyArray<unknown>, keywords: readonly string[]): string | undefined {
  const def = kind === 'filter' ? filterDef(name) : testDef(name);
  if (!def) return unknown(kind, name);
  const problem = callProblem({ kind, name, sig: def }, positional.length, keywords);
  if (problem) return problem;
  const names = kind === 'filter' ? (def as FilterDef).names : undefined;
  const named = names ? positional[names.index] : undefined;
  if (names && typeof named === 'string') {
    if (names.kind === 'filter' && !filterDef(named)) return `${name}: ${unknown('filter', named)}${hintAttribute(name, named)}`;
    if (names.kind === 'test' && !testDef(named)) return `${name}: ${unknown('test', named)}`;
  }
  return undefined;
}

/** map('name') names a filter, as in Jinja; an attribute is map(attribute='name'). */
function hintAttribute(filter: string, named: string): string {
  return filter === 'map' && nearestName(named, FILTER_NAMES) === undefined ? ` (to take an attribute, write map(attribute='${named}'))` : '';
}

const calls: Calls = {
  filter: (name, input, positional, keywords = []) => applyFilter(name, input, positional, keywords),
  test: (name, value, positional) => applyTest(name, value, positional),
};

export function applyFilter(name: string, input: unknown, positional: unknown[], keywords: ReadonlyArray<[string, unknown]> = []): unknown {
  const def = filterDef(name);
  if (!def) throw new TemplateError(unknown('filter', name));
  const args = Args.bind({ kind: 'filter', name, sig: def }, positional, keywords);
  const names = def.names;
  const named = names ? positional[names.index] : undefined;
  if (names && typeof named === 'string' && !(names.kind === 'filter' ? filterDef(named) : testDef(named))) {
    throw new TemplateError(`${name}: ${unknown(names.kind, named)}${names.kind === 'filter' ? hintAttribute(name, named) : ''}`);
  }
  return def.apply(def.undefinedInput ? input : need(input), args, calls);
}

export function applyTest(name: string, value: unknown, positional: unknown[] = [], keywords: ReadonlyArray<[string, unknown]> = []): boolean {
  const def = testDef(name);
  if (!def) throw new TemplateError(unknown('test', name));
  const args = Args.bind({ kind: 'test', name, sig: def }, positional, keywords);
  return def.apply(def.undefinedInput ? value : need(value), args, calls);
}
