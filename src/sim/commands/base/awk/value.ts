/**
 * awk values: numbers, strings, and "strnums" — strings from input (fields,
 * getline, split, -v and command-line assignments) that look like numbers
 * and so compare numerically (POSIX awk; is_valid_number in
 * contrib/one-true-awk/lib.c). An uninitialized variable is both "" and 0.
 */
import { formatG } from '../c-float.js';
import { sprintfC } from './format.js';

export class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}

export type Val = number | string | StrNum;

export const UNINIT = new StrNum('', 0);

/** is_valid_number(): optional blanks, a decimal number (no hex; inf/nan only signed), optional blanks. */
const FULL = /^[ \t\n\r\f\v]*([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+](?:inf|nan)(?:inity)?)[ \t\n\r\f\v]*$/i;
const LEAD = /^[ \t\n\r\f\v]*([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+](?:inf|nan))/i;

function parseNumber(text: string): number {
  const t = text.toLowerCase();
  if (t.endsWith('nan')) return t.startsWith('-') ? -NaN : NaN;
  if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

/** A string from input: a strnum when it looks numeric. */
export function fromInput(s: string): Val {
  const m = FULL.exec(s);
  return m ? new StrNum(s, parseNumber(m[1]!)) : s;
}

/** getfval() of a string: its leading number, else 0. */
export function strToNum(s: string): number {
  const m = LEAD.exec(s);
  return m ? parseNumber(m[1]!) : 0;
}

export function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return strToNum(v);
  return v.n;
}

/** A number as a string: integral values as integers, others through fmt (CONVFMT or OFMT). */
export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return Object.is(n, -0) ? '0' : String(n);
  if (fmt === '%.6g') return formatG(n, 6, false, false);
  return sprintfC(fmt, [n], (x) => (typeof x === 'number' ? numToStr(x, '%.6g') : typeof x === 'string' ? x : x.s));
}

export function toStr(v: Val, fmt: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numToStr(v, fmt);
  return v.s;
}

export function isNumeric(v: Val): boolean {
  return typeof v !== 'string';
}

export function truthy(v: Val): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  return v.n !== 0;
}
