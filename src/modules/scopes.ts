/**
 * Spelling of the scopes modules declare (types.ts `Scope`; the engine's
 * scopes.ts decides overlaps). One place, so a typo cannot make a step and
 * a fact that touch the same thing look unrelated.
 */
import type { Scope } from './types.js';

/** The kernel's table of running jails: what `jls` lists. */
export const JAILS: Scope = 'jails';
export const NET: Scope = 'net';
export const MOUNTS: Scope = 'mounts';

/** rc(8)'s defaults, sourced by sysrc and rc.subr before any rc.conf file. */
export const RC_DEFAULTS = '/etc/defaults/rc.conf';
/**
 * rc_conf_files' default value: the files plain `sysrc` (no -f) reads and
 * writes. A host that changes rc_conf_files itself is not modelled.
 */
export const RC_CONF_FILES = ['/etc/rc.conf', '/etc/rc.conf.local'] as const;

export function pathScope(path: string): Scope {
  return `path:${path}`;
}

/**
 * The path itself, not what is below it: what mkdir -p and a plain chmod or
 * chown change (types.ts `Scope`). A directory made or re-moded leaves every
 * file below as it was, absent ones included.
 */
export function nodeScope(path: string): Scope {
  return `node:${path}`;
}

export function jailScope(name: string): Scope {
  return `jail:${name}`;
}

/** The package database of the host (no jail) or of a jail. */
export function pkgScope(jail: string | undefined): Scope {
  return `pkg:${jail ?? ''}`;
}

export function serviceScope(jail: string | undefined, name: string): Scope {
  return `service:${jail ?? ''}:${name}`;
}

export function sysctlScope(name: string): Scope {
  return `sysctl:${name}`;
}

export function zfsScope(dataset: string): Scope {
  return `zfs:${dataset}`;
}

/**
 * What a command run through a jail (jexec, `-j`) touches is named by the
 * jail alone: its root is not known where the command is built.
 */
export function hostOrJail(jail: string | undefined, onHost: Scope[]): Scope[] {
  return jail === undefined ? onHost : [jailScope(jail)];
}

/** pf(4)'s state in the kernel: enabled or not, the loaded rulesets and anchors. */
export const PF: Scope = 'pf';
