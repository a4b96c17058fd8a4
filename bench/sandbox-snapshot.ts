/**
 * A host's sandbox as {relative path: content | "<dir>"}, so the lab can check
 * that both tools leave the same files behind.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function snapshotTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out[path] = '<dir>';
        await walk(join(dir, e.name), path);
      } else {
        out[path] = await readFile(join(dir, e.name), 'utf8');
      }
    }
  };
  await walk(root, '');
  return out;
}

/** Paths whose presence or content differ, with both sides. */
export function treeDifferences(a: Record<string, string>, b: Record<string, string>): string[] {
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return paths.filter((p) => a[p] !== b[p]).map((p) => `${p}: ${JSON.stringify(a[p] ?? null)} vs ${JSON.stringify(b[p] ?? null)}`);
}
