/**
 * seq(1) as FreeBSD's usr.bin/seq/seq.c has it: `seq [-w] [-f format] [-s
 * string] [-t string] [first [incr]] last`, numbers as doubles (strtod),
 * each printed with the format (default `%g`, so 1000000 is `1e+06`; -w
 * makes one of equal width from the operands, as generate_format does),
 * joined by -s (default a newline, C escapes taken), -t's string after the
 * last with the separator before it, and a final newline. A last value
 * missed by a rounding error is printed when it formats like the value
 * that stopped the loop. Errors: `zero increment`, `needs positive
 * increment`, `needs negative decrement`, `invalid format string`
 * (exit 1); an operand strtod does not take whole (exit 2).
 */
import type { SimCommand, SimResult } from '../../types.js';
import { formatE, formatF, formatG } from './c-float.js';

const USAGE = 'usage: seq [-w] [-f format] [-s string] [-t string] [first [incr]] last\n';
const LONG: Record<string, string> = { '--format': 'f', '--separator': 's', '--terminator': 't', '--equal-width': 'w' };

class SeqError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** seq.c numeric(): a sign, digits with one decimal point, exponents; what getopt must not take for an option. */
function numeric(s: string): boolean {
  let i = s[0] === '-' || s[0] === '+' ? 1 : 0;
  let seenPoint = false;
  while (i < s.length) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') {
      i++;
      continue;
    }
    if (!seenPoint && c === '.') {
      seenPoint = true;
      i++;
      continue;
    }
    if ((c === 'e' || c === 'E') && i + 1 < s.length && /[-+0-9]/.test(s[i + 1]!)) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

/** e_atof: strtod(3) over the whole operand; -0 is 0. */
function eAtof(num: string): number {
  const m = /^[ \t\n\v\f\r]*([-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf(?:inity)?|nan))$/i.exec(num);
  if (!m) throw new SeqError(2, `invalid floating point argument: ${num}`);
  const v = /inf/i.test(m[1]!) ? (m[1]!.startsWith('-') ? -Infinity : Infinity) : /nan/i.test(m[1]!) ? NaN : Number(m[1]);
  if (!Number.isFinite(v) && !/inf|nan/i.test(m[1]!)) throw new SeqError(2, `${num}: Result too large`);
  return Object.is(v, -0) ? 0 : v;
}

/** seq.c unescape(): C escapes, octal of up to three digits, \x of up to two hex digits; any other backslash stays. */
function unescape(s: string): string {
  const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };
  return s.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{0,2})|(.))?/gs, (all, oct: string | undefined, hex: string | undefined, c: string | undefined) => {
    if (oct !== undefined) return String.fromCharCode(parseInt(oct, 8) & 0xff);
    if (hex !== undefined) return String.fromCharCode(hex === '' ? 0 : parseInt(hex, 16));
    if (c !== undefined && Object.hasOwn(simple, c)) return simple[c]!;
    return all;
  });
}

