import type { SimCommand } from '../../types.js';
import { sh } from './sh.js';

/** POSIX userland (cat, printf, test, mkdir, mv, ...). */
export const baseCommands: Record<string, SimCommand> = {
  sh,
};
