/**
 * Decoded archives, cached by the archive's exact stored text: every host
 * building a jail fetches the same base.txz and extracts it, and decoding
 * (base64, then JSON) is the costly part. A different text is a different
 * key, so an archive that changed is decoded afresh. Entries are shared
 * between callers: read-only.
 */
import { ContentLru } from '../../content-lru.js';
import { decodeArchive, type ArchiveEntry } from './format.js';

export type ArchiveEntries = ReadonlyArray<Readonly<ArchiveEntry>>;

/** null: not an archive (ContentLru keeps no undefined). */
const fromBase64 = new ContentLru<ArchiveEntries | null>(16, 16 * 1024 * 1024);
const fromText = new ContentLru<ArchiveEntries | null>(16, 16 * 1024 * 1024);

/**
 * Entries of an archive stored as a file's content (base64 when `binary`, else
 * its UTF-8 text) or read from a pipe, or undefined when it is not one.
 */
export function archiveEntries(content: string, binary: boolean): ArchiveEntries | undefined {
  const entries = binary
    ? fromBase64.get(content, (c) => decodeArchive(Buffer.from(c, 'base64')) ?? null)
    : fromText.get(content, (c) => decodeArchive(Buffer.from(c, 'utf8')) ?? null);
  return entries ?? undefined;
}
