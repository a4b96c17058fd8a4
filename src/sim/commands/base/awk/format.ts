/**
 * printf(3) conversions as awk's format() in contrib/one-true-awk/run.c hands
 * them to the C library: %d %i %o %x %X %u %c %s %e %E %f %F %g %G %%, flags
 * `-+ #0`, widths and precisions (with `*`). Numbers print like FreeBSD's libc
 * (two-digit exponents at least, "inf"/"nan"). Unlike printf(1), awk formats
 * are already unescaped by the lexer, so none of printf-format.ts's escape
 * handling applies.
 */
import { formatE, formatF, formatG } from '../c-float.js';
import type { Val } from './value.js';

export class AwkFormatError extends Error {}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const m = /^([-+ ]?(?:0[xX])?)(.*)$/.exec(s)!;
    return m[1]! + m[2]!.padStart(width - m[1]!.length, '0');
  }
  return s.padStart(width);
}

const SPEC = /%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([hlLqjzt]*)([a-zA-Z%])?/y;

/**
 * awk's sprintf: `str` converts a value to a string (CONVFMT), `num` to a
 * number. Throws AwkFormatError when the arguments run out.
 */
export function sprintfC(format: string, args: Val[], str: (v: Val) => string, num: (v: Val) => number = defaultNum): string {
  let out = '';
  let ai = 0;
  const next = (): Val => {
    if (ai >= args.length) throw new AwkFormatError(`not enough args in printf(${format})`);
    return args[ai++]!;
  };
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    SPEC.lastIndex = pct;
    const m = SPEC.exec(format)!;
    i = SPEC.lastIndex;
    const [, flags = '', w, pr, , conv] = m;
    if (conv === '%') {
      out += '%';
      continue;
    }
    if (conv === undefined) {
      out += m[0];
      continue;
    }
    let width = w === '*' ? Math.trunc(num(next())) : w ? Number(w) : 0;
    let left = flags.includes('-');
    if (width < 0) {
      left = true;
      width = -width;
    }
    const precRaw = pr === '*' ? Math.trunc(num(next())) : pr !== undefined ? Number(pr || '0') : undefined;
    const prec = precRaw !== undefined && precRaw < 0 ? undefined : precRaw;
    const plus = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const zero = flags.includes('0') && !left;
    const alt = flags.includes('#');
    switch (conv) {
      case 's': {
        let s = str(next());
        if (prec !== undefined) s = s.slice(0, prec);
        out += pad(s, width, left, false);
        break;
      }
      case 'c': {
        const v = next();
        const s = typeof v === 'string' ? v.slice(0, 1) : String.fromCodePoint(Math.max(0, Math.trunc(num(v))) % 0x110000);
        out += pad(s, width, left, false);
        break;
      }
      case 'd':
      case 'i': {
        const v = Math.trunc(num(next()));
        let digits = Number.isFinite(v) ? BigInt(Math.abs(v)).toString() : String(Math.abs(v));
        if (prec !== undefined) digits = prec === 0 && v === 0 ? '' : digits.padStart(prec, '0');
        out += pad((v < 0 ? '-' : plus) + digits, width, left, zero && prec === undefined);
        break;
      }
      case 'o':
      case 'u':
      case 'x':
      case 'X': {
        const v = Math.trunc(num(next()));
        const big = Number.isFinite(v) ? BigInt.asUintN(64, BigInt(v)) : 0n;
        let digits = big.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
        if (conv === 'X') digits = digits.toUpperCase();
        if (prec !== undefined) digits = prec === 0 && big === 0n ? '' : digits.padStart(prec, '0');
        if (alt && big !== 0n && conv !== 'u') digits = (conv === 'o' ? (digits.startsWith('0') ? '' : '0') : conv === 'x' ? '0x' : '0X') + digits;
        out += pad(digits, width, left, zero && prec === undefined);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const v = num(next());
        const p = prec ?? 6;
        let s = conv === 'e' || conv === 'E' ? formatE(v, p, conv === 'E') : conv === 'f' || conv === 'F' ? formatF(v, p) : formatG(v, p, alt, conv === 'G');
        if (conv === 'F') s = s.toUpperCase();
        if (!s.startsWith('-')) s = plus + s;
        out += pad(s, width, left, zero && Number.isFinite(v));
        break;
      }
      default:
        // run.c: "weird printf conversion": the directive is copied as is.
        out += m[0];
    }
  }
  return out;
}

function defaultNum(v: Val): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number.parseFloat(v) || 0;
  return v.n;
}
