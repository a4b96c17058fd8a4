/**
 * printf(3)'s floating-point conversions as FreeBSD's libc prints them: %e
 * (two-digit exponents at least), %f, %g (the shorter of the two by C99's
 * rule, trailing zeros dropped unless `#`), "inf"/"nan", exact ties rounded
 * to even. Shared by awk's printf, printf(1) and seq(1).
 */
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
