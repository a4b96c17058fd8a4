/**
 * What `state: hard` needs to know: what `path` is (a symbolic link is the
 * link itself), whether it is already the same file as `src` (test(1)
 * `-ef`: "file1 and file2 exist and refer to the same file", the same
 * device and inode, FreeBSD's and dash's), and whether `src` exists and is
 * no directory (link(2) refuses a directory).
 */
import { quote } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { pathScope } from '../scopes.js';
import type { FactOutput, FactSpec } from '../types.js';

export interface HardLinkFact {
  /** `same`: path is already a hard link to src. */
  path: 'absent' | 'link' | 'directory' | 'same' | 'file' | 'other';
  src: 'absent' | 'directory' | 'present';
}

const PATH_KINDS = new Set<string>(['absent', 'link', 'directory', 'same', 'file', 'other']);
const SRC_KINDS = new Set<string>(['absent', 'directory', 'present']);

export function hardLinkFact(path: string, src: string): FactSpec<HardLinkFact> {
  const key = `hardlink::${path} ${src}`;
  const p = quote(path);
  const s = quote(src);
  const pathKind = `if [ -L ${p} ]; then echo link; elif [ -d ${p} ]; then echo directory; elif [ ! -e ${p} ]; then echo absent; elif [ ${p} -ef ${s} ]; then echo same; elif [ -f ${p} ]; then echo file; else echo other; fi`;
  const srcKind = `if [ -d ${s} ]; then echo directory; elif [ -e ${s} ]; then echo present; else echo absent; fi`;
  return { key, command: `${pathKind}; ${srcKind}`, parse: (out) => parseHardLinkFact(key, out), reads: [pathScope(path), pathScope(src)] };
}

export function parseHardLinkFact(key: string, out: FactOutput): HardLinkFact {
  if (out.code !== 0) throw new FactParseError(key, 'cannot read the paths', out);
  const [path, src, rest] = out.stdout.split('\n');
  if (path === undefined || src === undefined || rest !== '' || !PATH_KINDS.has(path) || !SRC_KINDS.has(src)) {
    throw new FactParseError(key, 'expected the kinds of path and src, a line each', out);
  }
  return { path, src } as HardLinkFact;
}
