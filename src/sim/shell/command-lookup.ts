/**
 * How sh finds a command that is not a builtin or function: a name with a
 * slash is that file; any other name is searched for in $PATH, and the first
 * regular file wins (bin/sh/exec.c find_command). The host's command table
 * says what running a found file does: a table command runs when its file
 * is there, a `#!/bin/sh` file runs as a script, and a base system file the
 * simulator has no command for says so (base-commands.ts).
 *
 * Cost: every external command is on this path, so a table command costs
 * one stat of the file FreeBSD installs it as (its directory must be in
 * $PATH) and one of its name in each $PATH directory before that one; a
 * file that is no longer the simulator's own (a script put in its place) is
 * read as the walk would read it. Only when something is there first, or its
 * file is gone, does the lookup walk $PATH as sh does. Base commands the
 * simulator does not run have no file (base-commands.ts) and are recognised
 * by name where $PATH would find them.
 */
import { BASE_COMMAND_PATHS, FILED_COMMANDS, MODELLED_DAEMONS } from '../base-commands.js';
import { COMMAND_FILE_CONTENT } from '../command-files.js';
import { basename, dirname, normalize, type SimFs } from '../fs.js';
import type { SimCommand, SimNode } from '../types.js';
import type { ShellState } from './state.js';

export type FoundCommand =
  /** A table command; `path` is its file as the shell sees it (command -v). */
  | { kind: 'table'; fn: SimCommand; path: string }
  /** A `#!/bin/sh` script; `host` is its host path. */
  | { kind: 'script'; path: string; host: string }
  /** A FreeBSD base command the simulator does not implement. */
  | { kind: 'not-simulated'; path: string }
  /** A file that is there but cannot be run (sh: Permission denied, 126). */
  | { kind: 'denied'; path: string };

const SCRIPT_SHEBANG = /^#!\s*\/bin\/sh\b/;

/**
 * Utilities FreeBSD's sh runs itself (bin/sh/builtins.def) that the
 * simulator keeps in its command table: no file is looked for.
 */
export const SH_OWN_UTILITIES: ReadonlySet<string> = new Set(['echo', 'printf', 'test', '[', 'true', 'false', 'kill', 'getopts']);

/** Files of table commands FreeBSD does not install as base (ports, installed by pkg). */
const PACKAGE_PATHS: ReadonlyMap<string, string> = new Map([['nginx', '/usr/local/sbin/nginx']]);

/** $PATH split once per distinct value: scripts rarely change it. */
let lastPath: string | undefined;
let lastDirs: readonly string[] = [];
let lastDirSet: ReadonlySet<string> = new Set();

function pathDirs(path: string): readonly string[] {
  if (path !== lastPath) {
    lastPath = path;
    // An empty entry is the current directory (sh(1) "Path Search").
    lastDirs = path.split(':').map((d) => (d === '' ? '.' : d));
    lastDirSet = new Set(lastDirs);
  }
  return lastDirs;
}

/** A command path's directory, without a new string per lookup. */
const dirCache = new Map<string, string>();
function dirOf(path: string): string {
  let dir = dirCache.get(path);
  if (dir === undefined) dirCache.set(path, (dir = path.slice(0, path.lastIndexOf('/'))));
  return dir;
}

/** Where FreeBSD installs a table command, if anywhere. */
export function installedPath(name: string): string | undefined {
  return BASE_COMMAND_PATHS.get(name) ?? PACKAGE_PATHS.get(name);
}

/** What a file found by path or in $PATH runs as, given the name it was found for. */
function fileCommand(table: Record<string, SimCommand>, node: SimNode, name: string, path: string, host: string): FoundCommand | undefined {
  if (node.kind !== 'file') return undefined;
  // Table entries by full path first: rc.d scripts the simulator runs itself, and scripts it models by their path
  // (the release's /bin/freebsd-version).
  const modelled = Object.hasOwn(table, path) ? table[path] : undefined;
  if (modelled) return { kind: 'table', fn: modelled, path };
  if (SCRIPT_SHEBANG.test(node.content)) return { kind: 'script', path, host };
  if ((node.mode & 0o111) === 0) return { kind: 'denied', path };
  const fn = Object.hasOwn(table, name) ? table[name] : undefined;
  if (fn) return { kind: 'table', fn, path };
  if (BASE_COMMAND_PATHS.has(name)) return { kind: 'not-simulated', path };
  return undefined;
}

