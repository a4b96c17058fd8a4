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

/**
 * Maps that compute their members when read (`hostvars`): the renderer and
 * hasTemplate pass them by whole, so one lookup never walks (or renders)
 * every host of a large fleet.
 */
const lazyMaps = new WeakSet<object>();

export function markLazy<T extends object>(value: T): T {
  lazyMaps.add(value);
  return value;
}

export function isLazy(value: unknown): boolean {
  return typeof value === 'object' && value !== null && lazyMaps.has(value);
}

/** value, or a copy of it with lazy maps read out (what a template hands to a module). */
export function plain(value: unknown): unknown {
  return containsLazy(value) ? copyOut(value) : value;
}

function containsLazy(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (isLazy(value)) return true;
  return (Array.isArray(value) ? value : Object.values(value)).some(containsLazy);
}

function copyOut(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOut);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setKey(out, k, copyOut(v));
  return out;
}

/**
 * Sets an own data property. Keys come from data (YAML, JSON, items2dict),
 * and `obj[k] = v` with k "__proto__" would change the object's prototype.
 */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An own member of a map or list, or undefined: templates never reach prototypes. */
export function ownMember(obj: unknown, key: string | number): { found: boolean; value?: unknown } {
  if ((Array.isArray(obj) || typeof obj === 'string') && typeof key === 'number' && Number.isInteger(key)) {
    const i = key < 0 ? obj.length + key : key;
    return i >= 0 && i < obj.length ? { found: true, value: obj[i] } : { found: false };
  }
  if (isRecord(obj) && Object.hasOwn(obj, String(key))) return { found: true, value: obj[String(key)] };
  return { found: false };
}

/**
 * Jinja's attribute paths (`sort(attribute='a.b')`, `map(attribute='x.0')`):
 * dotted, with integer parts used as list indexes.
 */
export function attrPath(value: unknown, path: string | number): { found: boolean; value?: unknown } {
  const parts = typeof path === 'number' ? [path] : path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  let cur: unknown = value;
  for (const part of parts) {
    let step = ownMember(cur, part);
    // A digit part also names a map key ("0"), as Jinja's getitem falls back.
    if (!step.found && typeof part === 'number') step = ownMember(cur, String(part));
    if (!step.found) return { found: false };
    cur = step.value;
  }
  return { found: true, value: cur };
}
