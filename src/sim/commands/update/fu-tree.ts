/**
 * What freebsd-update changes in a tree, as far as the simulator models a
 * base system: the userland version in /bin/freebsd-version (the script's
 * USERLAND_VERSION, bin/freebsd-version/freebsd-version.sh.in) and, for a
 * tree with a kernel, the version string in /boot/kernel/kernel that
 * `freebsd-version -k` reads. No other file of the tree changes: the
 * releases' /etc differ a little (archive/release-etc.ts), and freebsd-update's
 * three-way merge of /etc is not modelled.
 */
import type { SimFs } from '../../fs.js';
import type { SimState } from '../../types.js';
import { exceedsQuota } from '../zfs/quota.js';

/** Trees are the host's (with a kernel) or jails' (without). */
export function hasKernel(fs: SimFs, basedirHost: string, seededHost: boolean): boolean {
  return seededHost || fs.exists(`${basedirHost === '/' ? '' : basedirHost}/boot/kernel/kernel`);
}

/**
 * install_from_index() installs each file with `install -o -g -m HASH
 * ${BASEDIR}/${FPATH}` (freebsd-update.sh). install(1) unlinks the old
 * target first and, when the copy fails, unlinks the new one too and exits
 * EX_OSERR with `install: PATH: ERROR` (usr.bin/xinstall/xinstall.c
 * create_newfile(), copy()); freebsd-update does not check that status (the
 * loop's status is its last command's, `rm ${HASH}`), so the file is gone,
 * the message is on stderr, and the install goes on. The stderr text is
 * returned: over a ZFS quota, EDQUOT.
 */
export function writeUserland(fs: SimFs, basedirHost: string, release: string, state: SimState, basedirArg: string): string {
  const path = `${basedirHost === '/' ? '' : basedirHost}/bin/freebsd-version`;
  const old = fs.stat(path);
  const script = old?.kind === 'file' && /^USERLAND_VERSION="[^"]*"/m.test(old.content) ? old.content.replace(/^USERLAND_VERSION="[^"]*"/m, `USERLAND_VERSION="${release}"`) : `#!/bin/sh\nUSERLAND_VERSION="${release}"\necho $USERLAND_VERSION\n`;
  if (old) fs.remove(path);
  if (exceedsQuota(state, fs, path, Buffer.byteLength(script))) return `install: ${basedirArg}//bin/freebsd-version: Disc quota exceeded\n`;
  fs.writeFile(path, script, { mode: 0o555 });
  return '';
}

/** newvers.sh's sccs string, as `what` finds it: "@(#)FreeBSD 14.2-RELEASE ...". */
export function writeKernel(fs: SimFs, basedirHost: string, release: string): void {
  const dir = `${basedirHost === '/' ? '' : basedirHost}/boot/kernel`;
  if (!fs.isDir(dir)) fs.mkdir(dir, { parents: true });
  fs.writeFile(`${dir}/kernel`, `\x7fELF simulated kernel\n@(#)FreeBSD ${release} GENERIC amd64\n`, { mode: 0o555 });
}
