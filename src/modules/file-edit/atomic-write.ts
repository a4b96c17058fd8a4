/**
 * Atomic file replacement (DESIGN.md §4): write a temp file in the target's
 * own directory (same file system, so `mv` is a rename), give it its final
 * mode and owner, then rename it over the path. Readers see the old file or
 * the new one, never half of it. Only POSIX tools, so Linux targets work too.
 */
import { posix } from 'node:path';
import { quote } from '../../shell/quote.js';
import { formatMode } from '../args.js';
import { cleanupTraps } from './cleanup-trap.js';
import { validateCommand } from './validate-command.js';

export interface WriteTarget {
  path: string;
  content: string;
  mode: number;
  /** Unset: keep whatever user/group the script runs as. */
  owner?: string;
  group?: string;
  /** Ansible's `validate` (validate-command.ts): run on the temp file; failing, nothing is renamed. */
  validate?: string;
}

/**
 * The temp file goes however the step ends (cleanup-trap.ts); after the mv
 * there is none, and no rm runs.
 */
export const TEMP_CLEANUP = `t=; ${cleanupTraps(`'[ -z "$t" ] || [ ! -e "$t" ] || rm -f "$t"'`).join('; ')}; `;

export function atomicWriteCommand(t: WriteTarget): string {
  const dir = posix.dirname(t.path);
  const template = `${dir === '/' ? '' : dir}/.jailfleet.XXXXXX`;
  const own = ownershipCommand(t.owner, t.group, '"$t"');
  const parts = [
    `t=$(mktemp ${quote(template)})`,
    `printf '%s' ${quote(t.content)} > "$t"`,
    `chmod ${formatMode(t.mode)} "$t"`,
    ...(own ? [own] : []),
    ...(t.validate !== undefined ? [validateCommand(t.validate, '"$t"')] : []),
    `mv -f "$t" ${quote(t.path)}`,
  ];
  // On any failure the temp file must not linger next to the target.
  return `${TEMP_CLEANUP}${parts.join(' && ')} || { rm -f "$t"; exit 1; }`;
}

/**
 * `chown o:g`, `chown o` or `chgrp g` (POSIX has no group-only chown form).
 * `target` is shell text, already quoted by the caller.
 */
export function ownershipCommand(owner: string | undefined, group: string | undefined, target: string, recursive = false): string | undefined {
  const r = recursive ? ' -R' : '';
  if (owner !== undefined && group !== undefined) return `chown${r} ${quote(`${owner}:${group}`)} ${target}`;
  if (owner !== undefined) return `chown${r} ${quote(owner)} ${target}`;
  if (group !== undefined) return `chgrp${r} ${quote(group)} ${target}`;
  return undefined;
}
