import { readFileSync } from 'node:fs';

/** A file's UTF-8 text, or undefined when there is no file; any other error is thrown. */
export function readTextIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
