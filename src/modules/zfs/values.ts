/**
 * A wanted property value in the form `zfs get -p` prints it, so `quota: 1G`
 * compares equal to "1073741824". libzfs reads numbers with
 * zfs_nicestrtonum (lib/libzfs/libzfs_util.c): digits, an optional
 * fraction, and a suffix of B K M G T P E Z (powers of 1024), optionally
 * followed by B or iB; `none` is 0 for the quotas and reservations, which
 * `zfs get -p` prints as "0" (libzfs_dataset.c zfs_prop_get). A value that
 * does not parse is compared as written, and zfs set will say why.
 * (src/sim/commands/zfs/numbers.ts reads them too, on purpose apart: the
 * simulator shares no parsing code with the modules, DESIGN.md §5.)
 */
const SIZE_PROPS = new Set(['quota', 'refquota', 'reservation', 'refreservation', 'recordsize', 'volblocksize', 'special_small_blocks']);
const NONE_IS_ZERO = new Set(['quota', 'refquota', 'reservation', 'refreservation']);
const SUFFIXES = 'BKMGTPEZ';

export function parsableValue(prop: string, value: string): string {
  if (!SIZE_PROPS.has(prop)) return value;
  if (value === 'none' && NONE_IS_ZERO.has(prop)) return '0';
  const m = /^(\d+(?:\.\d*)?)([A-Za-z]*)$/.exec(value);
  if (!m) return value;
  const shift = suffixShift(m[2] ?? '');
  if (shift === undefined) return value;
  const digits = m[1] ?? '0';
  if (!digits.includes('.')) return (BigInt(digits) << BigInt(shift)).toString();
  return BigInt(Math.trunc(Number(digits) * 2 ** shift)).toString();
}

/** str2shift(): "", "K", "KB", "KiB" (any case); "BB" and "BiB" are refused. */
function suffixShift(suffix: string): number | undefined {
  if (suffix === '') return 0;
  const i = SUFFIXES.indexOf(suffix[0]!.toUpperCase());
  if (i < 0) return undefined;
  const rest = suffix.slice(1).toUpperCase();
  if (rest === '' || (i > 0 && (rest === 'B' || rest === 'IB'))) return 10 * i;
  return undefined;
}
