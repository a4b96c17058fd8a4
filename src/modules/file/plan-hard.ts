import { quote } from '../../shell/quote.js';
import { PlanError } from '../plan-error.js';
import { pathScope } from '../scopes.js';
import { noChange, type FactReader, type Plan } from '../types.js';
import type { FileArgs } from './args.js';
import { hardLinkFact } from './hard-fact.js';
import { besideThenRename } from './plan-link.js';

/**
 * A hard link made beside the path, then renamed over it (as Ansible's
 * ensure_hardlink does; plan-link.ts besideThenRename): `ln -f` unlinks
 * mktemp's file and links src there (ln(1) -f: "If the target file already
 * exists, then unlink it so that the link may occur").
 */
export function hardLinkCommand(path: string, src: string): string {
  return besideThenRename(path, 'hard', `ln -f ${quote(src)} "$t"`);
}

/**
 * Ansible's ensure_hardlink: src must exist; a path that is already src's
 * file is left alone; a symbolic link is replaced; another file (or another
 * hard link) needs `force`; a directory is refused.
 */
export function planHard(args: FileArgs, facts: FactReader): Plan {
  const { path } = args;
  const src = args.src!;
  const spec = hardLinkFact(path, src);
  const current = facts.get(spec);
  if (current.src === 'absent') throw new PlanError(`src does not exist: ${src}`);
  if (current.src === 'directory') throw new PlanError(`src is a directory, which cannot be hard-linked: ${src}`);
  if (current.path === 'same') return noChange(`${path} is already a hard link to ${src}`);
  if (current.path === 'directory') throw new PlanError(`refusing to convert from directory to hard link for ${path}`);
  if ((current.path === 'file' || current.path === 'other') && !args.force) {
    throw new PlanError(`cannot link, a different ${current.path} exists at ${path} (force: true replaces it)`);
  }
  const before = current.path === 'absent' ? '' : `${current.path}\n`;
  return {
    changed: true,
    message: current.path === 'absent' ? `${path} => ${src} created` : `${path} is now a hard link to ${src} (was a ${current.path})`,
    steps: [{ title: `ln ${src} ${path}`, command: hardLinkCommand(path, src), changes: [pathScope(path)] }],
    diffs: [{ label: `${path}: hard link`, before, after: `hard link to ${src}\n` }],
    updates: [{ spec, value: { path: 'same', src: 'present' } }],
  };
}
