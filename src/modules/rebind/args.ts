import { z } from 'zod';
import { boolish } from '../args.js';

export const DAEMONS = ['syslogd', 'inetd', 'sshd', 'postfix', 'sendmail'] as const;
export type Daemon = (typeof DAEMONS)[number];

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

const ipv4 = z.string().refine(isIPv4, 'expected an IPv4 address like 192.0.2.11');

/** A list, or one string of addresses separated by commas or spaces. */
const ipv4List = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v))
  .pipe(z.array(ipv4))
  .transform((v) => [...new Set(v)]);

export const rebindSchema = z
  .strictObject({
    /** The host's own address: the only one its daemons may listen on. */
    address: ipv4,
    /** Only the listed daemons are changed and checked; a daemon not installed is skipped. */
    daemons: z
      .array(z.enum(DAEMONS))
      .min(1)
      .default([...DAEMONS])
      .transform((v) => DAEMONS.filter((d) => v.includes(d))),
    /** none: `-ss`, no network socket; bind: `-b ADDRESS` (receive remote logs on the host address). */
    syslogd_mode: z.enum(['none', 'bind']).default('none'),
    /** Addresses the jails of this host own; default: what `jls` shows for the running jails. */
    jail_ips: ipv4List.optional(),
    /** More ListenAddress lines for sshd (a management address); the controller may connect through them. */
    sshd_extra_addresses: ipv4List.default([]),
    /**
     * postfix's inet_interfaces. `$myhostname` is the how-to's value
     * (DESIGN.md §0): it follows the host name, so it needs the name to
     * resolve to the host address — verification catches it when not.
     */
    postfix_inet_interfaces: z
      .string()
      .min(1)
      .refine((s) => !/[\n#]/.test(s), 'inet_interfaces may not contain a newline or "#"')
      .default('$myhostname'),
    /** Check with sockstat after the restarts (a verify step). */
    verify: boolish.default(true),
  })
  .superRefine((a, ctx) => {
    if (a.jail_ips?.includes(a.address)) {
      ctx.addIssue({ code: 'custom', path: ['jail_ips'], message: `${a.address} is the host address and cannot be a jail's` });
    }
  });

export type RebindArgs = z.output<typeof rebindSchema>;
