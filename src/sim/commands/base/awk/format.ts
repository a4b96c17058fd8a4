/**
 * printf(3) conversions as awk's format() in contrib/one-true-awk/run.c hands
 * them to the C library: %d %i %o %x %X %u %c %s %e %E %f %F %g %G %%, flags
 * `-+ #0`, widths and precisions (with `*`). Numbers print like FreeBSD's libc
 * (two-digit exponents at least, "inf"/"nan"). Unlike printf(1), awk formats
 * are already unescaped by the lexer, so none of printf-format.ts's escape
 * handling applies.
 */
import type { Val } from './value.js';

export class AwkFormatError extends Error {}

function nonFinite(v: number, upper: boolean): string | undefined {
  if (Number.isFinite(v)) return undefined;
  const s = Number.isNaN(v) ? 'nan' : 'inf';
  return upper ? s.toUpperCase() : s;
}

function sign(v: number): string {
  return v < 0 || Object.is(v, -0) ? '-' : '';
}

/**
 * JavaScript rounds exact ties away from zero; printf(3) rounds them to
 * even (1234.5 as %.3e is 1.234e+03). `long` is the same digits with many
 * more decimals: when the decimals after the `prec` kept ones are exactly
 * 5000... and the last kept digit is even, the digits are cut instead.
 */
function halfEven(rounded: string, long: string, prec: number): string {
  const dot = long.indexOf('.');
  const keep = prec === 0 ? dot : dot + 1 + prec;
  if (!/^50*$/.test(long.slice(prec === 0 ? dot + 1 : keep))) return rounded;
  if (Number(long[prec === 0 ? dot - 1 : keep - 1]) % 2 !== 0) return rounded;
  return long.slice(0, keep);
}

/** %.{prec}e of |v| with the exponent at least two digits. */
function expAbs(a: number, prec: number): string {
  const p = Math.min(prec, 100);
  const [mant, exp] = a.toExponential(p).split('e') as [string, string];
  const [longMant, longExp] = a.toExponential(Math.min(p + 40, 100)).split('e') as [string, string];
  const digits = longExp === exp ? halfEven(mant, longMant, p) : mant;
  const m = /^([-+])(\d+)$/.exec(exp)!;
  return `${digits}e${m[1]}${m[2]!.padStart(2, '0')}`;
}

function fixedAbs(a: number, prec: number): string {
  if (a < 1e21) {
    const p = Math.min(prec, 100);
    return halfEven(a.toFixed(p), a.toFixed(Math.min(p + 40, 100)), p);
  }
  const int = BigInt(a).toString();
  return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
}

export function formatE(v: number, prec: number, upper: boolean): string {
  const bad = nonFinite(Math.abs(v), upper);
  const body = bad ?? expAbs(Math.abs(v), prec);
  return sign(v) + (upper ? body.toUpperCase() : body);
}

export function formatF(v: number, prec: number): string {
  return sign(v) + (nonFinite(Math.abs(v), false) ?? fixedAbs(Math.abs(v), prec));
}

export function formatG(v: number, precision: number, alt: boolean, upper: boolean): string {
  const bad = nonFinite(Math.abs(v), upper);
  if (bad) return sign(v) + bad;
  const p = precision === 0 ? 1 : precision;
  const a = Math.abs(v);
  const e = a === 0 ? 0 : Number(/e([-+]\d+)$/.exec(a.toExponential(p - 1))![1]);
  let body = e < -4 || e >= p ? expAbs(a, p - 1) : fixedAbs(a, p - 1 - e);
  if (!alt) {
    body = body.replace(/^([^e]*\.[0-9]*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
  }
  return sign(v) + (upper ? body.toUpperCase() : body);
}

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
