/** The fixed set of filters and tests. Adding one means adding it here. */
import { quote } from '../shell/quote.js';
import { TemplateError } from './template-error.js';
import { Undefined, isRecord, need, toText, truthy, typeName } from './template-values.js';

/** [min, max] argument counts, checked when a template is parsed. */
export const FILTER_ARITY: Record<string, [number, number]> = {
  default: [1, 2],
  join: [0, 1],
  upper: [0, 0],
  lower: [0, 0],
  trim: [0, 0],
  quote: [0, 0],
  int: [0, 0],
  string: [0, 0],
  bool: [0, 0],
  length: [0, 0],
};

export const TEST_NAMES = ['defined', 'undefined', 'none', 'changed', 'failed', 'succeeded', 'skipped', 'string', 'number'];

export function applyFilter(name: string, input: unknown, args: unknown[]): unknown {
  if (name === 'default') {
    // default(x, true) also replaces falsy values, as in Jinja.
    const orFalsy = args[1] !== undefined && truthy(args[1]);
    if (input instanceof Undefined || (orFalsy && !truthy(input))) return need(args[0]);
    return input;
  }
  const value = need(input);
  switch (name) {
    case 'join': {
      if (!Array.isArray(value)) throw new TemplateError(`join: expected a list, got ${typeName(value)}`);
      return value.map(toText).join(args[0] === undefined ? '' : toText(args[0]));
    }
    case 'upper':
      return toText(value).toUpperCase();
    case 'lower':
      return toText(value).toLowerCase();
    case 'trim':
      return toText(value).trim();
    case 'quote':
      return quote(toText(value));
    case 'string':
      return toText(value);
    case 'int':
      return toInt(value);
    case 'bool':
      return toBool(value);
    case 'length':
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      if (isRecord(value)) return Object.keys(value).length;
      throw new TemplateError(`length: expected a string, list or map, got ${typeName(value)}`);
    default:
      throw new TemplateError(`unknown filter "${name}"`);
  }
}

/** Unlike Jinja (which quietly gives 0), a value that is not a number is an error. */
function toInt(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Math.trunc(Number(value));
  throw new TemplateError(`int: cannot convert ${JSON.stringify(value)} to a number`);
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0', ''];

function toBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const w = value.trim().toLowerCase();
    if (TRUE_WORDS.includes(w)) return true;
    if (FALSE_WORDS.includes(w)) return false;
  }
  throw new TemplateError(`bool: cannot convert ${JSON.stringify(value)} to a boolean`);
}

/** Tests other than defined/undefined, which the evaluator answers itself. */
export function applyTest(name: string, input: unknown): boolean {
  const value = need(input);
  switch (name) {
    case 'none':
      return value === null;
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'changed':
    case 'failed':
    case 'skipped':
      return resultFlag(value, name);
    case 'succeeded':
      return !resultFlag(value, 'failed');
    default:
      throw new TemplateError(`unknown test "${name}"`);
  }
}

/** Registered task results are maps like {changed, failed, skipped}. */
function resultFlag(value: unknown, flag: string): boolean {
  if (!isRecord(value)) throw new TemplateError(`"is ${flag}" needs a registered task result, got ${typeName(value)}`);
  return value[flag] === true;
}
