import { posix } from 'node:path';
import { normalizePath } from '../args.js';
import { fileFact } from '../facts/file-fact.js';
import { nodeFact } from '../facts/node-fact.js';
import { directoryFacts } from '../directory/facts.js';
import type { DirectoryArgs } from '../directory/args.js';
import type { FactSpec } from '../types.js';
import type { FileArgs } from './args.js';
import { hardLinkFact } from './hard-fact.js';

/** The state a task asks for; unset with `recurse` is a directory (Ansible's rule), else it depends on the path. */
export type WantedState = FileArgs['state'];

export function explicitState(args: FileArgs): WantedState {
  return args.state ?? (args.recurse ? 'directory' : undefined);
}

export function asDirectoryArgs(args: FileArgs): DirectoryArgs {
  return { path: args.path, mode: args.mode, owner: args.owner, group: args.group, state: 'present', recurse: args.recurse };
}

/** Where a link's src points, for the existence check: a relative src is relative to the link's directory. */
export function linkTargetPath(args: FileArgs): string {
  const src = args.src ?? '';
  return normalizePath(src.startsWith('/') ? src : posix.join(posix.dirname(args.path), src));
}

export function fileModuleFacts(args: FileArgs): FactSpec[] {
  const state = explicitState(args);
  if (state === 'absent') return [nodeFact(args.path)];
  if (state === 'hard') return [hardLinkFact(args.path, args.src!)];
  if (state === 'link') return args.force ? [nodeFact(args.path)] : [nodeFact(args.path), nodeFact(linkTargetPath(args))];
  if (state === 'directory') return directoryFacts(asDirectoryArgs(args));
  return [fileFact(args.path)];
}
