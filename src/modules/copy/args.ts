import { z } from 'zod';
import { absolutePath, boolish, modeArg, principalArg } from '../args.js';

/**
 * `src` is a path on the controller. Plans do no I/O, so the engine reads it
 * (relative to the playbook directory) and passes its text as `srcContent`;
 * planning a task with `src` but no `srcContent` fails.
 */
export const copySchema = z
  .strictObject({
    dest: absolutePath,
    content: z.string().optional(),
    src: z.string().min(1).optional(),
    srcContent: z.string().optional(),
    mode: modeArg.optional(),
    owner: principalArg.optional(),
    group: principalArg.optional(),
    backup: boolish.default(false),
  })
  .superRefine((a, ctx) => {
    if ((a.content === undefined) === (a.src === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'give exactly one of content and src' });
    }
    if (a.srcContent !== undefined && a.src === undefined) {
      ctx.addIssue({ code: 'custom', path: ['srcContent'], message: 'srcContent is set by the engine for src only' });
    }
  });

export type CopyArgs = z.output<typeof copySchema>;
