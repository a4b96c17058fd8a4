import { z } from 'zod';
import { absolutePath, boolish, jailArg } from '../args.js';
import { accountName } from '../accounts/args.js';

/** One crontab(5) time field: no white space (it would shift the columns). */
const timeField = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^[0-9A-Za-z*,/-]+$/, 'expected a crontab(5) time field like "*", "5", "1-5", "*/10" or "mon,fri"'));

const oneLine = (what: string) => z.string().refine((s) => !/[\n\r\0]/.test(s), `${what} must be one line`);

/** Ansible's special_time values: crontab(5)'s @ strings. */
const SPECIAL = ['annually', 'daily', 'hourly', 'monthly', 'reboot', 'weekly', 'yearly'] as const;

const TIME_KEYS = ['minute', 'hour', 'day', 'month', 'weekday'] as const;

/** A file in /etc/cron.d, by name (as Ansible's cron_file), or an absolute path. */
const cronFile = z.union([
  absolutePath,
  z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected a file name of letters, digits, "_" and "-" (cron(8) skips others in /etc/cron.d), or an absolute path').transform((n) => `/etc/cron.d/${n}`),
]);

/** Ansible's cron module (name, job, the time fields or special_time, user, state, disabled, cron_file). */
export const cronSchema = z
  .strictObject({
    /** The job's name: the "#Ansible: NAME" line above it. */
    name: oneLine('name').refine((n) => n.trim() !== '', 'expected a job name'),
    // Ansible strips newlines around the job text.
    job: oneLine('job').optional().transform((j) => j?.replace(/^[\r\n]+|[\r\n]+$/g, '')),
    minute: timeField.optional(),
    hour: timeField.optional(),
    day: timeField.optional(),
    month: timeField.optional(),
    weekday: timeField.optional(),
    special_time: z.enum(SPECIAL).optional(),
    user: accountName.default('root'),
    state: z.enum(['present', 'absent']).default('present'),
    /** Keep the job, commented out. */
    disabled: boolish.default(false),
    cron_file: cronFile.optional(),
    /** The user's crontab inside this running jail (`jexec -l JAIL crontab ...`). */
    jail: jailArg.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.state === 'present' && (a.job === undefined || a.job.trim() === '')) ctx.addIssue({ code: 'custom', path: ['job'], message: 'state: present needs a job' });
    if (a.jail !== undefined && a.cron_file !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['cron_file'], message: 'cron_file is a host path: with jail, use a user crontab (or a copy task on the jail\'s path)' });
    }
    if (a.special_time !== undefined) {
      for (const key of TIME_KEYS) {
        if (a[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'give either special_time or the time fields, not both' });
      }
    }
  })
  .transform((a) => ({ ...a, minute: a.minute ?? '*', hour: a.hour ?? '*', day: a.day ?? '*', month: a.month ?? '*', weekday: a.weekday ?? '*' }));

export type CronArgs = z.output<typeof cronSchema>;
