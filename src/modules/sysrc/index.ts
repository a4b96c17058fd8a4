import type { ModuleDef } from '../types.js';
import { sysrcSchema, type SysrcArgs } from './args.js';
import { sysrcFacts } from './facts.js';
import { planSysrc } from './plan.js';

/** One rc.conf variable, with sysrc(8)'s own semantics (defaults count). */
export const sysrcModule: ModuleDef<SysrcArgs> = {
  name: 'sysrc',
  schema: sysrcSchema,
  facts: sysrcFacts,
  plan: planSysrc,
};

export type { SysrcArgs };
export { rcValueFact, rcInFileFact, rcDefaultFact, type RcTarget, type RcValue } from './facts.js';
export { planRcSet } from './plan.js';
