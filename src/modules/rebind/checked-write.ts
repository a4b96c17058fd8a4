/**
 * sshd_config is replaced atomically like every file (file-edit/atomic-write),
 * with one more step between writing the temp file and renaming it: `sshd -t
 * -f TEMP`. A config sshd rejects is never installed, so a failed run leaves
 * the running sshd and the file on disk as they were.
 */
import { posix } from 'node:path';
import { formatMode } from '../args.js';
import { TEMP_CLEANUP, ownershipCommand } from '../file-edit/atomic-write.js';
import { quote } from '../../shell/quote.js';

export interface CheckedWrite {
  path: string;
  content: string;
  mode: number;
  owner?: string;
  group?: string;
}

export function sshdCheckedWriteCommand(t: CheckedWrite): string {
  const dir = posix.dirname(t.path);
  const own = ownershipCommand(t.owner, t.group, '"$t"');
  const parts = [
    `t=$(mktemp ${quote(`${dir === '/' ? '' : dir}/.jailfleet.XXXXXX`)})`,
    `printf '%s' ${quote(t.content)} > "$t"`,
    `chmod ${formatMode(t.mode)} "$t"`,
    ...(own ? [own] : []),
    `sshd -t -f "$t"`,
    `mv -f "$t" ${quote(t.path)}`,
  ];
  return `${TEMP_CLEANUP}${parts.join(' && ')} || { rm -f "$t"; exit 1; }`;
}
