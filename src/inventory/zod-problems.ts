/**
 * Turns zod issues into messages a YAML author understands ("expected
 * string, got list") and into positions in the YAML file. Shared by the
 * playbook and config loaders; it lives here, at the lowest input layer.
 */
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { keyPos, nodeAt, pathPos, yamlTypeName, type YamlPath, type YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type Key = string | number;

export interface Problem {
  /** Path of the offending value, relative to the validated data. */
  path: Key[];
  message: string;
  /** Set when the problem is a key itself (unknown key): point at the key, not its value. */
  key?: string;
}

const TYPE_WORDS: Record<string, string> = { array: 'list', object: 'map', record: 'map', int: 'integer', tuple: 'list' };

/** One problem per issue, in zod's order, with messages in YAML words. */
export function describeIssues(issues: readonly Issue[], data: unknown, schema?: z.ZodType): Problem[] {
  return issues.flatMap((issue) => describe(issue, [], data, schema));
}

function describe(issue: Issue, prefix: Key[], data: unknown, schema: z.ZodType | undefined): Problem[] {
  const path = [...prefix, ...(issue.path as Key[])];
  const actual = valueAt(data, path);
  switch (issue.code) {
    case 'invalid_type': {
      if (actual === undefined && path.length > 0) {
        return [{ path: path.slice(0, -1), message: `missing required key "${String(path.at(-1))}"` }];
      }
      return [{ path, message: `expected ${typeWord(issue.expected)}, got ${yamlTypeName(actual)}` }];
    }
    case 'invalid_value': {
      const words = issue.values.map((v) => JSON.stringify(v));
      const expected = words.length === 1 ? words[0] : `one of ${words.join(', ')}`;
      return [{ path, message: `expected ${expected}, got ${show(actual)}` }];
    }
    case 'unrecognized_keys': {
      const allowed = schema ? keysAt(schema, path) : undefined;
      const hint = allowed?.length ? `; expected one of ${allowed.join(', ')}` : '';
      return issue.keys.map((key) => ({ path, key, message: `unknown key "${key}"${hint}` }));
    }
    case 'invalid_union':
      return describeUnion(issue, path, data, schema);
    case 'too_small':
    case 'too_big':
      return [{ path, message: `${boundText(issue)}, got ${show(actual)}` }];
    default: {
      // Custom messages ("expected a percentage like ...") still say what was found.
      const got = issue.message.startsWith('expected ') && actual !== undefined ? `, got ${show(actual)}` : '';
      return [{ path, message: issue.message + got }];
    }
  }
}

/**
 * zod already reports the matching alternative's issues directly when only
 * one alternative has the right shape; a union issue means none did.
 */
function describeUnion(issue: Extract<Issue, { code: 'invalid_union' }>, path: Key[], data: unknown, schema?: z.ZodType): Problem[] {
  const alternatives = issue.errors;
  const deeper = alternatives.filter((errs) => errs.length > 0 && errs.every((e) => e.path.length > 0));
  const best = deeper.sort((a, b) => a.length - b.length)[0];
  if (best) return best.flatMap((e) => describe(e, path, data, schema));
  const actual = valueAt(data, path);
  if (actual === undefined && path.length > 0) {
    return [{ path: path.slice(0, -1), message: `missing required key "${String(path.at(-1))}"` }];
  }
  if (issue.message && issue.message !== 'Invalid input') return [{ path, message: `${issue.message}, got ${show(actual)}` }];
  const expected = [...new Set(alternatives.flatMap((errs) => errs.map(expectedWord)))];
  return [{ path, message: `expected ${expected.join(' or ')}, got ${show(actual)}` }];
}

function expectedWord(issue: Issue): string {
  if (issue.code === 'invalid_type') return typeWord(issue.expected);
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  return issue.message.replace(/^expected /, '');
}

function boundText(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const bound = small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum;
  const inclusive = issue.inclusive !== false;
  const cmp = small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `expected ${small ? 'at least' : 'at most'} ${String(bound)} item(s)`;
    case 'string':
      return `expected ${small ? 'at least' : 'at most'} ${String(bound)} character(s)`;
    default:
      return `expected a number ${cmp} ${String(bound)}`;
  }
}

function typeWord(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

/** Short form of a value for messages: strings quoted, collections by type. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  return yamlTypeName(value);
}

export function valueAt(data: unknown, path: readonly Key[]): unknown {
  let cur = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<Key, unknown>)[key];
  }
  return cur;
}

/** `tasks[2].sysrc.name` */
export function formatPath(path: readonly Key[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** Keys an object schema accepts at path (through optional/default/nullable and arrays). */
export function keysAt(schema: z.ZodType, path: readonly Key[]): string[] | undefined {
  let cur: unknown = schema;
  for (const key of [...path, undefined]) {
    cur = unwrap(cur);
    const def = defOf(cur);
    if (key === undefined) return def?.shape ? Object.keys(def.shape) : undefined;
    if (def?.type === 'array') cur = def.element;
    else if (def?.shape && typeof key === 'string') cur = def.shape[key];
    else return undefined;
  }
  return undefined;
}

interface LooseDef {
  type?: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
}

function defOf(schema: unknown): LooseDef | undefined {
  return (schema as { _zod?: { def?: LooseDef } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let cur = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(cur);
    if (def?.innerType) cur = def.innerType;
    else if (def?.type === 'pipe' && def.in) cur = def.in;
    else break;
  }
  return cur;
}

/**
 * An InputError for one problem. `base` is where the validated data sits in
 * the YAML document; `label` prefixes the path in the message (e.g. "tasks[2].sysrc").
 */
export function problemError(src: YamlSource, base: YamlPath, problem: Problem, label: Key[] = []): InputError {
  const full = [...base, ...problem.path];
  const where = formatPath([...label, ...problem.path]);
  const pos = problem.key !== undefined ? keyPos(src, nodeAt(src, full), problem.key) : missingAwarePos(src, full, problem);
  return new InputError(where ? `${where}: ${problem.message}` : problem.message, pos);
}

/**
 * A missing key, or a rule about a whole map (a refinement), is reported at
 * the key that holds the map (e.g. "sysrc:"), when there is one.
 */
function missingAwarePos(src: YamlSource, full: Key[], problem: Problem): ReturnType<typeof pathPos> {
  const last = full.at(-1);
  const aboutWholeMap = problem.path.length === 0 || problem.message.startsWith('missing required key');
  if (aboutWholeMap && typeof last === 'string') {
    return keyPos(src, nodeAt(src, full.slice(0, -1)), last);
  }
  return pathPos(src, full);
}
