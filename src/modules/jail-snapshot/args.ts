/**
 * jail_snapshot (issue 18): one named snapshot of a jail's dataset.
 * `dataset` is required rather than read from the jail: the jail module's
 * `dataset:` lives in the playbook, not on the host, and guessing it from
 * jls's path and `zfs list` would be a second source of truth.
 */
import { z } from 'zod';
import { jailName } from '../jail/args.js';
import { datasetName } from '../zfs/args.js';

/** A snapshot component as zfs_namecheck takes it: letters, digits and `_-.:` (no `@`, no `/`). */
const snapshotName = z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'expected a snapshot name without "@", like before-upgrade (letters, digits, "_-.:")');

export const jailSnapshotSchema = z.strictObject({
  jail: jailName,
  dataset: datasetName,
  name: snapshotName,
  state: z.enum(['present', 'absent', 'rolled_back']).default('present'),
});

export type JailSnapshotArgs = z.output<typeof jailSnapshotSchema>;
