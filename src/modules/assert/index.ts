import type { ModuleDef } from '../types.js';
import { assertSchema, type AssertArgs } from './args.js';
import { planAssert } from './plan.js';

/** Ansible's assert: conditions checked on the controller; a false one fails the host. It sends nothing to the host. */
export const assertModule: ModuleDef<AssertArgs> = {
  name: 'assert',
  schema: assertSchema,
  facts: () => [],
  plan: (args, _facts, ctx) => planAssert(args, ctx),
};

export type { AssertArgs };
