/**
 * Defaults, choices and numbers: default/d, mandatory, ternary (Ansible),
 * int, float, bool, abs, round (Jinja2). int, float and bool refuse what
 * they cannot convert instead of quietly giving 0 or false, as Jinja would.
 */
import { NONE, needNumber, type FilterDef } from './filter-args.js';
import { TemplateError } from './template-error.js';
import { Undefined, need, truthy } from './template-values.js';

function toNumber(fn: string, value: unknown, integer: boolean): number {
  if (typeof value === 'number') return integer ? Math.trunc(value) : value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return integer ? Math.trunc(Number(value)) : Number(value);
  }
  throw new TemplateError(`${fn}: cannot convert ${JSON.stringify(value)} to a number`);
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0', ''];

export function toBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const w = value.trim().toLowerCase();
    if (TRUE_WORDS.includes(w)) return true;
    if (FALSE_WORDS.includes(w)) return false;
  }
  throw new TemplateError(`bool: cannot convert ${JSON.stringify(value)} to a boolean`);
}

/** Python's round(): halves go to the even neighbour (round(2.5) is 2). */
function roundHalfEven(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = x * f;
  const r = Math.round(scaled);
  const exactHalf = Math.abs(scaled % 1) === 0.5;
  return (exactHalf && r % 2 !== 0 ? r - 1 : r) / f;
}

const defaultFilter: FilterDef = {
  params: ['default_value', 'boolean'],
  required: 1,
  undefinedInput: true,
  apply: (input, a) => {
    // default(x, true) also replaces falsy values, as in Jinja.
    if (input instanceof Undefined || (truthy(a.raw('boolean', false)) && !truthy(input))) return a.raw('default_value');
    return input;
  },
};

export const CONVERT_FILTERS: Record<string, FilterDef> = {
  default: defaultFilter,
  d: defaultFilter,
  mandatory: {
    params: ['msg'],
    required: 0,
    undefinedInput: true,
    apply: (input, a) => {
      if (!(input instanceof Undefined)) return input;
      throw new TemplateError(a.optionalString('msg') ?? `Mandatory variable "${input.name}" not defined.`);
    },
  },
  ternary: {
    params: ['true_val', 'false_val', 'none_val'],
    required: 2,
    apply: (input, a) => {
      if (input === null && a.has('none_val')) return a.raw('none_val');
      return truthy(input) ? a.raw('true_val') : a.raw('false_val');
    },
  },
  int: { ...NONE, apply: (v) => toNumber('int', need(v), true) },
  float: { ...NONE, apply: (v) => toNumber('float', need(v), false) },
  bool: { ...NONE, apply: toBool },
  abs: { ...NONE, apply: (v) => Math.abs(needNumber('abs', v)) },
  round: {
    params: ['precision', 'method'],
    required: 0,
    apply: (v, a) => {
      const x = needNumber('round', v);
      const digits = a.int('precision', 0);
      const method = a.string('method', 'common');
      const f = 10 ** digits;
      if (method === 'common') return roundHalfEven(x, digits);
      if (method === 'ceil') return Math.ceil(x * f) / f;
      if (method === 'floor') return Math.floor(x * f) / f;
      throw new TemplateError(`round: method must be common, ceil or floor, got "${method}"`);
    },
  },
};
