/**
 * humanize_number(3) (lib/libutil/humanize_number.c, FreeBSD 14) with
 * HN_AUTOSCALE, for the flags its callers here pass: HN_B, HN_NOSPACE,
 * HN_DECIMAL, HN_DIVISOR_1000. The number is divided by 1024 (or 1000)
 * until it fits the `len - 1` columns left after the digit and prefix
 * counted in baselen; below 9.5 of a unit (the 973/950 cut) HN_DECIMAL
 * shows one decimal place. Rounding is the C code's integer arithmetic,
 * and the text is cut to `len - 1` characters as snprintf(buf, len) cuts it.
 */
export interface HumanizeFlags {
  /** HN_B: "B" as the prefix of plain bytes. */
  b?: boolean;
  /** HN_NOSPACE: no space between the number and the prefix. */
  noSpace?: boolean;
  /** HN_DECIMAL: one decimal place for values below 10 of a unit. */
  decimal?: boolean;
  /** HN_DIVISOR_1000: SI units (k, M, ...) instead of 1024 ones (K, M, ...). */
  divisor1000?: boolean;
}

const MAXSCALE = 7;

export function humanizeNumber(quotient: number, len: number, suffix: string, flags: HumanizeFlags): string {
  const divisor = flags.divisor1000 ? 1000 : 1024;
  const divisordeccut = flags.divisor1000 ? 950 : 973; // ceil(.95 * 1024)
  const prefixes = [flags.b ? 'B' : '', flags.divisor1000 ? 'k' : 'K', 'M', 'G', 'T', 'P', 'E'];
  const sign = quotient < 0 ? -1 : 1;
  let q = Math.abs(quotient);
  const sep = flags.noSpace ? '' : ' ';
  // prefix, then sign and digit (or digit), then the separator and the suffix
  const baselen = 1 + (sign < 0 ? 2 : 1) + sep.length + suffix.length;
  if (len < baselen + 1) return '';
  const max = 10 ** (len - baselen);
  let remainder = 0;
  let i = 0;
  // Divide until it fits the columns; once more if the rounding below would overflow them.
  for (; (q >= max || (q === max - 1 && remainder >= divisordeccut)) && i < MAXSCALE; i++) {
    remainder = q % divisor;
    q = Math.floor(q / divisor);
  }
  let text: string;
  if (((q === 9 && remainder < divisordeccut) || q < 9) && i > 0 && flags.decimal) {
    const tenths = Math.floor((remainder * 10 + Math.floor(divisor / 2)) / divisor);
    const s1 = q + Math.floor(tenths / 10);
    const s2 = tenths % 10;
    text = `${sign * s1}.${s2}${sep}${prefixes[i]}${suffix}`;
  } else {
    text = `${sign * (q + Math.floor((remainder + Math.floor(divisor / 2)) / divisor))}${sep}${prefixes[i]}${suffix}`;
  }
  return text.slice(0, len - 1);
}
