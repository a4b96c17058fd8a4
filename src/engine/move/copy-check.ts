/**
 * A copied tree checked against the source: an mtree(8) specification made
 * on the source, verified on the destination; and the size of the tar
 * stream the specification describes, for progress.
 */
import { quote } from '../../shell/quote.js';
import type { Transport } from '../../transport/transport.js';

/** What mtree compares (mtree(8) -k): enough to tell a faithful copy. */
export const MTREE_KEYS = 'type,uid,gid,mode,size,link,sha256digest';

/** The specification of `dir` on `transport`'s host. */
export const mtreeSpecCommand = (dir: string): string => `mtree -c -n -k ${MTREE_KEYS} -p ${quote(dir)}`;

/** The copy at `dir` against a specification made on the source; what differs, or undefined. */
export async function verifyCopy(transport: Transport, hostName: string, spec: string, dir: string): Promise<string | undefined> {
  // mtree exits 2 on a changed file, but reports a missing or extra one only in what it prints (verify.c): any output fails.
  const check = await transport.exec(`mtree -p ${quote(dir)}`, { stdin: spec });
  const found = (check.stdout + check.stderr).trim();
  if (check.code === 0 && found === '') return undefined;
  return `mtree on ${hostName}: ${found.split('\n').slice(0, 5).join('; ') || `exit ${check.code}`}`;
}

/**
 * The size of a tar stream of the tree an mtree specification describes:
 * a 512-byte header per entry and each file's data padded to 512, then two
 * zero blocks, the whole padded to tar's 10240-byte records (tar(5)).
 * Extended headers make it a little more: an estimate, for progress.
 */
export function tarSize(spec: string): number {
  let bytes = 1024;
  // Continuation lines (a trailing backslash) belong to their entry; entries are indented by depth.
  for (const raw of spec.replace(/\\\n\s*/g, ' ').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('/') || line === '..') continue;
    const size = /\bsize=(\d+)/.exec(line);
    bytes += 512 + (size ? Math.ceil(Number(size[1]) / 512) * 512 : 0);
  }
  return Math.ceil(bytes / 10240) * 10240;
}
