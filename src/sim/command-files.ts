/**
 * The executable files of the base system's commands the simulator runs
 * (base-commands.ts): what writeBaseSystem puts in /bin, /sbin, /usr/bin
 * and /usr/sbin of the host and of every release tree a jail is extracted from.
 */
import { BASE_COMMANDS, FILED_COMMANDS } from './base-commands.js';
import type { SimFs } from './fs.js';
import type { SimNode } from './types.js';

/**
 * Every command file's content: one string shared by all of them (no
 * per-file cost beyond the node), marked as an executable image the way
 * file(1) would see an ELF file start, so nobody takes it for a script.
 */
export const COMMAND_FILE_CONTENT = '\x7fELF simulated\n';

/** FreeBSD installs base programs r-xr-xr-x root:wheel (share/mk bsd.own.mk BINMODE=555, BINOWN=root, BINGRP=wheel). */
export const COMMAND_FILE_MODE = 0o555;

/**
 * Write the file of every base command the simulator runs or models
 * (FILED_COMMANDS) under `root` ("/" or a jail or
 * release tree), making their directories if missing. A file already there
 * (a release's /bin/freebsd-version script) is left as it is. The other
 * base commands get no file: see base-commands.ts for why.
 */
export function writeCommandFiles(fs: SimFs, root: string): void {
  const prefix = root === '/' ? '' : root;
  for (const [dir, names] of BASE_COMMANDS) {
    if (!fs.exists(`${prefix}${dir}`)) fs.mkdir(`${prefix}${dir}`, { parents: true });
    for (const name of names) {
      if (!FILED_COMMANDS.has(name)) continue;
      const path = `${prefix}${dir}/${name}`;
      if (!fs.lstat(path)) fs.writeFile(path, COMMAND_FILE_CONTENT, { mode: COMMAND_FILE_MODE });
    }
  }
}

/** Whether a node is a command file as writeCommandFiles wrote it (state-pack.ts stores those by name only). */
export function isStockCommandFile(node: SimNode): boolean {
  return node.kind === 'file' && node.content === COMMAND_FILE_CONTENT && node.mode === COMMAND_FILE_MODE && node.uid === 0 && node.gid === 0 && !node.binary && node.ino === undefined;
}
