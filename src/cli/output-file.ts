/**
 * A file a command writes once it has run (--report, --log-file, report
 * --html): a path that can never be written is bad input, found before
 * anything is sent, not an internal error after the hosts were changed.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Refuse `file` (relative to `cwd`) when it is a directory or, unless
 * `makesDirs` (the writer creates missing directories), when its directory
 * is not one. Returns the absolute path.
 */
export function outputFile(option: string, file: string, cwd: string, makesDirs = false): string {
  const path = resolve(cwd, file);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`${option}: ${path} is a directory`);
  if (makesDirs) return path;
  const dir = dirname(path);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`${option}: ${dir} is no directory (for ${path})`);
  return path;
}
