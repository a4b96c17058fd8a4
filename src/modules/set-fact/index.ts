import type { ModuleDef } from '../types.js';
import { setFactSchema, type SetFactArgs } from './args.js';
import { planSetFact } from './plan.js';

/** Ansible's set_fact: host variables set on the controller; it reads no fact and sends nothing to the host. */
export const setFactModule: ModuleDef<SetFactArgs> = {
  name: 'set_fact',
  schema: setFactSchema,
  facts: () => [],
  plan: (args) => planSetFact(args),
};

export type { SetFactArgs };
