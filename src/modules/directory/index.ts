import type { ModuleDef } from '../types.js';
import { directorySchema, type DirectoryArgs } from './args.js';
import { directoryFacts } from './facts.js';
import { planDirectory } from './plan.js';

/** A directory with mode/owner/group, or no directory at all. */
export const directoryModule: ModuleDef<DirectoryArgs> = {
  name: 'directory',
  schema: directorySchema,
  facts: directoryFacts,
  plan: planDirectory,
};

export type { DirectoryArgs };
