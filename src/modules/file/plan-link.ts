import { posix } from 'node:path';
import { quote } from '../../shell/quote.js';
import { nodeFact } from '../facts/node-fact.js';
import { cleanupTraps } from '../file-edit/cleanup-trap.js';
import { PlanError } from '../plan-error.js';
import { pathScope } from '../scopes.js';
import { noChange, type FactReader, type Plan } from '../types.js';
import type { FileArgs } from './args.js';
import { linkTargetPath } from './facts.js';

/**
 * `make` run on a temp name beside the path, then that renamed over it
 * (DESIGN.md §4, as Ansible does): the path is the old thing or the new
 * one, never missing. The temp name comes from mktemp(1), never from `$$`,
 * so nobody can place a file there first; `make` replaces mktemp's empty
 * file (ln(1) -f unlinks the target). `mv -h` renames onto a link to a
 * directory instead of moving into that directory (mv(1)); the temp name
 * goes however the step ends.
 */
export function besideThenRename(path: string, tag: string, make: string): string {
  const dir = posix.dirname(path);
  const temp = `${dir === '/' ? '' : dir}/.jailfleet-${tag}.XXXXXX`;
  const cleanup = cleanupTraps(`'[ -z "$t" ] || { [ ! -e "$t" ] && [ ! -L "$t" ]; } || rm -f "$t"'`).join('; ');
  return `t=; ${cleanup}; t=$(mktemp ${quote(temp)}) && ${make} && mv -fh "$t" ${quote(path)}`;
}

/** A symbolic link made beside the path and renamed over it; `$t` is the temp name. */
export function linkCommand(path: string, src: string): string {
  return besideThenRename(path, 'link', `ln -sfh ${quote(src)} "$t"`);
}

/** Ansible's ensure_symlink: an existing link is retargeted; a file needs `force`; a directory is refused. */
export function planLink(args: FileArgs, facts: FactReader): Plan {
  const { path } = args;
  const src = args.src!;
  const spec = nodeFact(path);
  const current = facts.get(spec);
  if (current.kind === 'link' && current.target === src) return noChange(`${path} already links to ${src}`);
  if (current.kind === 'directory') throw new PlanError(`refusing to convert from directory to symlink for ${path}`);
  if ((current.kind === 'file' || current.kind === 'other') && !args.force) {
    throw new PlanError(`refusing to convert from ${current.kind} to symlink for ${path} (force: true replaces it)`);
  }
  if (!args.force && facts.get(nodeFact(linkTargetPath(args))).kind === 'absent') {
    throw new PlanError(`src file does not exist, use "force: true" if you really want to create the link: ${linkTargetPath(args)}`);
  }
  const before = current.kind === 'link' ? current.target : current.kind === 'absent' ? '' : current.kind;
  return {
    changed: true,
    message: current.kind === 'absent' ? `${path} -> ${src} created` : `${path} now links to ${src} (was ${before})`,
    steps: [{ title: `ln -s ${src} ${path}`, command: linkCommand(path, src), changes: [pathScope(path)] }],
    diffs: [{ label: `${path}: link`, before: before && `${before}\n`, after: `${src}\n` }],
    // What the link's own mode and owner will be is the host's business: not predicted.
    updates: [{ spec, value: { kind: 'link', target: src } }],
  };
}
