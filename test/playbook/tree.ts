/** Writes a playbook tree (relative path -> text) into a fresh temp dir for loader tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Tree {
  dir: string;
  path(rel: string): string;
  cleanup(): void;
}

export function writeTree(files: Record<string, string>): Tree {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-tree-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, path: (rel) => join(dir, rel), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
