import type { ModuleDef } from '../types.js';
import { zfsSchema, type ZfsArgs } from './args.js';
import { zfsFacts } from './facts.js';
import { planZfs } from './plan.js';

/** community.general.zfs for file systems: a dataset and its properties, or its absence. */
export const zfsModule: ModuleDef<ZfsArgs> = {
  name: 'zfs',
  schema: zfsSchema,
  facts: zfsFacts,
  plan: planZfs,
};

export type { ZfsArgs };
