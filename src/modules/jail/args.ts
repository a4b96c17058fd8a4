import { z } from 'zod';
import { absolutePath, boolish, modeArg } from '../args.js';
import { RC_UNSAFE, rcVarName } from '../sysrc/args.js';
import { baseFstabLine } from './thin-layout.js';
import { checkNetwork, networkShape } from './net-args.js';

/**
 * A jail name that is safe everywhere it goes unquoted by design: the block
 * header of jail.conf, a word of `jail_list`, the conf file's name. A purely
 * numeric name would be read as a JID, a '.' makes a hierarchical name.
 */
export const jailName = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, 'expected a jail name: letters, digits, "_" and "-", not starting with "-"')
  .refine((n) => !/^\d+$/.test(n), 'a jail name may not be all digits (it would be read as a JID)');

/** jail.conf strings may hold anything but NUL; a newline would break the one-line-per-parameter layout we compare. */
const confText = z.string().refine((s) => !/[\0\n]/.test(s), 'may not contain NUL or a newline');

const IP4 = /^(?:([A-Za-z][A-Za-z0-9_.]*)\|)?((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?:\/(3[0-2]|[12]?\d))?$/;

/** One ip4.addr entry: "em0|192.0.2.10/32" (jail(8) adds the alias) or a bare address. */
export interface Ip4Entry {
  iface?: string;
  addr: string;
  prefix?: number;
}

export function parseIp4Entry(text: string): Ip4Entry | undefined {
  const m = IP4.exec(text.trim());
  if (!m || m[2] === undefined) return undefined;
  return { ...(m[1] ? { iface: m[1] } : {}), addr: m[2], ...(m[3] !== undefined ? { prefix: Number(m[3]) } : {}) };
}

export function formatIp4Entry(e: Ip4Entry): string {
  return `${e.iface ? `${e.iface}|` : ''}${e.addr}${e.prefix !== undefined ? `/${e.prefix}` : ''}`;
}

const ip4Entry = z.string().transform((s, ctx) => {
  const e = parseIp4Entry(s);
  if (!e) {
    ctx.addIssue({ code: 'custom', message: `expected "iface|a.b.c.d/len" or "a.b.c.d[/len]", got "${s}"` });
    return z.NEVER;
  }
  return e;
});

const mountItem = z.union([
  z.enum(['devfs', 'procfs', 'fdescfs']),
  z.strictObject({ fstab: z.union([confText, z.array(confText)]) }),
]);

const paramName = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'expected a jail parameter name like "allow.raw_sockets"');
const paramScalar = z.union([confText, z.number(), z.boolean()]);
const paramValue = z.union([paramScalar, z.array(z.union([confText, z.number()]))]);

/** Parameters that have their own argument: set them there, so the module can tell when a restart is due. */
export const MANAGED_PARAMS = new Set(['name', 'path', 'host.hostname', 'ip4.addr', 'mount.devfs', 'mount.procfs', 'mount.fdescfs', 'mount.fstab']);

const rcValue = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => (typeof v === 'boolean' ? (v ? 'YES' : 'NO') : String(v)))
  .refine((v) => !RC_UNSAFE.test(v), 'an rc.conf value may not contain ", \\, $, ` or a newline (sysrc writes it unescaped)');

const jailFile = z.strictObject({
  /** Path inside the jail; normalised, so ".." cannot leave the root. */
  path: absolutePath.refine((p) => p !== '/', 'expected a file path inside the jail'),
  content: z.string(),
  mode: modeArg.optional(),
});

const ifName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'expected an interface name like "em0"');
const port = z.number().int().min(1).max(65535);
const portForward = z.strictObject({ proto: z.enum(['tcp', 'udp']).default('tcp'), host: port, jail: port });

/** `network:` and its companions (net-args.ts reads them). */
export const networkFields = {
  network: z.enum(['alias', 'vnet', 'nat']).default('alias'),
  nat_interface: ifName.default('lo1'),
  external_interface: ifName.optional(),
  ports: z.array(portForward).default([]),
  bridge: z.string().regex(/^bridge\d+$/, 'expected a bridge like "bridge0"').default('bridge0'),
  bridge_uplink: ifName.optional(),
  epair: z.number().int().min(0).max(32767).optional(),
  gateway: z.string().regex(/^\d+\.\d+\.\d+\.\d+$/, 'expected an IPv4 address').optional(),
};

