/**
 * The simulator's archive container: "SIMTAR1\n" then JSON with one entry
 * per node (file data base64). Not a real tar/xz stream, but its bytes are
 * fixed, so sha256 of a fetched base.txz is real and stable. The text is
 * ASCII, so an archive can travel through a shell pipe (tar -cf - | tar -xf -)
 * as ordinary stdout/stdin text.
 */
import { createHash } from 'node:crypto';
import type { SimFile } from '../types.js';

export interface ArchiveEntry {
  /** "./", "./etc/", "./etc/rc": bsdtar's names for a tree archived as ".". */
  name: string;
  /**
   * 'hardlink': another name of a file archived before it (`target` is that
   * entry's name), as bsdtar writes a file with st_nlink > 1 a second time
   * (a tar "hard link" entry, no data) and zfs send keeps one object.
   */
  kind: 'file' | 'dir' | 'link' | 'hardlink';
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  /** File bytes, base64. */
  data?: string;
  /** Symlink target, or for a hard link the name of the entry it links to. */
  target?: string;
}

const MAGIC = 'SIMTAR1\n';

export function encodeArchive(entries: ArchiveEntry[]): Buffer {
  return Buffer.from(MAGIC + JSON.stringify({ entries }), 'utf8');
}

/** Entries of an archive, or undefined when the bytes are not one (a corrupt or foreign file). */
export function decodeArchive(bytes: Buffer): ArchiveEntry[] | undefined {
  const text = bytes.toString('utf8');
  if (!text.startsWith(MAGIC)) return undefined;
  try {
    const parsed = JSON.parse(text.slice(MAGIC.length)) as { entries?: unknown };
    return Array.isArray(parsed.entries) ? (parsed.entries as ArchiveEntry[]) : undefined;
  } catch {
    return undefined;
  }
}

/** A file's bytes: base64-decoded for binary files, UTF-8 for text (what sha256 must hash). */
export function fileBytes(node: SimFile): Buffer {
  return node.binary ? Buffer.from(node.content, 'base64') : Buffer.from(node.content, 'utf8');
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
