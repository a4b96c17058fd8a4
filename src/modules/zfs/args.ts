/**
 * community.general.zfs's arguments for file systems: `name`, `state`,
 * `extra_zfs_properties` (a map; YAML booleans become on/off, as Ansible
 * turns them back). Snapshots (`@`), clones (`origin`) and volumes
 * (`volsize`) are not handled here. `recurse` is jailfleet's: Ansible
 * destroys with `zfs destroy -R` (descendants and their clones anywhere);
 * here a dataset with children or snapshots is only destroyed when the task
 * says `recurse: true`, and then with `-r` (its own tree, never clones
 * elsewhere).
 */
import { z } from 'zod';
import { boolish } from '../args.js';

/** zfsprops(7)'s short names, so `compress: lz4` compares with `zfs get`'s "compression". */
const ALIASES: Record<string, string> = {
  compress: 'compression',
  recsize: 'recordsize',
  rdonly: 'readonly',
  reserv: 'reservation',
  refreserv: 'refreservation',
  volblock: 'volblocksize',
  dnsize: 'dnodesize',
};

/** zfs(8) dataset names (zfs_namecheck): components of letters, digits, `_-.:`, separated by `/`. */
export const datasetName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*(\/[A-Za-z0-9_.:-]+)*$/, 'expected a file system name like zroot/jails/www (snapshots with "@" are not supported)');

const PROP_NAME = /^([a-z][a-z0-9_]*|[a-z0-9_.-]+:[a-z0-9_.:-]*)$/;

const propValue = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => (typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v)))
  .refine((v) => !/[\n\0]/.test(v), 'a property value may not contain a newline');

export const zfsSchema = z
  .strictObject({
    name: datasetName,
    state: z.enum(['present', 'absent']).default('present'),
    extra_zfs_properties: z.record(z.string(), propValue).default({}),
    recurse: boolish.default(false),
  })
  .superRefine((a, ctx) => {
    if (a.state === 'absent' && !a.name.includes('/')) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: `${a.name} is a pool's root file system: zpool destroy removes it, not this module` });
    }
    if ('volsize' in a.extra_zfs_properties) ctx.addIssue({ code: 'custom', path: ['extra_zfs_properties', 'volsize'], message: 'volumes are not supported: only file systems' });
    const seen = new Map<string, string>();
    for (const key of Object.keys(a.extra_zfs_properties)) {
      if (!PROP_NAME.test(key)) {
        ctx.addIssue({ code: 'custom', path: ['extra_zfs_properties', key], message: 'expected a zfsprops(7) name like compression, or a user property like org.example:owner' });
        continue;
      }
      const canonical = ALIASES[key] ?? key;
      const other = seen.get(canonical);
      if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['extra_zfs_properties', key], message: `${key} and ${other} are the same property` });
      seen.set(canonical, key);
    }
  })
  .transform((a) => ({
    ...a,
    extra_zfs_properties: Object.fromEntries(Object.entries(a.extra_zfs_properties).map(([k, v]) => [ALIASES[k] ?? k, v])),
  }));

export type ZfsArgs = z.output<typeof zfsSchema>;