const DEFAULT_MIRROR = 'https://download.freebsd.org/ftp/releases/amd64/amd64';

export const jailSchema = z
  .strictObject({
    name: jailName,
    path: absolutePath.refine((p) => p !== '/', 'the jail root may not be /').optional(),
    hostname: confText.optional(),
    ip4: z.union([ip4Entry, z.array(ip4Entry)]).optional(),
    release: z
      .string()
      .regex(/^\d+\.\d+-(RELEASE|BETA\d*|RC\d*|ALPHA\d*)(-p\d+)?$/, 'expected a release like "14.2-RELEASE"')
      .optional(),
    mirror: z
      .string()
      .regex(/^(https?|ftp|file):\/\/[^\s'"\\]+$/, 'expected an http(s)/ftp/file URL')
      .transform((u) => u.replace(/\/+$/, ''))
      .default(DEFAULT_MIRROR),
    archive: absolutePath.optional(),
    dataset: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*(\/[A-Za-z0-9_.:-]+)+$/, 'expected a ZFS dataset name like "zroot/jails/www"')
      .optional(),
    mounts: z.array(mountItem).default(['devfs']),
    params: z.record(paramName, paramValue).default({}),
    rc_conf: z.record(rcVarName, rcValue).default({}),
    files: z.array(jailFile).default([]),
    kernel_link: boolish.default(true),
    state: z.enum(['running', 'stopped', 'present', 'absent']).default('running'),
    purge: boolish.default(false),
    /** thick: the release extracted into the root; thin: a read-only nullfs of a shared release (thin-base.ts). */
    type: z.enum(['thick', 'thin']).default('thick'),
    /** A built jail of another release is upgraded (upgrade.ts) instead of refused. */
    upgrade: boolish.default(false),
    /** before_change: a ZFS snapshot of `dataset` before any change to the jail (snapshot.ts). */
    snapshot: z.enum(['never', 'before_change']).default('never'),
    snapshot_keep: z.number().int().min(1).max(1000).default(3),
    ...networkFields,
  })
  .superRefine((a, ctx) => {
    if (a.release !== undefined && a.archive !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['archive'], message: 'give release or archive, not both' });
    }
    if (a.state !== 'absent' && a.release === undefined && a.archive === undefined) {
      ctx.addIssue({ code: 'custom', path: ['release'], message: `release or archive is required with state: ${a.state}` });
    }
    if (a.purge && a.state !== 'absent') {
      ctx.addIssue({ code: 'custom', path: ['purge'], message: 'purge only goes with state: absent' });
    }
    if (a.type === 'thin' && a.release === undefined && a.state !== 'absent') {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'a thin jail needs release: (its base is a shared release tree, not an archive)' });
    }
    if (a.type === 'thin' && a.path !== undefined && /\s/.test(a.path)) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'a thin jail path may not contain white space (it goes into an fstab line)' });
    }
    if (a.snapshot === 'before_change' && a.dataset === undefined) {
      ctx.addIssue({ code: 'custom', path: ['snapshot'], message: 'snapshot: before_change needs dataset: (it snapshots the jail\'s ZFS dataset)' });
    }
    checkNetwork(a, ctx);
    for (const key of Object.keys(a.params)) {
      if (MANAGED_PARAMS.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['params', key], message: `${key} has its own argument (name, path, hostname, ip4, mounts)` });
      }
    }
  })
  .transform((a) => {
    const path = a.path ?? `/usr/jails/${a.name}`;
    const ip4 = a.ip4 === undefined ? [] : Array.isArray(a.ip4) ? a.ip4 : [a.ip4];
    const own = a.mounts.flatMap((m) => (typeof m === 'string' ? [] : Array.isArray(m.fstab) ? m.fstab : [m.fstab]));
    const has = (kind: string): boolean => a.mounts.includes(kind as 'devfs');
    const mount = { devfs: has('devfs'), procfs: has('procfs'), fdescfs: has('fdescfs') };
    // A thin jail's base is the first line of its mount.fstab, so a release change is an fstab change.
    const fstab = a.type === 'thin' && a.release !== undefined ? [baseFstabLine(path, a.release), ...own] : own;
    return { ...a, path, hostname: a.hostname ?? a.name, fstab, mount, ...networkShape(a, ip4) };
  });

export type JailArgs = z.output<typeof jailSchema>;
