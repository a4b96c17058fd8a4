import { z } from 'zod';
import { absolutePath, jailArg } from '../args.js';

/**
 * sysrc(8) appends `NAME="VALUE"` to a file /bin/sh sources at every boot,
 * without escaping VALUE (sysrc.subr f_sysrc_set). A `"`, `\`, `$` or
 * backquote in VALUE would break rc.conf or run code at boot, and a newline
 * breaks sysrc's own line-based editing: such values are refused here.
 */
export const RC_UNSAFE = /["\\$`\n]/;

/** true/false become YES/NO, the rc.conf spelling; numbers their text. */
const rcValue = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => (typeof v === 'boolean' ? (v ? 'YES' : 'NO') : String(v)))
  .refine((v) => !RC_UNSAFE.test(v), 'an rc.conf value may not contain ", \\, $, ` or a newline (sysrc writes it unescaped)');

export const rcVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an rc.conf variable name');

export const sysrcSchema = z
  .strictObject({
    name: rcVarName,
    value: rcValue.optional(),
    state: z.enum(['present', 'absent', 'value_present', 'value_absent']).default('present'),
    path: absolutePath.default('/etc/rc.conf'),
    jail: jailArg.optional(),
    /** List separator for value_present/value_absent. */
    delim: z.string().min(1).default(' '),
  })
  .superRefine((a, ctx) => {
    if (a.state !== 'absent' && a.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `value is required with state: ${a.state}` });
    }
  });

export type SysrcArgs = z.output<typeof sysrcSchema>;
