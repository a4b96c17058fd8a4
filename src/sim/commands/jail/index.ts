import type { SimCommand } from '../../types.js';
import { fetchCommand } from './fetch.js';
import { jailCommand } from './jail-cmd.js';
import { jexecCommand } from './jexec.js';
import { jlsCommand } from './jls.js';
import { mountCommand, umountCommand } from './mount.js';
import { mountNullfsCommand } from './mount-nullfs.js';
import { pkgCommand } from './pkg.js';
import { tarCommand } from './tar.js';

/** Jail, storage and package commands (jail, jls, jexec, mount, zfs, tar, fetch, pkg). */
export const jailCommands: Record<string, SimCommand> = {
  jail: jailCommand,
  jls: jlsCommand,
  jexec: jexecCommand,
  mount: mountCommand,
  umount: umountCommand,
  mount_nullfs: mountNullfsCommand,
  fetch: fetchCommand,
  tar: tarCommand,
  pkg: pkgCommand,
};
