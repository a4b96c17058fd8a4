/**
 * Replace a file atomically: write a temp file in the same directory, fsync,
 * rename over the target. A reader (node_exporter's textfile collector
 * scrapes at any moment) sees the old file or the new one, never a partial
 * one; rename(2) is atomic only within one file system, hence the same
 * directory.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The temp name starts with a dot and ends in `.tmp`, so a collector that
 * globs `*.prom` never reads a half-written file.
 */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(path: string, text: string, mode = 0o644): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      // Without the fsync a crash right after the rename can leave an empty file under the final name.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
