/**
 * Ticks of the schedule that fell while no process was running it: counted
 * at start from the newest pass or tick recorded, recorded as `missed`, and
 * never replayed — replaying a backlog at start is how late runs hit a
 * fleet all at once (awx#5014).
 */
import { Cron } from 'croner';

/** At most this many missed ticks are recorded one by one; older ones are summed up in the oldest row kept. */
export const MAX_MISSED_ROWS = 1000;

export interface MissedTick {
  at: number;
  note: string;
}

/** The ticks of `every` strictly between `from` and `to`, oldest first; past `max`, the newest `max` and how many older were left out. */
export function ticksBetween(every: string, from: number, to: number, max = Number.POSITIVE_INFINITY): { ticks: number[]; dropped: number } {
  const ticks: number[] = [];
  let dropped = 0;
  if (from >= to) return { ticks, dropped };
  for (const date of new Cron(every, { paused: true }).enumerate(new Date(from))) {
    const at = date.getTime();
    if (at >= to) break;
    ticks.push(at);
    if (ticks.length > max) {
      ticks.shift();
      dropped += 1;
    }
  }
  return { ticks, dropped };
}

/** The ticks of `every` after `since` and before `now`: a process down for a month on a per-second schedule is not a million rows. */
export function missedTicks(every: string, since: number | undefined, now: number, max = MAX_MISSED_ROWS): MissedTick[] {
  if (since === undefined) return [];
  const { ticks, dropped } = ticksBetween(every, since, now, max);
  const note = 'the process was not running';
  return ticks.map((at, i) => ({ at, note: i === 0 && dropped > 0 ? `${note} (and ${dropped} earlier ticks since ${new Date(since).toISOString()})` : note }));
}
