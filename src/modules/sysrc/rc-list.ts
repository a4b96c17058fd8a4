/**
 * rc.conf list values ("-wW -C 60", "jail1 jail2"). Items are split on the
 * delimiter and empty items dropped; a space delimiter splits on any run of
 * white space, as the shell does when rc scripts expand the variable.
 *
 * The task's value is itself split the same way and handled as a run of
 * consecutive items, so `value: "-a 192.0.2.1"` is present only where "-a"
 * is directly followed by that address — and re-running does not add it
 * again.
 *
 * The new value is written whole (NAME=NEWLIST) rather than with sysrc's
 * `+=`, whose separator is the value's first character unless that is
 * alphanumeric, space, '.' or '/' (freebsd.md §4): computing the list here
 * keeps the plan exact for any delimiter.
 */
export function splitList(value: string, delim: string): string[] {
  const items = delim === ' ' ? value.split(/\s+/) : value.split(delim);
  return items.filter((i) => i !== '');
}

function runAt(items: string[], run: string[], at: number): boolean {
  return run.every((r, k) => items[at + k] === r);
}

function hasRun(items: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= items.length; i++) if (runAt(items, run, i)) return true;
  return false;
}

/** The new list with VALUE appended, or undefined when it is already there. */
export function withItem(value: string, item: string, delim: string): string | undefined {
  const items = splitList(value, delim);
  const run = splitList(item, delim);
  if (run.length === 0 || hasRun(items, run)) return undefined;
  return [...items, ...run].join(delim);
}

/** The new list without any occurrence of VALUE, or undefined when it is not there. */
export function withoutItem(value: string, item: string, delim: string): string | undefined {
  const items = splitList(value, delim);
  const run = splitList(item, delim);
  if (run.length === 0 || !hasRun(items, run)) return undefined;
  const out: string[] = [];
  for (let i = 0; i < items.length; ) {
    if (runAt(items, run, i)) {
      i += run.length;
      continue;
    }
    out.push(items[i] ?? '');
    i++;
  }
  return out.join(delim);
}
