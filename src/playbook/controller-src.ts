/**
 * Files a task reads on the controller (copy's `src`): where they are looked
 * for, and the check `validate` (and every run, before anything is sent)
 * makes that they are there. The engine reads them from the same place
 * (src/engine/controller-files.ts).
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { boolish } from '../modules/args.js';

/** Modules whose `src` argument is a file on the controller. */
export const CONTROLLER_SRC_MODULES: ReadonlySet<string> = new Set(['copy', 'template']);

/** copy's `remote_src: true`: `src` is a path on the host, read there as a fact, not on the controller. */
export function isRemoteSrc(args: Record<string, unknown>): boolean {
  return boolish.safeParse(args.remote_src).data === true;
}

/** An absolute `src` as it is, a relative one from the playbook's directory. */
export function controllerSrcPath(src: string, playbookDir: string): string {
  return isAbsolute(src) ? src : resolve(playbookDir, src);
}

/** What is wrong with a controller `src` (no such file, a directory), or undefined when it can be read. */
export function controllerSrcProblem(src: string, playbookDir: string): string | undefined {
  const path = controllerSrcPath(src, playbookDir);
  try {
    if (statSync(path).isDirectory()) return `expected a file on the controller, ${path} is a directory`;
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? `no such file on the controller: ${path}` : `cannot read ${path} on the controller: ${code ?? String(err)}`;
  }
}
