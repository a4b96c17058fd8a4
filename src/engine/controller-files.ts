import { readFileSync } from 'node:fs';
import { JailfleetError } from '../errors.js';
import { CONTROLLER_SRC_MODULES, controllerSrcPath, isRemoteSrc } from '../playbook/controller-src.js';
import { controllerBaseDir } from '../playbook/role-files.js';
import { withFetchLocal } from './controller-dest.js';

/**
 * Planners do no I/O, so files that live on the controller (copy's and template's `src`,
 * fetch's copy of the host's file) are read here, relative to the playbook's directory,
 * and handed in as data.
 */
export function withControllerFiles(module: string, args: unknown, playbookDir: string, roleDir?: string, host = ''): unknown {
  if (typeof args !== 'object' || args === null) return args;
  const a = args as Record<string, unknown>;
  if (module === 'fetch') return withFetchLocal(a, host, playbookDir);
  if (!CONTROLLER_SRC_MODULES.has(module)) return args;
  if (typeof a.src !== 'string' || a.srcContent !== undefined || isRemoteSrc(a)) return args;
  // A role's task looks in the role's files/ (copy) or templates/ (template) first; the same path validate checks.
  const path = controllerSrcPath(a.src, controllerBaseDir(a.src, playbookDir, roleDir, module));
  try {
    return { ...a, srcContent: readFileSync(path, 'utf8') };
  } catch (err) {
    throw new JailfleetError(`${module}: cannot read src ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
