import type { ModuleDef } from '../types.js';
import { sysctlSchema, type SysctlArgs } from './args.js';
import { sysctlFacts } from './facts.js';
import { planSysctl } from './plan.js';

/** A kernel variable: the running value and its line in /etc/sysctl.conf. */
export const sysctlModule: ModuleDef<SysctlArgs> = {
  name: 'sysctl',
  schema: sysctlSchema,
  facts: sysctlFacts,
  plan: planSysctl,
};

export type { SysctlArgs };
