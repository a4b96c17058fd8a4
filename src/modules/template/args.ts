import { z } from 'zod';
import { absolutePath, boolish, modeArg, principalArg } from '../args.js';

/**
 * Ansible's template arguments. `src` is a file on the controller: plans do
 * no I/O, so the engine reads it (relative to the playbook directory, as
 * copy's src) and passes its text as `srcContent`; the planner renders it
 * with the task's variables.
 */
export const templateSchema = z.strictObject({
  src: z.string().min(1),
  dest: absolutePath,
  srcContent: z.string().optional(),
  mode: modeArg.optional(),
  owner: principalArg.optional(),
  group: principalArg.optional(),
  backup: boolish.default(false),
});

export type TemplateArgs = z.output<typeof templateSchema>;
