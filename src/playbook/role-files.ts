import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * The directory a task's relative controller `src` is resolved against: for
 * a task from a role, the role's files/ (copy) or templates/ (template) when
 * the file is there, as Ansible searches a role first; otherwise the
 * playbook's directory. One rule for the engine and for validate.
 */
export function controllerBaseDir(src: string, playbookDir: string, roleDir: string | undefined, module: string): string {
  if (roleDir === undefined || isAbsolute(src)) return playbookDir;
  const dir = join(roleDir, module === 'template' ? 'templates' : 'files');
  return existsSync(join(dir, src)) ? dir : playbookDir;
}
