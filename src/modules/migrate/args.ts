/**
 * The `migrate` module's arguments (issue 13): move a jail from a source host
 * of the inventory onto the host the task runs on (the destination).
 */
import { z } from 'zod';
import { absolutePath, boolish } from '../args.js';
import { jailName, parseIp4Entry } from '../jail/args.js';

export const migrateSchema = z.strictObject({
  /** The jail's name on the source. */
  jail: jailName,
  /** The source host's inventory name. */
  from: z.string().min(1, 'expected the inventory name of the source host'),
  /** Its name on the destination (default: the same). */
  name: jailName.optional(),
  /** Its root on the destination (default: the source's root's directory, with the new name). */
  path: absolutePath.refine((p) => p.split('/').length >= 3, 'a jail root must be at least two levels deep').optional(),
  /** `keep`: the jail's address moves with it; else its new ip4.addr entry ("em0|192.0.2.50/32"). */
  ip: z
    .string()
    .refine((s) => s === 'keep' || parseIp4Entry(s) !== undefined, 'expected "keep" or "iface|a.b.c.d/len"')
    .default('keep'),
  /**
   * How the data goes, through the controller: `zfs` (send/receive: a full
   * copy while the jail runs, only the changes while it is stopped), `tar`,
   * or `auto`: zfs when the jail's root is a dataset and the destination has
   * its parent dataset, else tar.
   */
  via: z.enum(['auto', 'zfs', 'tar']).default('auto'),
  /** A command run on the destination once the jail started there: exit 0 or the move is rolled back. */
  check: z.string().min(1).optional(),
  /** Delete the source's data after a verified cutover (default: keep it). */
  destroy_source: boolish.default(false),
});

export type MigrateArgs = z.output<typeof migrateSchema>;
