import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { JailfleetError } from '../errors.js';

/**
 * Planners do no I/O, so files that live on the controller (copy's `src`) are
 * read here, relative to the playbook's directory, and handed in as data.
 */
export function withControllerFiles(module: string, args: unknown, playbookDir: string): unknown {
  if (module !== 'copy' || typeof args !== 'object' || args === null) return args;
  const a = args as Record<string, unknown>;
  if (typeof a.src !== 'string' || a.srcContent !== undefined) return args;
  const path = isAbsolute(a.src) ? a.src : resolve(playbookDir, a.src);
  try {
    return { ...a, srcContent: readFileSync(path, 'utf8') };
  } catch (err) {
    throw new JailfleetError(`copy: cannot read src ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
