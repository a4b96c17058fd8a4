import type { SimCommand } from '../../types.js';
import { jailCommand } from './jail-cmd.js';
import { jexecCommand } from './jexec.js';
import { jlsCommand } from './jls.js';

/** Jail, storage and package commands (jail, jls, jexec, mount, zfs, tar, fetch, pkg). */
export const jailCommands: Record<string, SimCommand> = {
  jail: jailCommand,
  jls: jlsCommand,
  jexec: jexecCommand,
};
