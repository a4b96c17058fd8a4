/**
 * Synthetic FreeBSD release distribution sets: base.txz (a minimal root
 * tree: the seed's base system plus /etc/rc and freebsd-version) and the
 * release MANIFEST. Deterministic per release, so checksums are stable.
 */
import { emptySimState } from '../empty-state.js';
import { SimFs } from '../fs.js';
import { writeBaseSystem } from '../seed.js';
import type { SimState } from '../types.js';
import { encodeArchive, sha256Hex, type ArchiveEntry } from './format.js';
import { olderReleaseEtc } from './release-etc.js';
import { collectTree } from './tree.js';

export const KNOWN_RELEASES = ['13.4-RELEASE', '14.1-RELEASE', '14.2-RELEASE', '14.3-RELEASE'];

/** Fixed mtime of every archived node (a release build date, INFERRED). */
const BUILD_TIME = 1_700_000_000;

/** Per release: derived from fixed inputs only, so never stale. */
const cache = new Map<string, Buffer>();
const srcCache = new Map<string, Buffer>();
const base64Cache = new Map<string, string>();
const manifestCache = new Map<string, string>();

/** Both scripts' test of security.jail.jailed and security.jail.vnet, adding to $VAR. */
const jailSkips = (v: string): string => `if [ \`/sbin/sysctl -n security.jail.jailed\` -eq 1 ]; then
\t${v}="$${v} -s nojail"
\tif [ \`/sbin/sysctl -n security.jail.vnet\` -ne 1 ]; then
\t\t${v}="$${v} -s nojailvnet"
\tfi
fi`;

/** find_local_scripts_new (rc.subr): the scripts of $local_startup with a PROVIDE line. */
const LOCAL_RC = "local_rc=`grep -l '^# PROVIDE:' /usr/local/etc/rc.d/* 2>/dev/null`";

/**
 * /etc/rc as libexec/rc/rc (freebsd/freebsd-src @023fc80) runs it in a jail
 * or on a host: rcorder(8) orders /etc/rc.d/* and the local_startup
 * scripts, skipping `nostart` ones, and in a jail `nojail` ones, and in a
 * jail without its own vnet `nojailvnet` ones too; each is run with
 * `quietstart`. Left out: diskless and firstboot handling, the second pass
 * after $early_late_divider (here one pass over both directories), the
 * SIGALRM re-read of rc.conf, local_startup other than its default, and the
 * closing empty line and date(1).
 */
const RC = `#!/bin/sh
#
# System startup script run by init on autoboot or after single-user.
HOME=/
PATH=/sbin:/bin:/usr/sbin:/usr/bin
export HOME PATH

skip="-s nostart"
${jailSkips('skip')}

${LOCAL_RC}
files=\`rcorder \${skip} /etc/rc.d/* \${local_rc} 2>/dev/null\`
for _rc_elem in \${files}; do
\t[ -x "$_rc_elem" ] && "$_rc_elem" quietstart
done
exit 0
`;

/**
 * /etc/rc.shutdown as libexec/rc/rc.shutdown (@023fc80): the scripts
 * `rcorder -k shutdown` lists (less `nojail`, and `nojailvnet` in a jail
 * without its own vnet), in reverse, each with `faststop`. Left out: the
 * watchdog timer, and the scripts' output and the closing '.' (kept silent,
 * as before, so a jail's removal prints only jail(8)'s own lines).
 */
const RC_SHUTDOWN = `#!/bin/sh
#
# Site-specific actions to be taken upon system shutdown.
HOME=/
PATH=/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin
export HOME PATH

rcorder_opts="-k shutdown"
${jailSkips('rcorder_opts')}

${LOCAL_RC}
files=\`rcorder \${rcorder_opts} /etc/rc.d/* \${local_rc} 2>/dev/null\`
_revlist=
for _revfile in $files; do
\t_revlist="$_revfile $_revlist"
done
for _rc_elem in $_revlist; do
\t[ -x "$_rc_elem" ] && "$_rc_elem" faststop >/dev/null 2>&1
done
exit 0
`;