export function findCommand(fs: SimFs, table: Record<string, SimCommand>, sh: ShellState, name: string): FoundCommand | undefined {
  if (name.includes('/')) return findByPath(fs, table, sh, name);
  const fn = Object.hasOwn(table, name) ? table[name] : undefined;
  if (fn && SH_OWN_UTILITIES.has(name)) return { kind: 'table', fn, path: installedPath(name) ?? name };
  // Unset, it is sh's and execvp's default, _PATH_DEFPATH (include/paths.h).
  const dirs = pathDirs(sh.get('PATH') ?? '/usr/bin:/bin');
  const known = fn ? installedPath(name) : undefined;
  // A table entry FreeBSD installs nowhere (a test's stand-in), or one not given a file yet, has no file to find.
  if (fn && (known === undefined || !(FILED_COMMANDS.has(name) || PACKAGE_PATHS.has(name)))) return { kind: 'table', fn, path: known ?? name };
  const installed = known === undefined ? undefined : installedFile(fs, table, sh, name, fn!, known, dirs);
  if (installed) return installed;
  for (const dir of dirs) {
    const path = `${dir}/${name}`;
    const host = fs.resolve(sh.root, sh.cwd, path);
    const node = fs.stat(host);
    const found = node && fileCommand(table, node, name, path, host);
    if (found) return found;
  }
  return notSimulated(table, name, lastDirSet);
}

/**
 * What $PATH finds for a table command `fn` when nothing by its name is in a
 * $PATH directory before the one FreeBSD installs it in: its file there, read
 * as the walk would read it (fileCommand: a script put in its place runs as
 * the script). Undefined when the walk must decide.
 */
function installedFile(fs: SimFs, table: Record<string, SimCommand>, sh: ShellState, name: string, fn: SimCommand, known: string, dirs: readonly string[]): FoundCommand | undefined {
  const knownDir = dirOf(known);
  if (!lastDirSet.has(knownDir)) return undefined;
  for (const dir of dirs) {
    if (dir === knownDir) break;
    if (fs.stat(fs.resolve(sh.root, sh.cwd, `${dir}/${name}`)) !== undefined) return undefined;
  }
  const host = sh.root === '/' ? known : fs.resolve(sh.root, '/', known);
  const node = fs.stat(host);
  if (node === undefined) return undefined;
  // The simulator's own command file, as nearly every lookup finds it: no script or table tests to run.
  if (node.kind === 'file' && node.content === COMMAND_FILE_CONTENT && (node.mode & 0o111) !== 0) return { kind: 'table', fn, path: known };
  return fileCommand(table, node, name, known, host);
}

/** A base command the simulator keeps no file for (base-commands.ts), where $PATH would find it. */
function notSimulated(table: Record<string, SimCommand>, name: string, dirs: ReadonlySet<string>): FoundCommand | undefined {
  const path = BASE_COMMAND_PATHS.get(name);
  // One the simulator runs or models has a file; with that file gone it is not found.
  if (path === undefined || Object.hasOwn(table, name) || MODELLED_DAEMONS.has(name)) return undefined;
  return dirs.has(dirOf(path)) ? { kind: 'not-simulated', path } : undefined;
}

function findByPath(fs: SimFs, table: Record<string, SimCommand>, sh: ShellState, name: string): FoundCommand | undefined {
  const host = fs.resolve(sh.root, sh.cwd, name);
  const node = fs.stat(host);
  if (!node) {
    const base = basename(name);
    return BASE_COMMAND_PATHS.get(base) === normalize(name) ? notSimulated(table, base, new Set([dirname(normalize(name))])) : undefined;
  }
  return fileCommand(table, node, basename(name), name, host);
}
