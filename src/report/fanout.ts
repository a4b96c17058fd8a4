import type { EventSink } from './events.js';

export function fanout(...sinks: EventSink[]): EventSink {
  return { emit: (event) => sinks.forEach((s) => s.emit(event)) };
}
