/**
 * Python-style signatures of filters and tests: arguments by position or by
 * name (`sort(attribute='name', reverse=true)`). Calls are checked against
 * them when a template is parsed, so a wrong call is reported before a run.
 */
import { nearestName } from './nearest-name.js';
import { TemplateError } from './template-error.js';
import { isRecord, typeName } from './template-values.js';

export interface Signature {
  /** Parameters after the input, in order: each given by position or by name. */
  params: readonly string[];
  /** How many leading params must be given. */
  required: number;
  /** Extra positional arguments are taken (combine's maps, map's filter arguments). */
  rest?: boolean;
  /** Parameters that can only be named (they follow `rest`). */
  keywords?: readonly string[];
}

/** What is being called, for messages: `filter "sort"`, `test "version"`. */
export interface Callee {
  kind: 'filter' | 'test';
  name: string;
  sig: Signature;
}

const plural = (n: number): string => (n === 1 ? '' : 's');

/** Why a call with these positional count and keyword names does not fit, or undefined. */
export function callProblem(callee: Callee, positional: number, keywords: readonly string[]): string | undefined {
  const { sig } = callee;
  const what = `${callee.kind} "${callee.name}"`;
  const max = sig.params.length;
  const want = sig.required === max ? `${max}` : `${sig.required} to ${max}`;
  if (positional > max && !sig.rest) return `${what} takes ${want} argument${plural(max)}, got ${positional}`;
  const named = [...sig.params, ...(sig.keywords ?? [])];
  const seen = new Set<string>();
  for (const k of keywords) {
    if (!named.includes(k)) {
      const near = nearestName(k, named);
      const hint = near ? `did you mean "${near}"?` : named.length ? `it takes: ${named.join(', ')}` : 'it takes none';
      return `${what} has no argument "${k}" (${hint})`;
    }
    const index = sig.params.indexOf(k);
    if (seen.has(k) || (index !== -1 && index < positional)) return `${what} got argument "${k}" twice`;
    seen.add(k);
  }
  for (let i = positional; i < sig.required; i++) {
    const p = sig.params[i]!;
    if (!seen.has(p)) return keywords.length ? `${what} needs argument "${p}"` : `${what} takes ${want} argument${plural(max)}, got ${positional}`;
  }
  return undefined;
}

/** Arguments of one call, bound to parameter names, with checked accessors. */
export class Args {
  private constructor(
    private readonly fn: string,
    private readonly values: Map<string, unknown>,
    /** Positional arguments past the named parameters. */
    readonly rest: unknown[],
  ) {}

  static bind(callee: Callee, positional: unknown[], keywords: ReadonlyArray<[string, unknown]>): Args {
    const problem = callProblem(callee, positional.length, keywords.map(([k]) => k));
    if (problem) throw new TemplateError(problem);
    const values = new Map<string, unknown>();
    callee.sig.params.forEach((p, i) => {
      if (i < positional.length) values.set(p, positional[i]);
    });
    for (const [k, v] of keywords) values.set(k, v);
    return new Args(callee.name, values, positional.slice(callee.sig.params.length));
  }

  /** Given, and not none (Python's "not given" default for optional parameters). */
  has(name: string): boolean {
    return this.values.has(name) && this.values.get(name) !== null;
  }

  /** As given (none included: `default(none)` is none), else the fallback. */
  raw(name: string, fallback?: unknown): unknown {
    return this.values.has(name) ? this.values.get(name) : fallback;
  }

  string(name: string, fallback?: string): string {
    const v = this.has(name) ? this.values.get(name) : fallback;
    if (typeof v !== 'string') throw this.wrong(name, 'a string', v);
    return v;
  }

  optionalString(name: string): string | undefined {
    return this.has(name) ? this.string(name) : undefined;
  }

  bool(name: string, fallback = false): boolean {
    const v = this.has(name) ? this.values.get(name) : fallback;
    if (typeof v !== 'boolean') throw this.wrong(name, 'true or false', v);
    return v;
  }

  int(name: string, fallback?: number): number {
    const v = this.has(name) ? this.values.get(name) : fallback;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw this.wrong(name, 'an integer', v);
    return v;
  }

  private wrong(name: string, want: string, got: unknown): TemplateError {
    return new TemplateError(`${this.fn}: argument "${name}" must be ${want}, got ${typeName(got)}`);
  }
}

/** The filter's input as a list, or an input error naming the filter. */
export function needList(fn: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new TemplateError(`${fn}: expected a list, got ${typeName(value)}`);
  return value;
}

export function needMap(fn: string, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new TemplateError(`${fn}: expected a map, got ${typeName(value)}`);
  return value;
}

export function needString(fn: string, value: unknown): string {
  if (typeof value !== 'string') throw new TemplateError(`${fn}: expected a string, got ${typeName(value)}`);
  return value;
}

export function needNumber(fn: string, value: unknown): number {
  if (typeof value !== 'number') throw new TemplateError(`${fn}: expected a number, got ${typeName(value)}`);
  return value;
}

/** Lists as they are; strings as characters and maps as keys, as Python iterates them. */
export function iterate(fn: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isRecord(value)) return Object.keys(value);
  throw new TemplateError(`${fn}: expected a list, got ${typeName(value)}`);
}

/** How map/select call other filters and tests by name. */
export interface Calls {
  filter(name: string, input: unknown, positional: unknown[], keywords?: ReadonlyArray<[string, unknown]>): unknown;
  test(name: string, value: unknown, positional: unknown[]): boolean;
}

/** A positional argument that names a filter or test (`map('upper')`, `select('match', ...)`), checked when parsed. */
export interface NameArg {
  index: number;
  kind: 'filter' | 'test';
}

export interface FilterDef extends Signature {
  apply(input: unknown, args: Args, calls: Calls): unknown;
  /** Takes an undefined input (default, mandatory); any other filter reports the undefined variable. */
  undefinedInput?: boolean;
  names?: NameArg;
}

export interface TestDef extends Signature {
  apply(value: unknown, args: Args, calls: Calls): boolean;
  undefinedInput?: boolean;
}

/** A signature with no arguments. */
export const NONE: Signature = { params: [], required: 0 };
