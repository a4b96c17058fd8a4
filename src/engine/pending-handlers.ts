/**
 * Notifications outlive failures (issue 12): a handler notified by a change
 * is recorded on the host in the same apply as that change, and the record
 * is removed only by a step after the handler's own steps succeeded. A run
 * that stops before the handler ran (a later task failed, the handler
 * failed, the connection dropped) leaves the record, so the next run — even
 * one where nothing else changes — runs the handler, and `check` reports it.
 * One file per play and notification name; its content is the name, for
 * whoever looks.
 */
import { createHash } from 'node:crypto';
import type { FactSpec, Step } from '../modules/types.js';
import { quote } from '../shell/quote.js';

export const PENDING_DIR = '/var/db/jailfleet/pending-handlers';

/** The record of `name` (a handler's name or listen topic) notified in `play`. */
export function pendingFile(play: string, name: string): string {
  const id = createHash('sha256').update(`${play}\u0000${name}`).digest('hex').slice(0, 24);
  return `${PENDING_DIR}/${id}`;
}

/** Which of `names` the host has records of for this play. */
export function pendingFact(play: string, names: string[]): FactSpec<string[]> {
  const lines = names.map((n) => `if [ -e ${quote(pendingFile(play, n))} ]; then printf '%s\\n' ${quote(n)}; fi`);
  const known = new Set(names);
  return {
    key: `pending-handlers::${play}`,
    command: lines.length ? lines.join('\n') : 'true',
    reads: [`path:${PENDING_DIR}`],
    parse: (out) => out.stdout.split('\n').filter((n) => known.has(n)),
  };
}

export function recordStep(play: string, name: string): Step {
  const file = pendingFile(play, name);
  return {
    title: `record pending handler ${name}`,
    command: `mkdir -p ${quote(PENDING_DIR)} && printf '%s\\n' ${quote(name)} > ${quote(file)}`,
    changes: [`path:${file}`, `node:${PENDING_DIR}`],
  };
}

export function clearStep(play: string, names: string[]): Step {
  const files = names.map((n) => pendingFile(play, n));
  return {
    title: `clear pending handler ${names[0] ?? ''}`,
    command: `rm -f ${files.map(quote).join(' ')}`,
    changes: files.map((f) => `path:${f}`),
  };
}
