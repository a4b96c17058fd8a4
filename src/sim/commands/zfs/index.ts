import type { SimCommand } from '../../types.js';
import { zfsCommand } from './zfs.js';

export { createPool } from './create.js';

/** ZFS datasets and snapshots (freebsd.md §10). */
export const zfsCommands: Record<string, SimCommand> = {
  zfs: zfsCommand,
};
