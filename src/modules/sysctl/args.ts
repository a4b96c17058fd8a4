import { z } from 'zod';
import { absolutePath, boolish } from '../args.js';

/** Booleans become 1/0 as sysctl(8) wants; numbers their decimal text. */
const sysctlValue = z.union([z.string(), z.number(), z.boolean()]).transform((v) => {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
});

/**
 * ansible.posix.sysctl's arguments map onto `runtime` (set the running
 * value whenever it differs) and `persist` (the file):
 * - `sysctl_set: true` is `runtime: true`;
 * - `reload` (Ansible: reload the file into the kernel when it changed;
 *   on FreeBSD `/etc/rc.d/sysctl reload`) is accepted as `runtime`: only
 *   this one value is set, never the file's other lines, and also when
 *   the file was already right but the running value was not;
 * - `sysctl_file` is `path`.
 */
export const sysctlSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_%][A-Za-z0-9_.%-]*$/, 'expected a sysctl name like net.inet.ip.forwarding'),
    value: sysctlValue,
    /** Also write the setting to `path` so it survives a reboot. */
    persist: boolish.default(true),
    path: absolutePath.optional(),
    sysctl_file: absolutePath.optional(),
    /** Set the running kernel's value now (`reload` and `sysctl_set: true` are accepted as synonyms). */
    runtime: boolish.optional(),
    reload: boolish.optional(),
    sysctl_set: boolish.optional(),
    /** An oid this kernel does not have is not an error: only the file is written (sysctl -i). */
    ignoreerrors: boolish.default(false),
  })
  .superRefine((a, ctx) => {
    if (a.path !== undefined && a.sysctl_file !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['sysctl_file'], message: 'path and sysctl_file are the same argument; give one' });
    }
    if (a.sysctl_set === true && a.runtime === false) {
      ctx.addIssue({ code: 'custom', path: ['sysctl_set'], message: 'sysctl_set: true sets the running value; runtime: false says not to' });
    }
  })
  .transform(({ reload, runtime, sysctl_set, sysctl_file, path, ...rest }) => ({
    ...rest,
    path: path ?? sysctl_file ?? '/etc/sysctl.conf',
    runtime: runtime ?? (sysctl_set === true ? true : (reload ?? true)),
  }));

export type SysctlArgs = z.output<typeof sysctlSchema>;
