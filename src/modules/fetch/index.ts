import type { ModuleDef } from '../types.js';
import { fetchSchema, type FetchArgs } from './args.js';
import { fetchFacts } from './facts.js';
import { planFetch } from './plan.js';

/** A host's file copied to the controller (Ansible's fetch); the engine writes it there. */
export const fetchModule: ModuleDef<FetchArgs> = {
  name: 'fetch',
  schema: fetchSchema,
  facts: fetchFacts,
  plan: planFetch,
};

export type { FetchArgs };
export { fetchLocalPath } from './local-path.js';
