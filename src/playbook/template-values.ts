/**
 * Value helpers shared by filters and the evaluator: the "undefined" marker,
 * Python-like truthiness, equality and the text form of values.
 */
import { TemplateError } from './template-error.js';

/**
 * Ansible's `omit`: an argument whose value renders to it is left out, as
 * if it were not written (`dataset: "{{ jail_dataset | default(omit) }}"`).
 */
export const OMIT: unique symbol = Symbol('omit');

/** A lookup that found nothing. Only `is defined` and `default` may touch it. */
export class Undefined {
  constructor(readonly name: string) {}
}

export function need(value: unknown): unknown {
  if (value instanceof Undefined) throw new TemplateError(`undefined variable "${value.name}"`, undefined, value.name);
  return value;
}

export function truthy(value: unknown): boolean {
  const v = need(value);
  if (Array.isArray(v)) return v.length > 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * How a value reads when embedded in text: booleans and null in YAML's
 * spelling (true/false/empty), lists and maps as JSON. Ansible would print
 * Python's True/None; YAML users never wrote those.
 */
export function toText(value: unknown): string {
  const v = need(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'map';
  return typeof value;
}
