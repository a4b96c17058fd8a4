/**
 * A host's state as its state file holds it. The base system's command
 * files (command-files.ts) are hundreds of identical nodes per root, so the
 * file lists them by directory and mtime (`commandFiles`) instead of
 * spelling out each node; loading puts the nodes back. A file saved before
 * command files existed gets them on load, for the host and each tree that
 * has a /bin/sh (the simulator wrote one in every base system).
 */
import { COMMAND_FILE_CONTENT, COMMAND_FILE_MODE, isStockCommandFile, writeCommandFiles } from './command-files.js';
import { SimFs } from './fs.js';
import type { SimNode, SimState } from './types.js';

/** mtime → directory → the command names in it, space-separated. */
type CommandFiles = Record<string, Record<string, string>>;

export type PackedState = SimState & { commandFiles?: CommandFiles };

export function packState(state: SimState): PackedState {
  const fs: Record<string, SimNode> = {};
  const commandFiles: CommandFiles = {};
  for (const [path, node] of Object.entries(state.fs)) {
    if (!isStockCommandFile(node)) {
      fs[path] = node;
      continue;
    }
    const slash = path.lastIndexOf('/');
    const byDir = (commandFiles[String(node.mtime)] ??= {});
    const dir = path.slice(0, slash);
    byDir[dir] = byDir[dir] === undefined ? path.slice(slash + 1) : `${byDir[dir]} ${path.slice(slash + 1)}`;
  }
  return { ...state, fs, commandFiles };
}

export function unpackState(packed: PackedState): SimState {
  const { commandFiles, ...state } = packed;
  if (commandFiles === undefined) {
    addMissingCommandFiles(state);
    return state;
  }
  for (const [mtime, byDir] of Object.entries(commandFiles)) {
    for (const [dir, names] of Object.entries(byDir)) {
      for (const name of names.split(' ')) {
        state.fs[`${dir}/${name}`] = { kind: 'file', content: COMMAND_FILE_CONTENT, mode: COMMAND_FILE_MODE, uid: 0, gid: 0, mtime: Number(mtime) };
      }
    }
  }
  return state;
}

function addMissingCommandFiles(state: SimState): void {
  const roots = Object.keys(state.fs)
    .filter((p) => p.endsWith('/bin/sh') && state.fs[p]!.kind === 'file')
    .map((p) => p.slice(0, -'/bin/sh'.length) || '/')
    .filter((root) => state.fs[root === '/' ? '/etc' : `${root}/etc`]?.kind === 'dir');
  const fs = new SimFs(state);
  for (const root of roots) writeCommandFiles(fs, root);
}
