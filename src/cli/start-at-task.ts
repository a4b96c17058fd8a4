/**
 * `--start-at-task NAME`, Ansible's semantics: the run starts at the first
 * task (in play order) whose name is NAME or matches it as a glob; the
 * tasks before it are not run, and the plays before its play have nothing
 * left to run, so they are left out. Handlers stay: only tasks notify them.
 */
import { InputError } from '../errors.js';
import { globToRegExp, isGlob } from '../inventory/glob.js';
import { nearestName } from '../playbook/nearest-name.js';
import type { Playbook, TaskDef } from '../playbook/types.js';

export function startAtTask(playbook: Playbook, name: string): Playbook {
  const glob = isGlob(name) ? globToRegExp(name) : undefined;
  const matches = (t: TaskDef): boolean => t.name === name || (glob?.test(t.name) ?? false);
  const playIndex = playbook.plays.findIndex((p) => p.tasks.some(matches));
  const play = playbook.plays[playIndex];
  if (!play) {
    const near = nearestName(name, playbook.plays.flatMap((p) => p.tasks.map((t) => t.name)));
    throw new InputError(`--start-at-task: no task named "${name}" in ${playbook.file}${near !== undefined ? ` (did you mean "${near}"?)` : ''}`);
  }
  const from = play.tasks.findIndex(matches);
  return { ...playbook, plays: [{ ...play, tasks: play.tasks.slice(from) }, ...playbook.plays.slice(playIndex + 1)] };
}
