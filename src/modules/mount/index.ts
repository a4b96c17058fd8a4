import type { ModuleDef } from '../types.js';
import { mountSchema, type MountArgs } from './args.js';
import { mountFacts } from './facts.js';
import { planMount } from './plan.js';

/** Ansible's ansible.posix.mount: an fstab(5) entry and the mount itself. */
export const mountModule: ModuleDef<MountArgs> = {
  name: 'mount',
  schema: mountSchema,
  facts: mountFacts,
  plan: planMount,
};

export type { MountArgs };
