import type { ModuleDef } from '../types.js';
import { commandSchema, type CommandArgs } from './args.js';
import { commandFacts } from './facts.js';
import { planCommand } from './plan.js';

/** Run a command, guarded by creates/removes/unless/onlyif so a second run does nothing. */
export const commandModule: ModuleDef<CommandArgs> = {
  name: 'command',
  schema: commandSchema,
  facts: commandFacts,
  plan: planCommand,
};

export type { CommandArgs };
