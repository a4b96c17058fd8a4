import type { SimCommand } from '../../types.js';

/** Jail, storage and package commands (jail, jls, jexec, mount, zfs, tar, fetch, pkg). */
export const jailCommands: Record<string, SimCommand> = {};
