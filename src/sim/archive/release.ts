/**
 * Synthetic FreeBSD release distribution sets: base.txz (a minimal root
 * tree: the seed's base system plus /etc/rc and freebsd-version) and the
 * release MANIFEST. Deterministic per release, so checksums are stable.
 */
import { emptySimState } from '../empty-state.js';
import { SimFs } from '../fs.js';
import { writeBaseSystem } from '../seed.js';
import type { SimState } from '../types.js';
import { encodeArchive, sha256Hex } from './format.js';
import { collectTree } from './tree.js';

export const KNOWN_RELEASES = ['13.4-RELEASE', '14.1-RELEASE', '14.2-RELEASE', '14.3-RELEASE'];

/** Fixed mtime of every archived node (a release build date, INFERRED). */
const BUILD_TIME = 1_700_000_000;

/** Per release: derived from fixed inputs only, so never stale. */
const cache = new Map<string, Buffer>();
const base64Cache = new Map<string, string>();
const manifestCache = new Map<string, string>();

/**
 * A shell-level stand-in for /etc/rc (rcorder is not modelled): every rc.d
 * script gets `quietstart`, which starts what rc.conf enables and says
 * nothing about the rest — what a jail's `exec.start = "sh /etc/rc"` needs.
 */
const RC = `#!/bin/sh
#
# System startup script run by init on autoboot or after single-user.
# (Simulated: scripts run in name order instead of rcorder(8) order.)
for _rc_elem in /etc/rc.d/* /usr/local/etc/rc.d/*; do
\t[ -x "$_rc_elem" ] || continue
\t"$_rc_elem" quietstart
done
exit 0
`;

const RC_SHUTDOWN = `#!/bin/sh
#
# Site-specific actions to be taken upon system shutdown.
# (Simulated: scripts run in name order instead of reverse rcorder(8) order.)
for _rc_elem in /usr/local/etc/rc.d/* /etc/rc.d/*; do
\t[ -x "$_rc_elem" ] || continue
\t"$_rc_elem" faststop >/dev/null 2>&1
done
exit 0
`;

function scratchState(): SimState {
  return emptySimState({ clock: BUILD_TIME });
}

/** The bytes of base.txz for a release (callers check KNOWN_RELEASES). */
export function baseTxz(release: string): Buffer {
  const hit = cache.get(release);
  if (hit) return hit;
  const state = scratchState();
  const fs = new SimFs(state);
  writeBaseSystem(fs, '/');
  fs.writeFile('/etc/rc', RC, { mode: 0o644 });
  fs.writeFile('/etc/rc.shutdown', RC_SHUTDOWN, { mode: 0o644 });
  fs.writeFile('/bin/freebsd-version', `#!/bin/sh\nUSERLAND_VERSION="${release}"\necho $USERLAND_VERSION\n`, { mode: 0o555 });
  // A fresh release has no rc.conf: the jail's own settings are added afterwards.
  if (fs.lstat('/etc/rc.conf')) fs.remove('/etc/rc.conf');
  for (const node of Object.values(state.fs)) node.mtime = BUILD_TIME;
  const bytes = encodeArchive(collectTree(fs, '/', '.'));
  cache.set(release, bytes);
  return bytes;
}

/**
 * base.txz as a binary file's stored content (base64). One string per release,
 * shared by every host that fetches it (the bytes never change).
 */
export function baseTxzBase64(release: string): string {
  let text = base64Cache.get(release);
  if (text === undefined) {
    text = baseTxz(release).toString('base64');
    base64Cache.set(release, text);
  }
  return text;
}

/** The release MANIFEST: "base.txz\tSHA256\tFILES\tbase\t\"Base system\"\ton". */
export function releaseManifest(release: string): string {
  const hit = manifestCache.get(release);
  if (hit !== undefined) return hit;
  const bytes = baseTxz(release);
  const count = (JSON.parse(bytes.toString('utf8').slice(bytes.indexOf('\n') + 1)) as { entries: unknown[] }).entries.length;
  const manifest = `base.txz\t${sha256Hex(bytes)}\t${count}\tbase\t"Base system"\ton\n`;
  manifestCache.set(release, manifest);
  return manifest;
}
