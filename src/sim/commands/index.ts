import type { SimCommand } from '../types.js';
import { baseCommands } from './base/index.js';
import { freebsdCommands } from './freebsd/index.js';
import { jailCommands } from './jail/index.js';
import { zfsCommands } from './zfs/index.js';

/** Every command the simulated host knows; anything else is "not found" (127). */
export const allCommands: Record<string, SimCommand> = {
  ...baseCommands,
  ...freebsdCommands,
  ...jailCommands,
  ...zfsCommands,
};
