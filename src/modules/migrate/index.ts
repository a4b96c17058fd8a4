/**
 * `migrate`: move a jail from another host of the inventory onto this one
 * (issue 13). The move needs two hosts and a stream between them, so it is
 * not planned into this host's script: the engine runs a play of migrate
 * tasks itself (engine/move/move-play.ts), and a play mixing migrate with
 * other tasks is refused when the playbook is checked.
 */
import { PlanError } from '../plan-error.js';
import type { ModuleDef } from '../types.js';
import { migrateSchema, type MigrateArgs } from './args.js';

export const migrateModule: ModuleDef<MigrateArgs> = {
  name: 'migrate',
  schema: migrateSchema,
  facts: () => [],
  plan() {
    throw new PlanError('migrate runs in a play of its own (its tasks all migrate)');
  },
};
