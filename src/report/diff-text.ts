import { createTwoFilesPatch } from 'diff';
import type { DiffEvent } from './events.js';

/** A unified diff of one file or value, as `diff -u` would print it. */
export function unifiedDiff(d: DiffEvent): string {
  return createTwoFilesPatch(`${d.label} (before)`, `${d.label} (after)`, d.before, d.after, '', '', { context: 3 })
    .split('\n')
    .filter((line) => !line.startsWith('===='))
    .join('\n');
}
