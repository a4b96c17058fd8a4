import type { ModuleDef } from '../types.js';
import { groupSchema, type GroupArgs } from './args.js';
import { groupFacts } from './facts.js';
import { planGroup } from './plan.js';

/** A group on the host or in a running jail, through pw(8) (Ansible's group module). */
export const groupModule: ModuleDef<GroupArgs> = {
  name: 'group',
  schema: groupSchema,
  facts: groupFacts,
  plan: planGroup,
};

export type { GroupArgs };
