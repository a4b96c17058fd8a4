import { z } from 'zod';
import { absolutePath, boolish, modeArg, principalArg } from '../args.js';

export const directorySchema = z.strictObject({
  path: absolutePath,
  mode: modeArg.optional(),
  owner: principalArg.optional(),
  group: principalArg.optional(),
  state: z.enum(['present', 'absent']).default('present'),
  /**
   * Apply mode/owner/group to everything below too (`chmod -R`, `chown -R`).
   * As in Ansible with an octal mode, files get the same mode as directories.
   */
  recurse: boolish.default(false),
});

export type DirectoryArgs = z.output<typeof directorySchema>;
