import type { ModuleDef } from '../types.js';
import { copySchema, type CopyArgs } from './args.js';
import { copyFacts } from './facts.js';
import { planCopy } from './plan.js';

/** A whole file with given content (inline, or read by the engine from `src`). */
export const copyModule: ModuleDef<CopyArgs> = {
  name: 'copy',
  schema: copySchema,
  facts: copyFacts,
  plan: planCopy,
};

export type { CopyArgs };
