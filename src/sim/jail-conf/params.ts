/** Reading resolved jail.conf parameters the way usr.sbin/jail/config.c does. */
import type { ConfJail, ConfParam } from './resolve.js';
import { equalOpts, isNegated, positiveName } from './names.js';

export function findParam(jail: ConfJail, name: string): ConfParam | undefined {
  return jail.params.find((p) => equalOpts(p.name, name));
}

/** bool_param(): present and true, with "no" names inverting the value. */
export function boolParam(p: ConfParam | undefined): boolean {
  if (!p) return false;
  const last = p.values[p.values.length - 1];
  const truthy = last === undefined || last.toLowerCase() === 'true' || parseInt(last, 10) !== 0 && !Number.isNaN(parseInt(last, 10));
  return isNegated(p.name) !== truthy;
}

/** string_param(): the last value of a scalar parameter. */
export function stringParam(p: ConfParam | undefined): string | undefined {
  return p?.values[p.values.length - 1];
}

/**
 * Parameters jail(8) handles itself and never passes to the kernel
 * (config.c intparams[] with PF_INTERNAL), so jls never shows them.
 */
const INTERNAL = new Set([
  'allow.dying',
  'command',
  'depend',
  'interface',
  'ip_hostname',
  'mount',
  'mount.devfs',
  'mount.fdescfs',
  'mount.procfs',
  'mount.fstab',
  'stop.timeout',
  'vnet.interface',
  'zfs.dataset',
]);

export function isInternalParam(name: string): boolean {
  const n = positiveName(name);
  return INTERNAL.has(n) || n.startsWith('exec.');
}

/** Kernel parameters that are booleans (jls -n prints them as "name" / "noname"). */
export function isBoolParam(name: string): boolean {
  const n = positiveName(name);
  return n === 'persist' || n === 'dying' || n.startsWith('allow.') || n === 'ip4.saddrsel' || n === 'ip6.saddrsel';
}
