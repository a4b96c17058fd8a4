import { z } from 'zod';
import { jailArg } from '../args.js';

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

/** One name or a list; duplicates are dropped so each package has one fact. */
const names = z
  .union([pkgName, z.array(pkgName).min(1)])
  .transform((v) => [...new Set(typeof v === 'string' ? [v] : v)]);

export const pkgSchema = z.strictObject({
  name: names,
  /**
   * latest: install when missing, else `pkg upgrade -y` when `pkg upgrade -n`
   * (the dry run) says an upgrade is pending.
   */
  state: z.enum(['present', 'absent', 'latest']).default('present'),
  /** Run pkg on a jail's package database (`pkg -j JAIL`). */
  jail: jailArg.optional(),
});

export type PkgArgs = z.output<typeof pkgSchema>;
