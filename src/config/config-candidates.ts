/**
 * Whether a jailfleet config may exist for `cwd`, from a few stat() calls.
 * Loading cosmiconfig costs ~20 ms of start-up (issue 17) and most runs have
 * no config file, so load-config.ts loads it only when this says yes. It
 * may say yes when cosmiconfig then finds nothing (an empty file, a
 * directory where a file was expected), never no when cosmiconfig would
 * find something: it walks the directories cosmiconfig's "project" search
 * walks and also looks for cosmiconfig's own meta config, which can add
 * search places.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** cosmiconfig's meta config: its own settings, read from the working directory. */
const META_PLACES = [
  'package.yaml',
  '.config/config.json',
  '.config/config.yaml',
  '.config/config.yml',
  '.config/config.js',
  '.config/config.ts',
  '.config/config.cjs',
  '.config/config.mjs',
];

export function mayHaveConfig(cwd: string, searchPlaces: readonly string[], moduleName: string): boolean {
  // cosmiconfig reads the meta config from process.cwd(); a caller's cwd may differ (tests, -C style use).
  for (const dir of new Set([process.cwd(), cwd])) {
    if (META_PLACES.some((p) => existsSync(join(dir, p)))) return true;
    if (packageJsonHas(join(dir, 'package.json'), 'cosmiconfig')) return true;
  }
  for (const dir of projectDirs(cwd)) {
    for (const place of searchPlaces) {
      const file = join(dir, place);
      if (place === 'package.json' ? packageJsonHas(file, moduleName) : existsSync(file)) return true;
    }
  }
  return false;
}

/** cwd, then each parent up to the first directory holding package.json or package.yaml (or /). */
function* projectDirs(cwd: string): Generator<string> {
  for (let dir = cwd; ; dir = dirname(dir)) {
    yield dir;
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'package.yaml'))) return;
    if (dirname(dir) === dir) return;
  }
}

/** A package.json with that top-level key, or one that is not plain JSON (cosmiconfig then reports it). */
function packageJsonHas(file: string, key: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  try {
    const data: unknown = JSON.parse(text);
    return typeof data !== 'object' || data === null || Object.hasOwn(data, key);
  } catch {
    return true;
  }
}
