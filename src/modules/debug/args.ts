import { z } from 'zod';

/** Ansible's debug: `msg` (default "Hello world!") or `var` (a variable or expression, not templated), and `verbosity`. */
export const debugSchema = z
  .strictObject({
    msg: z.unknown().optional(),
    var: z.string().min(1, 'expected a variable name or expression').optional(),
    verbosity: z.number().int().min(0).default(0),
  })
  .refine((a) => a.msg === undefined || a.var === undefined, { message: 'msg and var are mutually exclusive; give one' });

export type DebugArgs = z.output<typeof debugSchema>;
