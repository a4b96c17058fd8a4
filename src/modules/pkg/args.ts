import { z } from 'zod';
import { absolutePath, boolish, jailArg } from '../args.js';

/**
 * A package name, origin (www/nginx) or name-version. Any other character is
 * allowed and quoted; a leading '-' would read as an option, white space
 * would make the task's name ambiguous with a list.
 */
const pkgName = z
  .string()
  .min(1)
  .refine((n) => !n.startsWith('-'), 'a package name may not start with "-"')
  .refine((n) => !/[\s\0]/.test(n), 'a package name may not contain white space');

/**
 * One name, a list, or names separated by commas (Ansible's list type reads
 * "nginx,curl" as two); duplicates are dropped so each package has one fact.
 */
const names = z
  .union([z.string(), z.array(pkgName).min(1)])
  .transform((v) => (typeof v === 'string' ? v.split(',').map((n) => n.trim()) : v))
  .pipe(z.array(pkgName).min(1))
  .transform((v) => [...new Set(v)]);

export const pkgSchema = z
  .strictObject({
    name: names,
    /**
     * latest: install when missing, else `pkg upgrade -y` when `pkg upgrade -n`
     * (the dry run) says an upgrade is pending.
     */
    state: z.enum(['present', 'absent', 'latest']).default('present'),
    /** Run pkg on a jail's package database (`pkg -j JAIL`). */
    jail: jailArg.optional(),
    /** Packages of another root directory (`pkg -r DIR`; pkg.8: installs within it). */
    rootdir: absolutePath.optional(),
    /** Packages of a system pkg chroots into (`pkg -c DIR`): their scripts run inside it. */
    chroot: absolutePath.optional(),
    /** Afterwards, remove the automatic packages nothing needs any more (`pkg autoremove`). */
    autoremove: boolish.default(false),
  })
  .superRefine((a, ctx) => {
    const given = (['jail', 'rootdir', 'chroot'] as const).filter((k) => a[k] !== undefined);
    if (given.length > 1) {
      ctx.addIssue({ code: 'custom', path: [given[1]!], message: 'jail, rootdir and chroot are mutually exclusive (pkg -j / -r / -c)' });
    }
  });

export type PkgArgs = z.output<typeof pkgSchema>;
