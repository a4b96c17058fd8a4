/**
 * Ansible's ansible.posix.mount arguments (`path`, alias `name`; `src`,
 * `fstype`, `opts`, `dump`, `passno`, `fstab`, `boot`, `backup`, `state`),
 * with its FreeBSD defaults: opts `rw` (FreeBSD has no `defaults`), dump
 * and passno `0`, fstab `/etc/fstab`.
 */
import { z } from 'zod';
import { absolutePath, boolish, normalizePath } from '../args.js';

/**
 * An fstab(5) field: fields are separated by white space and `#` starts a
 * comment, so neither may appear in one (Ansible writes `\040`; `mount -p`
 * prints the raw name, which could then not be read back).
 */
const field = (what: string) =>
  z
    .string()
    .min(1, `${what} may not be empty`)
    .refine((s) => !/[\s#]/.test(s), `${what} may not contain white space or "#" (fstab(5) separates its fields by white space)`);

const fstabPath = absolutePath.refine((p) => !/[\s#]/.test(p), 'an fstab(5) mount point may not contain white space or "#"');
const number = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^\d+$/, 'expected a number like 0'));

export const mountSchema = z
  .strictObject({
    path: fstabPath.optional(),
    name: fstabPath.optional(),
    src: field('src').optional(),
    fstype: z.string().regex(/^[a-z0-9_]+$/, 'expected a file system type like nullfs, tmpfs, ufs').optional(),
    opts: field('opts').optional(),
    dump: number.default('0'),
    passno: number.default('0'),
    fstab: absolutePath.default('/etc/fstab'),
    state: z.enum(['mounted', 'unmounted', 'present', 'absent', 'absent_mount', 'absent_from_fstab', 'remounted']),
    /** false adds `noauto`, so `mount -a` at boot leaves it (Ansible's `boot`). */
    boot: boolish.default(true),
    backup: boolish.default(false),
  })
  .superRefine((a, ctx) => {
    if (a.path === undefined && a.name === undefined) ctx.addIssue({ code: 'custom', path: ['path'], message: 'path (or its alias name) is required' });
    if (a.path !== undefined && a.name !== undefined && a.path !== a.name) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'name is an alias of path: give one of them' });
    }
    if (a.state === 'mounted' || a.state === 'present') {
      for (const key of ['src', 'fstype'] as const) {
        if (a[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required with state: ${a.state}` });
      }
    }
    // getfsent(3) takes the entry's type from rw, rq, ro or sw among the options; without one
    // `mount PATH` refuses the entry and `mount -a` at boot skips it (lib/libc/gen/fstab.c).
    if (a.opts !== undefined && !a.opts.split(',').some((w) => ['rw', 'ro', 'rq'].includes(w))) {
      ctx.addIssue({ code: 'custom', path: ['opts'], message: 'opts must include rw or ro: FreeBSD reads an fstab line without them as of unknown type, and mount -a skips it' });
    }
    // Ansible on FreeBSD remounts by umount and mount from fstab; with opts it fails instead.
    if (a.state === 'remounted' && a.opts !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['opts'], message: 'opts cannot be used with state: remounted (it remounts from the fstab entry); use state: mounted' });
    }
  })
  .transform(({ name, path, src, opts, boot, ...rest }) => {
    const words = (opts ?? 'rw').split(',');
    if (!boot && !words.includes('noauto')) words.push('noauto');
    return {
      ...rest,
      path: path ?? name ?? '/',
      // mount(8) resolves a source path with realpath(3): `mount -p` shows it normalised.
      src: src !== undefined && src.startsWith('/') ? normalizePath(src) : src,
      opts: words.join(','),
    };
  });

export type MountArgs = z.output<typeof mountSchema>;
