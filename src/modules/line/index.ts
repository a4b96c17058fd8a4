import type { ModuleDef } from '../types.js';
import { lineSchema, type LineArgs } from './args.js';
import { lineFacts } from './facts.js';
import { planLine } from './plan.js';

/** Ansible's lineinfile: one line in a text file, present or absent. */
export const lineModule: ModuleDef<LineArgs> = {
  name: 'line',
  schema: lineSchema,
  facts: lineFacts,
  plan: planLine,
};

export type { LineArgs };
