import { z } from 'zod';
import { absolutePath, boolish } from '../args.js';

/**
 * What the controller's copy of the file is now, read by the engine (plans
 * do no I/O): where it goes (local-path.ts) and its bytes, base64.
 */
export const localDest = z.strictObject({
  path: z.string(),
  kind: z.enum(['absent', 'file', 'directory', 'other']),
  content: z.string().optional(),
});

export type LocalDest = z.output<typeof localDest>;

/**
 * Ansible's ansible.builtin.fetch: `src` on the host, `dest` on the
 * controller (relative to the playbook's directory), `flat`,
 * `fail_on_missing`, `validate_checksum`.
 */
export const fetchSchema = z.strictObject({
  src: absolutePath,
  dest: z
    .string()
    .min(1)
    .refine((s) => !s.includes('\0'), 'a path may not contain NUL'),
  flat: boolish.default(false),
  fail_on_missing: boolish.default(true),
  validate_checksum: boolish.default(true),
  /** Set by the engine (src/engine/controller-files.ts), never in a playbook. */
  local: localDest.optional(),
});

export type FetchArgs = z.output<typeof fetchSchema>;
