/**
 * What jailfleet knows about one path: kind, mode, owner, group and — for a
 * regular file — its exact content, final newline or not. Shared by every
 * module that reads or writes files (`line`, `copy`, `directory`, `sysctl`)
 * under the key "file::PATH", so a later task plans against what an earlier
 * one will have written.
 *
 * Portable on purpose (FreeBSD and Linux targets): `ls -ldL` instead of
 * `stat -f`/`stat -c`, whose flags differ between the two.
 */
import { quote } from '../../shell/quote.js';
import type { FactOutput } from '../types.js';
import type { FactSpec } from '../types.js';
import { pathScope } from '../scopes.js';
import { FactParseError } from './fact-parse-error.js';
import { CONTENT_MARKER, fileBatch } from './file-batch.js';
import { memoSpec } from './spec-memo.js';

/**
 * Attributes are optional because a predicted fact may not know them: a file
 * created without `owner` gets whatever user the apply script runs as.
 */
export interface FileAttrs {
  mode?: number;
  owner?: string;
  group?: string;
}

export type FileFact =
  | { kind: 'absent' }
  | ({ kind: 'file'; content: string } & FileAttrs)
  | ({ kind: 'directory' } & FileAttrs)
  | ({ kind: 'other' } & FileAttrs);

export function fileFactKey(path: string): string {
  return `file::${path}`;
}

/**
 * `-L` follows a symlink, so the fact (and the edit, which replaces the link
 * by a regular file, as Ansible's copy does) concerns what the path shows.
 * `cat` runs only on regular files: a FIFO would block it.
 */
export function fileFactCommand(path: string): string {
  const p = quote(path);
  return (
    `if [ -e ${p} ]; then ls -ldL ${p} && if [ -f ${p} ]; then printf '%s\\n' ${CONTENT_MARKER} && cat ${p}; fi; ` +
    `else printf '%s\\n' absent; fi`
  );
}

/** Reads the path only (`-L` follows a symlink there; see types.ts `Scope` on symlinks). */
export function fileFact(path: string): FactSpec<FileFact> {
  const key = fileFactKey(path);
  return memoSpec(key, () => {
    const batch = fileBatch(path);
    return { key, command: fileFactCommand(path), parse: (out) => parseFileFact(key, out), reads: [pathScope(path)], ...(batch ? { batch } : {}) };
  });
}

export function parseFileFact(key: string, out: FactOutput): FileFact {
  if (out.code !== 0) throw new FactParseError(key, 'cannot read the path', out);
  if (out.stdout === 'absent\n') return { kind: 'absent' };
  // The `ls` line only: the content after it can be large.
  const nl = out.stdout.indexOf('\n');
  const [perms, , owner, group] = (nl < 0 ? out.stdout : out.stdout.slice(0, nl)).trim().split(/\s+/);
  if (perms === undefined || owner === undefined || group === undefined) {
    throw new FactParseError(key, 'unexpected `ls -ld` output', out);
  }
  const mode = parseSymbolicMode(perms);
  if (mode === undefined) throw new FactParseError(key, `unexpected mode string ${perms}`, out);
  const attrs = { mode, owner, group };
  if (perms.startsWith('d')) return { kind: 'directory', ...attrs };
  if (!perms.startsWith('-')) return { kind: 'other', ...attrs };
  // The first marker is ours: it follows the single `ls` line; a path
  // containing "\n@@jailfleet-content\n" is not a case worth supporting.
  const marker = `\n${CONTENT_MARKER}\n`;
  const at = out.stdout.indexOf(marker);
  if (at < 0) throw new FactParseError(key, 'content marker missing', out);
  return { kind: 'file', content: out.stdout.slice(at + marker.length), ...attrs };
}

/**
 * "-rwsr-xr-t" -> 0o4755 | 0o1000. A trailing ACL/xattr/SELinux flag ('+',
 * '@', '.') after the nine permission characters is ignored.
 */
export function parseSymbolicMode(perms: string): number | undefined {
  const m = /^.([r-][w-][xsS-])([r-][w-][xsS-])([r-][w-][xtT-])[+@.]?$/.exec(perms);
  if (!m) return undefined;
  let mode = 0;
  const triads = [m[1], m[2], m[3]];
  const specials = [0o4000, 0o2000, 0o1000];
  triads.forEach((t = '---', i) => {
    const shift = 6 - i * 3;
    if (t[0] === 'r') mode |= 4 << shift;
    if (t[1] === 'w') mode |= 2 << shift;
    const x = t[2] ?? '-';
    if (x === 'x' || x === 's' || x === 't') mode |= 1 << shift;
    if (x === 's' || x === 'S' || x === 't' || x === 'T') mode |= specials[i] ?? 0;
  });
  return mode;
}
