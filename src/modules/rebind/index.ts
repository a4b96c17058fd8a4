import type { ModuleDef } from '../types.js';
import { rebindSchema, type RebindArgs } from './args.js';
import { rebindFacts } from './facts.js';
import { planRebind } from './plan.js';

/**
 * Host daemons (syslogd, inetd, sshd, postfix, sendmail) listen only on the
 * host's address, so jails can own theirs (DESIGN.md §0); checked with
 * sockstat, and refusing to move sshd off the controller's own session.
 */
export const rebindModule: ModuleDef<RebindArgs> = {
  name: 'rebind',
  schema: rebindSchema,
  facts: rebindFacts,
  plan: planRebind,
};

export type { RebindArgs };
