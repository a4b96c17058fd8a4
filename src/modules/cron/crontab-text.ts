/**
 * Jobs in a crontab as Ansible's cron module writes them, so crontabs that
 * Ansible managed carry over without a duplicate job: a marker line
 * "#Ansible: NAME" and the job on the line after it (ansible.builtin.cron
 * CronTab: find_job, add_job, update_job, remove_job; get_cron_job for the
 * line, "#" in front when disabled). A new job goes at the end; the rest
 * of the file is kept as it is.
 */
import type { CronArgs } from './args.js';
import { appendLine, bare, splitLines } from '../text-lines.js';

export const MARKER = '#Ansible: ';

/** get_cron_job: "[#]@SPECIAL [USER] JOB" or "[#]M H DOM MON DOW [USER] JOB"; the user column only in a system crontab (cron_file). */
export function jobLine(a: CronArgs): string {
  const user = a.cron_file === undefined ? [] : [a.user];
  const when = a.special_time !== undefined ? [`@${a.special_time}`] : [a.minute, a.hour, a.day, a.month, a.weekday];
  return `${a.disabled ? '#' : ''}${[...when, ...user, a.job ?? ''].join(' ')}`;
}

/** The content with the named job set to `line`, or removed when `line` is undefined. */
export function withJob(content: string, name: string, line: string | undefined): string {
  const lines = splitLines(content);
  const at = lines.findIndex((l) => bare(l) === `${MARKER}${name}`);
  if (at < 0) return line === undefined ? content : [...appendLine(appendLine(lines, `${MARKER}${name}`), line)].join('');
  const out = [...lines];
  // The job line is the one after the marker (a marker on the last line has none yet).
  const jobAt = at + 1 < out.length ? 1 : 0;
  if (line === undefined) out.splice(at, 1 + jobAt);
  else out.splice(at, 1 + jobAt, `${MARKER}${name}\n`, `${line}\n`);
  return out.join('');
}

/** Ansible's is_empty: nothing but white space left. */
export const isEmpty = (content: string): boolean => content.trim() === '';
