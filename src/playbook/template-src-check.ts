/**
 * `validate`'s check of template tasks' `src` file (relative to the
 * playbook directory, as the engine reads it: engine/controller-files.ts):
 * it must parse. That it exists is checked with copy's src (controller-src.ts).
 * Rendering needs each host's variables and waits for the plan; parsing does not.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { InputError } from '../errors.js';
import { checkTemplateFile } from './template-blocks.js';
import { TemplateError } from './template-error.js';
import type { Playbook, TaskDef } from './types.js';

/** `playbookDir`: where a relative src is looked for (default the playbook file's directory). */
export function templateSrcProblems(pb: Playbook, dir: string = dirname(resolve(pb.file))): InputError[] {
  const problems: InputError[] = [];
  const seen = new Set<string>();
  for (const task of pb.plays.flatMap((p) => [...p.tasks, ...p.handlers])) {
    const problem = task.module === 'template' ? srcProblem(task, dir) : undefined;
    if (problem && !seen.has(problem.message)) {
      seen.add(problem.message);
      problems.push(problem);
    }
  }
  return problems;
}

function srcProblem(task: TaskDef, dir: string): InputError | undefined {
  const src = task.args.src;
  // A templated src is only known per host at run time; the engine reports it then.
  if (typeof src !== 'string' || src.includes('{{')) return undefined;
  // A role's task looks in the role's own directories, which the engine resolves, not this check.
  if (task.roleDir !== undefined) return undefined;
  const path = isAbsolute(src) ? src : resolve(dir, src);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    // A missing or unreadable src is validate's controller-src check (controller-src.ts), per host.
    return undefined;
  }
  try {
    checkTemplateFile(text, path);
    return undefined;
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
}
