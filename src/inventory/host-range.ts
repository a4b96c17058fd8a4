/**
 * Ansible's host ranges: `web[01:20]`, `db[a:f]`, `node[0:10:2]` name many
 * hosts in one entry (Ansible's inventory `detect_range`/`expand_hostname_range`).
 * A numeric range keeps the width of its start (`[01:20]` gives web01…web20);
 * the end is included; a name may hold several ranges.
 */
import { InputError, type SourcePos } from '../errors.js';

const RANGE = /\[([^\]:]*):([^\]:]*)(?::([^\]]*))?\]/;

/** The host names `pattern` stands for (itself when it has no range). */
export function expandHostRange(pattern: string, pos: SourcePos): string[] {
  const m = RANGE.exec(pattern);
  if (!m) return [pattern];
  const [whole, from = '', to = '', step = '1'] = m;
  const head = pattern.slice(0, m.index);
  const tail = pattern.slice(m.index + whole.length);
  const stride = Number(step);
  if (!/^\d+$/.test(step) || stride < 1) throw new InputError(`host range ${whole}: the step must be a positive number`, pos);
  const items = rangeItems(from, to, stride, whole, pos);
  return items.flatMap((item) => expandHostRange(`${head}${item}${tail}`, pos));
}

function rangeItems(from: string, to: string, stride: number, whole: string, pos: SourcePos): string[] {
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const [lo, hi] = [Number(from), Number(to)];
    if (lo > hi) throw new InputError(`host range ${whole}: the start is after the end`, pos);
    const out: string[] = [];
    for (let n = lo; n <= hi; n += stride) out.push(String(n).padStart(from.length, '0'));
    return out;
  }
  if (/^[a-z]$/.test(from) && /^[a-z]$/.test(to) || /^[A-Z]$/.test(from) && /^[A-Z]$/.test(to)) {
    const [lo, hi] = [from.charCodeAt(0), to.charCodeAt(0)];
    if (lo > hi) throw new InputError(`host range ${whole}: the start is after the end`, pos);
    const out: string[] = [];
    for (let c = lo; c <= hi; c += stride) out.push(String.fromCharCode(c));
    return out;
  }
  throw new InputError(`host range ${whole}: expected [START:END] of numbers (web[01:20]) or of single letters (db[a:f])`, pos);
}
