/** POSIX printf: the format is reused while arguments remain. */
import { formatE, formatF, formatG } from './c-float.js';
import type { SimCommand } from '../../types.js';
import { backslashEscapes } from './escapes.js';
import { compiledFormat, printTextOnly } from './printf-format.js';

function pad(s: string, flags: string, width: number | undefined, numeric: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : '';
    const prefix = /^[-+ ]?0[xX]/.test(s) ? s.slice(sign.length, sign.length + 2) : '';
    const digits = s.slice(sign.length + prefix.length);
    return sign + prefix + digits.padStart(width - sign.length - prefix.length, '0');
  }
  return s.padStart(width);
}

export const printf: SimCommand = (ctx) => {
  const format = ctx.argv[1];
  if (format === undefined) return { stdout: '', stderr: 'usage: printf format [arguments ...]\n', code: 1 };
  const compiled = compiledFormat(format);
  // The framing lines of every script: no closures, no copy of argv.
  if (compiled.textOnly) return { stdout: printTextOnly(compiled.parts, ctx.argv, 2), stderr: '', code: 0 };
  const parts = compiled.parts;
  const args = ctx.argv.slice(2);
  let ai = 0;
  let out = '';
  let stderr = '';
  let code = 0;

  const nextArg = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  const num = (a: string | undefined): number => {
    if (a === undefined || a === '') return 0;
    if (/^['"]/.test(a)) return a.length > 1 ? a.codePointAt(1)! : 0;
    const t = a.trim();
    let v: number;
    if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) v = parseInt(t, 16);
    else if (/^[-+]?0[0-7]+$/.test(t)) v = parseInt(t, 8);
    else if (/^[-+]?[0-9]+$/.test(t)) v = parseInt(t, 10);
    else {
      const lead = /^[-+]?[0-9]+/.exec(t);
      stderr += `printf: ${a}: ${lead ? 'not completely converted' : 'expected numeric value'}\n`;
      code = 1;
      v = lead ? parseInt(lead[0], 10) : 0;
    }
    return v;
  };

  const once = (): boolean => {
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      if ('invalid' in part) {
        stderr += `printf: %${part.invalid}: invalid directive\n`;
        code = 1;
        return false;
      }
      const { flags, width: w, precision: p, conv } = part;
      const width = w === '*' ? num(nextArg()) : w !== undefined ? Number(w) : undefined;
      const precision = p === '*' ? num(nextArg()) : p !== undefined ? Number(p || '0') : undefined;
      const leftFlags = width !== undefined && width < 0 ? `${flags}-` : flags;
      const absWidth = width === undefined ? undefined : Math.abs(width);
      const arg = nextArg();
      switch (conv) {
        case 's':
        case 'b': {
          let s = arg ?? '';
          if (conv === 'b') {
            const r = backslashEscapes(s, true);
            s = r.text;
            if (r.stop) {
              out += pad(precision !== undefined ? s.slice(0, precision) : s, leftFlags, absWidth, false);
              return false;
            }
          }
          if (precision !== undefined) s = s.slice(0, precision);
          out += pad(s, leftFlags, absWidth, false);
          break;
        }
        case 'c':
          out += pad((arg ?? '').slice(0, 1), leftFlags, absWidth, false);
          break;
        case 'd':
        case 'i': {
          const v = num(arg);
          let s = String(Math.abs(v));
          if (precision !== undefined) s = s.padStart(precision, '0');
          s = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          out += pad(s, leftFlags, absWidth, precision === undefined);
          break;
        }
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
          let v = num(arg);
          if (v < 0) v = Number(BigInt.asUintN(64, BigInt(v)));
          const base = conv === 'o' ? 8 : conv === 'u' ? 10 : 16;
          let s = v.toString(base);
          if (conv === 'X') s = s.toUpperCase();
          if (precision !== undefined) s = s.padStart(precision, '0');
          if (flags.includes('#') && v !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '') + s;
          out += pad(s, leftFlags, absWidth, precision === undefined);
          break;
        }
        default: {
          const v = arg === undefined ? 0 : Number(arg);
          const prec = precision ?? 6;
          // As libc prints them (c-float.ts): %g by C99's rule (1e+06, not 1000000), ties to even.
          const s = conv === 'f' ? formatF(v, prec) : conv === 'e' || conv === 'E' ? formatE(v, prec, conv === 'E') : formatG(v, prec, flags.includes('#'), conv === 'G');
          out += pad(s, leftFlags, absWidth, true);
        }
      }
    }
    return true;
  };

  for (;;) {
    const startArgs = ai;
    if (!once()) break;
    if (ai >= args.length || ai === startArgs) break;
  }
  return { stdout: out, stderr, code };
};
