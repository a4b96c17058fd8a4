import type { ModuleDef } from '../types.js';
import { debugSchema, type DebugArgs } from './args.js';
import { planDebug } from './plan.js';

/** Ansible's debug: output on the controller; it reads no fact and sends nothing to the host. */
export const debugModule: ModuleDef<DebugArgs> = {
  name: 'debug',
  schema: debugSchema,
  facts: () => [],
  plan: (args, _facts, ctx) => planDebug(args, ctx),
};

export type { DebugArgs };
