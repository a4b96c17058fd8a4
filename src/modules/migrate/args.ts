/**
 * The `migrate` module's arguments (issue 13): move a jail, or a whole old
 * machine, from a source host of the inventory onto the host the task runs
 * on (the destination).
 */
import { z } from 'zod';
import { absolutePath, boolish } from '../args.js';
import { jailName, parseIp4Entry } from '../jail/args.js';

const jailRoot = absolutePath.refine((p) => p.split('/').length >= 3, 'a jail root must be at least two levels deep');

export const migrateSchema = z
  .strictObject({
    /** The jail's name on the source (a jail move). */
    jail: jailName.optional(),
    /** The whole source machine becomes a jail (a machine move): its listed paths, packages, users and services. */
    machine: boolish.default(false),
    /** The source host's inventory name. */
    from: z.string().min(1, 'expected the inventory name of the source host'),
    /** Its name on the destination (default: the same; a machine move needs one). */
    name: jailName.optional(),
    /** Its root on the destination (default: the source's root's directory, with the new name; /usr/jails/NAME for a machine). */
    path: jailRoot.optional(),
    /**
     * `keep`: the jail's address moves with it; `takeover` (machine moves,
     * their default): the jail takes the source machine's address; else its
     * new ip4.addr entry ("em0|192.0.2.50/32").
     */
    ip: z
      .string()
      .refine((s) => s === 'keep' || s === 'takeover' || parseIp4Entry(s) !== undefined, 'expected "keep", "takeover" or "iface|a.b.c.d/len"')
      .optional(),
    /**
     * How the data goes, through the controller: `zfs` (send/receive: a full
     * copy while the jail runs, only the changes while it is stopped), `tar`,
     * or `auto`: zfs when the jail's root is a dataset and the destination has
     * its parent dataset, else tar. A machine's paths go by tar.
     */
    via: z.enum(['auto', 'zfs', 'tar']).default('auto'),
    /** A command run on the destination once the jail started there: exit 0 or the move is rolled back. */
    check: z.string().min(1).optional(),
    /** Delete the source's data after a verified cutover (default: keep it). Jail moves only. */
    destroy_source: boolish.default(false),
    /** Machine moves: the release the jail is built from. */
    release: z.string().regex(/^\d+\.\d+-[A-Z0-9-]+$/, 'expected a release such as 14.2-RELEASE').optional(),
    /** Machine moves: the directories of the source copied into the jail, at the same place. */
    paths: z.array(absolutePath.refine((p) => p !== '/', 'expected a directory, not /')).optional(),
    /** Machine moves: the jail's own ZFS dataset on the destination (as the jail module's dataset). */
    dataset: z.string().min(1).optional(),
  })
  .superRefine((a, ctx) => {
    const need = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    if (!a.machine) {
      if (a.jail === undefined) need('jail', 'expected the name of the jail to move (jail:), or machine: true');
      if (a.ip === 'takeover') need('ip', '"takeover" is for a machine move (machine: true); a jail keeps its address with "keep"');
      for (const key of ['release', 'paths', 'dataset'] as const) if (a[key] !== undefined) need(key, `${key} is for a machine move (machine: true)`);
      return;
    }
    if (a.jail !== undefined) need('jail', 'a machine move moves the whole source, not a jail: give jail: or machine: true, not both');
    if (a.name === undefined) need('name', 'expected the name of the jail the machine becomes (name:)');
    if (a.release === undefined) need('release', 'expected the release the jail is built from (release:)');
    if (!a.paths?.length) need('paths', 'expected the directories of the source to copy into the jail (paths:)');
    if (a.via === 'zfs') need('via', "a machine's paths go by tar");
    if (a.destroy_source) need('destroy_source', 'a machine move never deletes the source machine');
  });

export type MigrateArgs = z.output<typeof migrateSchema>;
