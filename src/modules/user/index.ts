import type { ModuleDef } from '../types.js';
import { userSchema, type UserArgs } from './args.js';
import { userFacts } from './facts.js';
import { planUser } from './plan.js';

/** A user on the host or in a running jail, through pw(8) (Ansible's user module). */
export const userModule: ModuleDef<UserArgs> = {
  name: 'user',
  schema: userSchema,
  facts: userFacts,
  plan: planUser,
};

export type { UserArgs };
