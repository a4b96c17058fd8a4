import { z } from 'zod';
import { absolutePath, boolish, modeArg, principalArg } from '../args.js';

/**
 * Ansible's ansible.builtin.file: `path` (or its aliases `dest`, `name`),
 * `state`, `src` and `force` for links, `recurse` for directories.
 * `state: hard` makes `path` another name of the existing file `src`.
 */
const fileObject = z.strictObject({
  path: absolutePath.optional(),
  dest: absolutePath.optional(),
  name: absolutePath.optional(),
  /** Unset: what the path is now (a directory stays one), else `file` — Ansible's default. */
  state: z.enum(['file', 'directory', 'link', 'hard', 'absent', 'touch']).optional(),
  /** The link's target: for `link` stored as written (a relative one is relative to the link's directory); for `hard` an absolute path. */
  src: z
    .string()
    .min(1)
    .refine((s) => !/[\0\n]/.test(s), 'a path may not contain NUL or newline')
    .optional(),
  mode: modeArg.optional(),
  owner: principalArg.optional(),
  group: principalArg.optional(),
  recurse: boolish.default(false),
  /** state: link replaces a file (not a directory) at path, and links to a src that does not exist; state: hard replaces a different file. */
  force: boolish.default(false),
});

export const fileSchema = fileObject
  .superRefine((a, ctx) => {
    const given = (['path', 'dest', 'name'] as const).filter((k) => a[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: given.length ? `give one of path, dest and name (their aliases), not ${given.join(' and ')}` : 'path is required (or its aliases dest, name)' });
    }
    const linking = a.state === 'link' || a.state === 'hard';
    if (linking && a.src === undefined) ctx.addIssue({ code: 'custom', path: ['src'], message: `src is required with state: ${a.state}` });
    if (a.src !== undefined && !linking) ctx.addIssue({ code: 'custom', path: ['src'], message: 'src is only used with state: link or hard' });
    // Ansible resolves a relative src of a hard link against its own working directory, which means nothing here.
    if (a.state === 'hard' && a.src !== undefined && !a.src.startsWith('/')) ctx.addIssue({ code: 'custom', path: ['src'], message: 'src must be an absolute path with state: hard' });
    if (linking && (a.mode !== undefined || a.owner !== undefined || a.group !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: a.state === 'hard' ? 'mode, owner and group are not set with state: hard; set them on src' : 'mode, owner and group are not set on a link; set them on its target' });
    }
    if (a.recurse && a.state !== undefined && a.state !== 'directory') ctx.addIssue({ code: 'custom', path: ['recurse'], message: 'recurse requires state: directory' });
  })
  .transform(({ path, dest, name, ...rest }) => ({ ...rest, path: (path ?? dest ?? name)! }));

export type FileArgs = z.output<typeof fileSchema>;
