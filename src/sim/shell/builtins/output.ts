import { sinkOf } from '../io.js';
import type { BuiltinCall } from './types.js';

export function out(call: BuiltinCall, text: string): void {
  sinkOf(call.io, 1).write(text);
}

/** FreeBSD sh prefixes a builtin's errors with the builtin's name. */
export function err(call: BuiltinCall, text: string): void {
  sinkOf(call.io, 2).write(`${text}\n`);
}

/** Single-quote a value the way `set`/`export -p` print it. */
export function shellQuote(v: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(v)) return v;
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

export function parseNumber(s: string | undefined): number | undefined {
  if (s === undefined || !/^[0-9]+$/.test(s)) return undefined;
  return Number(s);
}
