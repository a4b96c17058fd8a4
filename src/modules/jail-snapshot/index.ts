import type { ModuleDef } from '../types.js';
import { jailSnapshotSchema, type JailSnapshotArgs } from './args.js';
import { jailSnapshotFacts } from './facts.js';
import { planJailSnapshot } from './plan.js';

/** One named snapshot of a jail's dataset: taken, destroyed, or rolled back to (issue 18). */
export const jailSnapshotModule: ModuleDef<JailSnapshotArgs> = {
  name: 'jail_snapshot',
  schema: jailSnapshotSchema,
  facts: jailSnapshotFacts,
  plan: planJailSnapshot,
};

export type { JailSnapshotArgs };
