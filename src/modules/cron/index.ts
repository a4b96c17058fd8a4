import type { ModuleDef } from '../types.js';
import { cronSchema, type CronArgs } from './args.js';
import { cronFacts } from './facts.js';
import { planCron } from './plan.js';

/** A named job in a user's crontab (through crontab(1)) or in a file of /etc/cron.d (Ansible's cron module). */
export const cronModule: ModuleDef<CronArgs> = {
  name: 'cron',
  schema: cronSchema,
  facts: cronFacts,
  plan: planCron,
};

export type { CronArgs };
