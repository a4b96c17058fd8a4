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

/** Trees are the host's (with a kernel) or jails' (without). */
export function hasKernel(fs: SimFs, basedirHost: string, seededHost: boolean): boolean {
  return seededHost || fs.exists(`${basedirHost === '/' ? '' : basedirHost}/boot/kernel/kernel`);
}

export function writeUserland(fs: SimFs, basedirHost: string, release: string): void {
  const path = `${basedirHost === '/' ? '' : basedirHost}/bin/freebsd-version`;
  const old = fs.stat(path);
  const script = old?.kind === 'file' && /^USERLAND_VERSION="[^"]*"/m.test(old.content) ? old.content.replace(/^USERLAND_VERSION="[^"]*"/m, `USERLAND_VERSION="${release}"`) : `#!/bin/sh\nUSERLAND_VERSION="${release}"\necho $USERLAND_VERSION\n`;
  fs.writeFile(path, script, { mode: 0o555 });
}

/** newvers.sh's sccs string, as `what` finds it: "@(#)FreeBSD 14.2-RELEASE ...". */
export function writeKernel(fs: SimFs, basedirHost: string, release: string): void {
  const dir = `${basedirHost === '/' ? '' : basedirHost}/boot/kernel`;
  if (!fs.isDir(dir)) fs.mkdir(dir, { parents: true });
  fs.writeFile(`${dir}/kernel`, `\x7fELF simulated kernel\n@(#)FreeBSD ${release} GENERIC amd64\n`, { mode: 0o555 });
}
