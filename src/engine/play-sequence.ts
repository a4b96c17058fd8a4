/**
 * A play as an ordered list of items: its selected tasks, and at each
 * `meta: flush_handlers` and at the end, every handler in the order defined
 * (only the notified ones run). Units of different hosts line up by their
 * position in this list, which is how the linear strategy keeps lockstep.
 */
import { FLUSH_HANDLERS, type PlayDef } from '../playbook/types.js';
import { taskSelected, type TagFilter } from './tags.js';

export interface SequenceItem {
  kind: 'task' | 'handler';
  /** Index in play.tasks or play.handlers. */
  index: number;
  /** For handlers: the flush it belongs to (index of the meta task, or tasks.length at the end). */
  flush: number;
}

export function playSequence(play: PlayDef, tags: TagFilter): SequenceItem[] {
  const items: SequenceItem[] = [];
  const flush = (at: number): void => {
    play.handlers.forEach((_, index) => items.push({ kind: 'handler', index, flush: at }));
  };
  play.tasks.forEach((task, index) => {
    if (task.module === FLUSH_HANDLERS) {
      flush(index);
      return;
    }
    if (taskSelected(task.tags, tags)) items.push({ kind: 'task', index, flush: -1 });
  });
  flush(play.tasks.length);
  return items;
}

/** What the linear strategy shows for a sequence position. */
export function itemLabel(play: PlayDef, item: SequenceItem): string {
  const task = item.kind === 'task' ? play.tasks[item.index] : play.handlers[item.index];
  const name = task ? task.name || task.module : '?';
  return item.kind === 'handler' ? `handler: ${name}` : name;
}
