/**
 * The check crontab(1) runs before it installs a file (replace_cmd: load_env,
 * then load_entry of usr.sbin/cron/lib/entry.c for every other line). A line
 * is blank, a comment, an environment assignment (NAME=VALUE), or an entry:
 * five time fields (or one @special word) and a command. The first error
 * ends the check; crontab prints `"FILE":LINE: MESSAGE` with entry.c's
 * ecodes words ("bad minute", "bad hour", "bad day-of-month", "bad month",
 * "bad day-of-week", "bad command", "bad time specifier").
 * INFERRED: field syntax as crontab(5) describes it (numbers, names for
 * months and days, `*`, ranges, lists, `/step`); get_range's finer corners
 * (a range written high-low) are not modelled.
 */

const SPECIALS = new Set(['reboot', 'yearly', 'annually', 'monthly', 'weekly', 'daily', 'midnight', 'hourly', 'every_minute', 'every_second']);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  error: string;
  min: number;
  max: number;
  names?: string[];
}

/** entry.c bit ranges: minutes 0-59, hours 0-23, days 1-31, months 1-12 (names), days of week 0-7 (names, 7 is Sunday). */
const FIELDS: Field[] = [
  { error: 'bad minute', min: 0, max: 59 },
  { error: 'bad hour', min: 0, max: 23 },
  { error: 'bad day-of-month', min: 1, max: 31 },
  { error: 'bad month', min: 1, max: 12, names: MONTHS },
  { error: 'bad day-of-week', min: 0, max: 7, names: DAYS },
];

function value(word: string, f: Field): number | undefined {
  if (/^\d+$/.test(word)) {
    const n = Number(word);
    return n >= f.min && n <= f.max ? n : undefined;
  }
  const at = f.names?.indexOf(word.toLowerCase()) ?? -1;
  if (at < 0) return undefined;
  return f.names === MONTHS ? at + 1 : at;
}

function fieldOk(text: string, f: Field): boolean {
  return text.split(',').every((part) => {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined || range === undefined || range === '') return false;
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return false;
    if (range === '*') return true;
    const [lo, hi, more] = range.split('-');
    if (more !== undefined || lo === undefined) return false;
    const a = value(lo, f);
    if (a === undefined) return false;
    if (hi === undefined) return step === undefined;
    const b = value(hi, f);
    return b !== undefined && a <= b;
  });
}

/** The first error as `[line number, message]`, or undefined when the file would be installed. */
export function crontabError(text: string): [number, string] | undefined {
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^[^\s=]+\s*=/.test(line) || /^(["'])[^"']*\1\s*=/.test(line)) continue;
    const error = entryError(line);
    if (error) return [i + 1, error];
  }
  return undefined;
}

function entryError(line: string): string | undefined {
  if (line.startsWith('@')) {
    const m = /^@(\S+)\s*(.*)$/.exec(line);
    if (!m || !SPECIALS.has(m[1]!)) return 'bad time specifier';
    return m[2] === '' ? 'bad command' : undefined;
  }
  const words = line.split(/\s+/);
  for (const [i, f] of FIELDS.entries()) {
    const w = words[i];
    if (w === undefined || !fieldOk(w, f)) return f.error;
  }
  return words.length > FIELDS.length ? undefined : 'bad command';
}