const CONVERSION = /%([#0\- +']*)([0-9]*)(?:\.([0-9]*))?([aAeEfFgG])/;

/** seq.c valid_format(): `%%` or exactly one floating-point conversion. */
function validFormat(fmt: string): boolean {
  const stripped = fmt.replace(/%%/g, '');
  // A "%" that the text ends in the middle of is no conversion, and makes the format invalid.
  if (/%[#0\- +']*[0-9]*(?:\.[0-9]*)?$/.test(stripped)) return false;
  const all = stripped.match(/%[#0\- +']*[0-9]*(?:\.[0-9]*)?./g) ?? [];
  return all.length === 1 && CONVERSION.test(all[0]!);
}

/** printf(3) of the format's one conversion with `v` (`%%` is a percent sign, never the conversion). */
function formatNumber(fmt: string, v: number): string {
  const m = CONVERSION.exec(fmt.replace(/%%/g, '\0\0'))!;
  const [whole, flags = '', width = '', precision, conv = 'g'] = m;
  if (conv === 'a' || conv === 'A') throw new SeqError(1, 'the %a conversion is not simulated by jailfleet');
  const p = precision === undefined ? 6 : precision === '' ? 0 : Number(precision);
  let s = conv === 'e' || conv === 'E' ? formatE(v, p, conv === 'E') : conv === 'f' || conv === 'F' ? formatF(v, p) : formatG(v, p, flags.includes('#'), conv === 'G');
  if (!s.startsWith('-') && flags.includes('+')) s = `+${s}`;
  else if (!s.startsWith('-') && flags.includes(' ')) s = ` ${s}`;
  const w = Number(width || 0);
  if (s.length < w) {
    if (flags.includes('-')) s = s.padEnd(w);
    else if (flags.includes('0') && Number.isFinite(v)) s = /^[-+ ]/.test(s) ? s[0] + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0');
    else s = s.padStart(w);
  }
  const literal = (t: string) => t.replace(/%%/g, '%');
  return literal(fmt.slice(0, m.index)) + s + literal(fmt.slice(m.index + whole.length));
}

/** seq.c decimal_places(). */
function decimalPlaces(n: string): number {
  const dot = n.indexOf('.');
  return dot < 0 ? 0 : /^[0-9]*/.exec(n.slice(dot + 1))![0].length;
}

/** seq.c generate_format(): `%g`, or with -w a width (and precision) that fits first and the last value printed. */
function generateFormat(first: number, incr: number, lastArg: number, equalize: number, pad: string): string {
  if (equalize === 0) return '%g';
  const last = first > lastArg ? first - incr * Math.floor((first - lastArg) / incr) : first + incr * Math.floor((lastArg - first) / incr);
  const g = (v: number) => formatG(v, 6, false, false);
  let cc = '';
  let buf = g(incr);
  if (buf.includes('e')) cc = 'e';
  let precision = decimalPlaces(buf);
  buf = g(first);
  let width1 = buf.length;
  if (buf.includes('e')) cc = 'e';
  let places = decimalPlaces(buf);
  if (places) width1 -= places + 1;
  precision = Math.max(places, precision);
  buf = g(last);
  let width2 = buf.length;
  if (buf.includes('e')) cc = 'e';
  places = decimalPlaces(buf);
  if (places) width2 -= places + 1;
  return precision ? `%${pad}${Math.max(width1, width2) + 1 + precision}.${precision}${cc || 'f'}` : `%${pad}${Math.max(width1, width2)}${cc || 'g'}`;
}

export const seq: SimCommand = (ctx): SimResult => {
  try {
    return { stdout: run(ctx.argv.slice(1)), stderr: '', code: 0 };
  } catch (err) {
    if (!(err instanceof SeqError)) throw err;
    return { stdout: '', stderr: err.message === 'usage' ? USAGE : `seq: ${err.message}\n`, code: err.code };
  }
};

function run(argv: string[]): string {
  let fmt: string | undefined;
  let sep = '\n';
  let term: string | undefined;
  let equalize = 0;
  let pad = '0';
  let i = 0;
  // getopt_long("+f:hs:t:w") while the next word is not a number (a negative one would look like an option).
  while (i < argv.length && !numeric(argv[i]!) && argv[i]!.startsWith('-') && argv[i] !== '-') {
    const word = argv[i++]!;
    if (word === '--') break;
    const eq = word.indexOf('=');
    const long = word.startsWith('--') ? LONG[eq < 0 ? word : word.slice(0, eq)] : undefined;
    const letters = long ?? word.slice(1);
    for (let j = 0; j < letters.length; j++) {
      const flag = letters[j]!;
      if (flag === 'w') {
        if (fmt === undefined && equalize++) pad = ' ';
        continue;
      }
      if (!'fst'.includes(flag) || (word.startsWith('--') && !long)) throw new SeqError(1, 'usage');
      const value = long ? (eq < 0 ? argv[i++] : word.slice(eq + 1)) : j + 1 < letters.length ? letters.slice(j + 1) : argv[i++];
      if (value === undefined) throw new SeqError(1, 'usage');
      if (flag === 'f') {
        fmt = value;
        equalize = 0;
      } else if (flag === 's') sep = unescape(value);
      else term = unescape(value);
      break;
    }
  }
  const args = argv.slice(i);
  if (args.length < 1 || args.length > 3) throw new SeqError(1, 'usage');
  const last = eAtof(args.at(-1)!);
  const first = args.length > 1 ? eAtof(args[0]!) : 1;
  let incr = 0;
  if (args.length > 2) {
    incr = eAtof(args[1]!);
    if (incr === 0) throw new SeqError(1, `zero ${first < last ? 'in' : 'de'}crement`);
  }
  if (incr === 0) incr = first < last ? 1 : -1;
  if (incr <= 0 && first < last) throw new SeqError(1, 'needs positive increment');
  if (incr >= 0 && first > last) throw new SeqError(1, 'needs negative decrement');
  let format: string;
  if (fmt !== undefined) {
    if (!validFormat(fmt)) throw new SeqError(1, `invalid format string: \`${fmt}'`);
    format = unescape(fmt);
    if (!validFormat(format)) throw new SeqError(1, 'invalid format string');
  } else format = generateFormat(first, incr, last, equalize, pad);
  let out = '';
  let cur = first;
  let prev = 0;
  for (let step = 1; incr > 0 ? cur <= last : cur >= last; cur = first + incr * step++) {
    if (step > 1) out += sep;
    out += formatNumber(format, cur);
    prev = cur;
  }
  // The last value, missed by a rounding error, when it prints like the value that stopped the loop.
  const curPrint = formatNumber(format, cur);
  const lastPrint = formatNumber(format, last);
  if (curPrint === lastPrint && curPrint !== formatNumber(format, prev)) out += sep + lastPrint;
  if (term !== undefined) out += sep + term;
  return `${out}\n`;
}
