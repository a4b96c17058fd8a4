/**
 * The CLI as tsc builds it, unbundled (one file per source module, the
 * dependencies loaded from node_modules file by file): the "before" that
 * `npm run bench:startup -- --unbundled` times beside the bundle. Built into
 * a temporary directory with the package.json the CLI reads its version
 * from and node_modules linked; the caller removes it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function buildUnbundled(repo: string): { main: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-unbundled-'));
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist')], { cwd: repo, encoding: 'utf8' });
  const main = join(dir, 'dist', 'cli', 'main.js');
  // A type error elsewhere still emits; only a missing CLI is fatal here.
  if (!existsSync(main)) throw new Error(`tsc built no ${main}: ${r.stdout}${r.stderr}`);
  copyFileSync(join(repo, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return { main, dir };
}
