import type { EventSink } from './events.js';
import type { Redactor } from './redact.js';

/** --json: one JSON object per line, for machines. */
export function jsonPrinter(write: (text: string) => void, redactor: Redactor): EventSink {
  return {
    emit(event) {
      write(redactor.redact(JSON.stringify({ ...event, time: new Date().toISOString() })) + '\n');
    },
  };
}
