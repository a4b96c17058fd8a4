import { z } from 'zod';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)';
const ADDR_WITH_PREFIX = new RegExp(`^(${OCTET}(?:\\.${OCTET}){3})/(3[0-2]|[12]?\\d)$`);

export const ipAliasSchema = z
  .strictObject({
    interface: z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'expected an interface name like "em0"'),
    /** The prefix is required: an alias in the primary's subnet needs /32 (freebsd.md §8, §11). */
    address: z.string().regex(ADDR_WITH_PREFIX, 'expected an IPv4 address with its prefix, like "192.0.2.100/32"'),
    state: z.enum(['present', 'absent']).default('present'),
  })
  .transform((a) => {
    const [addr = '', prefix = '32'] = a.address.split('/');
    return { ...a, addr, prefix: Number(prefix) };
  });

export type IpAliasArgs = z.output<typeof ipAliasSchema>;
