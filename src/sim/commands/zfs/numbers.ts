/**
 * Numeric property values as libzfs reads them (lib/libzfs/libzfs_util.c
 * zfs_nicestrtonum, str2shift; zprop_parse_value): digits with an optional
 * fraction and a suffix B K M G T P E Z (powers of 1024), which may be
 * followed by B or iB ("BB" and "BiB" are refused); `none` is 0, and 0 is
 * refused for the quotas ("use 'none' to disable quota/refquota"). Stored as
 * the byte count.
 */
export const NUMERIC_PROPS = new Set(['quota', 'refquota', 'reservation', 'refreservation', 'recordsize']);
const QUOTAS = new Set(['quota', 'refquota']);
const SUFFIXES = 'BKMGTPEZ';

/** The byte count as text, or the error libzfs gives for the value. */
export function parseNumber(prop: string, value: string): { bytes: string } | { error: string } {
  if (value === 'none') return { bytes: '0' };
  if (!/^[0-9.]/.test(value)) return { error: `bad numeric value '${value}'` };
  const m = /^(\d*(?:\.\d*)?)(.*)$/.exec(value)!;
  const suffix = m[2] ?? '';
  const shift = suffixShift(suffix);
  if (shift === undefined) return { error: `invalid numeric suffix '${suffix}'` };
  const digits = m[1] ?? '';
  const bytes = digits.includes('.') ? BigInt(Math.trunc(Number(digits) * 2 ** shift)) : BigInt(digits || '0') << BigInt(shift);
  if (bytes === 0n && QUOTAS.has(prop)) return { error: "use 'none' to disable quota/refquota" };
  return { bytes: bytes.toString() };
}

function suffixShift(suffix: string): number | undefined {
  if (suffix === '') return 0;
  const i = SUFFIXES.indexOf(suffix[0]!.toUpperCase());
  if (i < 0) return undefined;
  const rest = suffix.slice(1).toUpperCase();
  if (rest === '' || (i > 0 && (rest === 'B' || rest === 'IB'))) return 10 * i;
  return undefined;
}
