/**
 * The times touch(1) can be given (usr.bin/touch/touch.c): -t
 * [[CC]YY]MMDDhhmm[.SS] (stime_arg1), -d YYYY-MM-DDThh:mm:SS[.frac][tz]
 * (stime_darg) and -r FILE (stime_file). The simulated host's local time is
 * UTC (its /etc/localtime), so local and UTC times are the same seconds.
 */

export const T_FORMAT = 'out of range or illegal time specification: [[CC]YY]MMDDhhmm[.SS]';
export const D_FORMAT = 'out of range or illegal time specification: YYYY-MM-DDThh:mm:SS[.frac][tz]';

/** mktime(3)/timegm(3) of the fields: out-of-range ones carry over (a 30 February is 1 March), as they do for touch. */
function seconds(year: number, month: number, day: number, hour: number, min: number, sec: number): number {
  return Math.floor(Date.UTC(year, month - 1, day, hour, min, sec) / 1000);
}

/** -t [[CC]YY]MMDDhhmm[.SS]: a two-digit year below 69 is 20YY, else 19YY; the current year when none. */
export function parseTouchT(arg: string, now: number): number | undefined {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d{2}))?$/.exec(arg);
  if (!m) return undefined;
  const digits = m[1]!;
  const two = (i: number) => Number(digits.slice(i, i + 2));
  let year = new Date(now * 1000).getUTCFullYear();
  let at = 0;
  if (digits.length === 12) {
    year = Number(digits.slice(0, 4));
    at = 4;
  } else if (digits.length === 10) {
    const yy = two(0);
    year = yy < 69 ? 2000 + yy : 1900 + yy;
    at = 2;
  }
  return seconds(year, two(at), two(at + 2), two(at + 4), two(at + 6), m[2] ? Number(m[2]) : 0);
}

/** -d YYYY-MM-DDThh:mm:SS[.frac][tz]: "T" or a space between date and time; a fraction with "." or ","; "Z" for UTC. */
export function parseTouchD(arg: string): number | undefined {
  const m = /^(\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,]\d+)?Z?$/.exec(arg);
  if (!m) return undefined;
  const [year, month, day, hour, min, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  // strptime(3)'s %m, %d, %H, %M and %S ranges; the day is not checked against the month.
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) return undefined;
  return seconds(year, month, day, hour, min, sec);
}

/** The obsolete first operand MMDDhhmm[yy] (stime_arg2): a year below 39 is 20yy, else 19yy. */
export function obsoleteTime(arg: string, now: number): number | undefined {
  const two = (i: number) => Number(arg.slice(i, i + 2));
  let year = new Date(now * 1000).getUTCFullYear();
  if (arg.length === 10) year = two(8) < 39 ? 2000 + two(8) : 1900 + two(8);
  return seconds(year, two(0), two(2), two(4), two(6), 0);
}
