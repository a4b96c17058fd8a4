import type { ModuleDef } from '../types.js';
import { jailSchema, type JailArgs } from './args.js';
import { jailFacts } from './facts.js';
import { planJail } from './plan.js';

/** One jail: root tree, jail.conf.d file, rc.conf, running state (verified with jls). */
export const jailModule: ModuleDef<JailArgs> = {
  name: 'jail',
  schema: jailSchema,
  facts: jailFacts,
  plan: planJail,
};

export type { JailArgs };
