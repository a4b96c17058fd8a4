import { z } from 'zod';

const condition = z.union([z.string(), z.boolean()]).transform(String);

/** Ansible's assert: `that` (one condition or a list, as `when:` takes them), `fail_msg`/`msg`, `success_msg`, `quiet`. */
export const assertSchema = z.strictObject({
  that: z.union([condition, z.array(condition).min(1)]).transform((t) => (Array.isArray(t) ? t : [t])),
  fail_msg: z.string().optional(),
  msg: z.string().optional(),
  success_msg: z.string().optional(),
  quiet: z.boolean().default(false),
});

export type AssertArgs = z.output<typeof assertSchema>;
