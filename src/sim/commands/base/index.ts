import type { SimCommand } from '../../types.js';

/** POSIX userland (cat, printf, test, mkdir, mv, ...). */
export const baseCommands: Record<string, SimCommand> = {};
