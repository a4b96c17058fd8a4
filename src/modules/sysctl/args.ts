import { z } from 'zod';
import { absolutePath, boolish } from '../args.js';

/** Booleans become 1/0 as sysctl(8) wants; numbers their decimal text. */
const sysctlValue = z.union([z.string(), z.number(), z.boolean()]).transform((v) => {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
});

export const sysctlSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_%][A-Za-z0-9_.%-]*$/, 'expected a sysctl name like net.inet.ip.forwarding'),
    value: sysctlValue,
    /** Also write the setting to `path` so it survives a reboot. */
    persist: boolish.default(true),
    path: absolutePath.default('/etc/sysctl.conf'),
    /** Set the running kernel's value now (`reload` is accepted as a synonym). */
    runtime: boolish.optional(),
    reload: boolish.optional(),
  })
  .transform(({ reload, runtime, ...rest }) => ({ ...rest, runtime: runtime ?? reload ?? true }));

export type SysctlArgs = z.output<typeof sysctlSchema>;
