import { z } from 'zod';
import { absolutePath, boolish, modeArg, principalArg } from '../args.js';
import { validateArg } from '../file-edit/validate-command.js';

/**
 * `src` is a path on the controller. Plans do no I/O, so the engine reads it
 * (relative to the playbook directory) and passes its text as `srcContent`;
 * planning a task with `src` but no `srcContent` fails. With `remote_src`
 * it is an absolute path on the host instead, read as a fact.
 */
export const copySchema = z
  .strictObject({
    dest: absolutePath,
    content: z.string().optional(),
    src: z.string().min(1).optional(),
    srcContent: z.string().optional(),
    /** src is a file on the host (Ansible's remote_src). */
    remote_src: boolish.default(false),
    /** false: an existing dest is left as it is, content and attributes (Ansible's force: no). */
    force: boolish.default(true),
    /** A command with %s, run on the new file before it replaces dest (file-edit/validate-command.ts). */
    validate: validateArg.optional(),
    mode: modeArg.optional(),
    owner: principalArg.optional(),
    group: principalArg.optional(),
    backup: boolish.default(false),
  })
  .superRefine((a, ctx) => {
    if ((a.content === undefined) === (a.src === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'give exactly one of content and src' });
    }
    if (a.srcContent !== undefined && (a.src === undefined || a.remote_src)) {
      ctx.addIssue({ code: 'custom', path: ['srcContent'], message: 'srcContent is set by the engine for src only' });
    }
    if (a.remote_src && a.src === undefined) {
      ctx.addIssue({ code: 'custom', path: ['remote_src'], message: 'remote_src needs src (a path on the host)' });
    }
    if (a.remote_src && a.src !== undefined && !absolutePath.safeParse(a.src).success) {
      ctx.addIssue({ code: 'custom', path: ['src'], message: 'with remote_src, src must be an absolute path on the host' });
    }
  })
  .transform((a) => (a.remote_src && a.src !== undefined ? { ...a, src: absolutePath.parse(a.src) } : a));

export type CopyArgs = z.output<typeof copySchema>;