function scratchState(): SimState {
  return emptySimState({ clock: BUILD_TIME });
}

/** The release's root tree in a scratch file system. */
function releaseTree(release: string): { fs: SimFs; state: SimState } {
  const state = scratchState();
  const fs = new SimFs(state);
  writeBaseSystem(fs, '/');
  fs.writeFile('/etc/rc', RC, { mode: 0o644 });
  fs.writeFile('/etc/rc.shutdown', RC_SHUTDOWN, { mode: 0o644 });
  fs.writeFile('/bin/freebsd-version', `#!/bin/sh\nUSERLAND_VERSION="${release}"\necho $USERLAND_VERSION\n`, { mode: 0o555 });
  // A fresh release has no rc.conf: the jail's own settings are added afterwards.
  if (fs.lstat('/etc/rc.conf')) fs.remove('/etc/rc.conf');
  for (const [path, content] of Object.entries(olderReleaseEtc(release))) fs.writeFile(path, content, { mode: 0o644 });
  for (const node of Object.values(state.fs)) node.mtime = BUILD_TIME;
  return { fs, state };
}

/** The bytes of base.txz for a release (callers check KNOWN_RELEASES). */
export function baseTxz(release: string): Buffer {
  const hit = cache.get(release);
  if (hit) return hit;
  const bytes = encodeArchive(collectTree(releaseTree(release).fs, '/', '.'));
  cache.set(release, bytes);
  return bytes;
}

/**
 * The bytes of src.txz: the source tree under ./usr/src, here only the
 * part `etcupdate build` reads. A simplification: FreeBSD's sources hold
 * the files `make distribution` installs in /etc all over the tree (etc/,
 * libexec/rc/, usr.sbin/...); the simulated usr/src/etc holds them under
 * their installed names, so a tree built from it is the release's /etc.
 */
export function srcTxz(release: string): Buffer {
  const hit = srcCache.get(release);
  if (hit) return hit;
  const etc = collectTree(releaseTree(release).fs, '/', './etc');
  const dir = (name: string): ArchiveEntry => ({ name, kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: BUILD_TIME });
  const entries = [dir('./'), dir('./usr/'), dir('./usr/src/'), ...etc.map((e) => ({ ...e, name: e.name.replace(/^\.\/etc/, './usr/src/etc') }))];
  const bytes = encodeArchive(entries);
  srcCache.set(release, bytes);
  return bytes;
}

/**
 * A distribution set as a binary file's stored content (base64): one string
 * per release and set, shared by every host that fetches it (the bytes never change).
 */
export function distBase64(release: string, dist: 'base.txz' | 'src.txz'): string {
  const key = `${release}/${dist}`;
  let text = base64Cache.get(key);
  if (text === undefined) {
    text = (dist === 'base.txz' ? baseTxz(release) : srcTxz(release)).toString('base64');
    base64Cache.set(key, text);
  }
  return text;
}

function manifestLine(bytes: Buffer, dist: string, set: string, description: string, on: string): string {
  const count = (JSON.parse(bytes.toString('utf8').slice(bytes.indexOf('\n') + 1)) as { entries: unknown[] }).entries.length;
  return `${dist}\t${sha256Hex(bytes)}\t${count}\t${set}\t"${description}"\t${on}\n`;
}

/**
 * The release MANIFEST (release/scripts/make-manifest.sh): per set
 * "NAME\tSHA256\tFILES\tSET\t\"DESCRIPTION\"\tON|OFF", sorted by name:
 * base.txz ("Base system", on) and src.txz ("System source tree", off).
 */
export function releaseManifest(release: string): string {
  const hit = manifestCache.get(release);
  if (hit !== undefined) return hit;
  const manifest = manifestLine(baseTxz(release), 'base.txz', 'base', 'Base system', 'on') + manifestLine(srcTxz(release), 'src.txz', 'src', 'System source tree', 'off');
  manifestCache.set(release, manifest);
  return manifest;
}
