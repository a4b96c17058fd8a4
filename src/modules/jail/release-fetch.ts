/**
 * A release's base.txz (or src.txz, for etcupdate: etcupdate.ts),
 * downloaded once per host into /var/cache/jailfleet/releases/RELEASE/ with
 * its MANIFEST: every later jail of that release extracts the cached file
 * (a release never changes on the mirror). A download goes to NAME.part and
 * is renamed into place only once whole and verified (against the
 * MANIFEST's sha256), so a cached file is always a complete one; the cached
 * file is checked again before each use and fetched anew when it no longer
 * matches.
 *
 * The .part files are removed when the step exits, also on HUP, INT, TERM
 * and PIPE (the SSH session dropping): sh runs a signal's trap action and
 * carries on unless the action exits, and runs the EXIT trap on `exit` but
 * not when a signal kills it — hence `trap 'exit N' SIG` next to the EXIT
 * trap. A .part left by a killed shell or a crash is overwritten next time.
 */
import { quote } from '../../shell/quote.js';
import { pathScope } from '../scopes.js';
import type { Step } from '../types.js';
import { cleanupTraps } from '../file-edit/cleanup-trap.js';

export const RELEASE_CACHE = '/var/cache/jailfleet/releases';

export function releaseCacheDir(release: string): string {
  return `${RELEASE_CACHE}/${release}`;
}

/** A distribution set of a release, as MANIFEST names it. */
export type DistSet = 'base.txz' | 'src.txz';

/** Leaves the verified set in the cache; downloads only what is missing or does not match. */
export function downloadStep(name: string, mirror: string, release: string, dist: DistSet = 'base.txz'): Step {
  return {
    title: `download ${release} ${dist}`,
    command: downloadLines(name, mirror, release, dist).join('\n'),
    // The cache directory, and the parents mkdir -p makes (a path scope meets those).
    changes: [pathScope(releaseCacheDir(release))],
  };
}

function downloadLines(name: string, mirror: string, release: string, dist: DistSet): string[] {
  const url = `${mirror}/${release}`;
  const n = quote(name);
  const want = `grep -E '^${dist.replace('.', '\\.')}[[:space:]]'`;
  return [
    `jf_c=${quote(releaseCacheDir(release))}`,
    ...cleanupTraps(`'rm -f "$jf_c/MANIFEST.part" "$jf_c/${dist}.part"'`),
    'mkdir -p "$jf_c" || exit 1',
    // A cached MANIFEST without the set's line is fetched again, like a missing one.
    'jf_want=',
    `if [ -f "$jf_c/MANIFEST" ]; then jf_want=$(${want} "$jf_c/MANIFEST" | cut -f 2); fi`,
    'if [ -z "$jf_want" ]; then',
    `  fetch -q -o "$jf_c/MANIFEST.part" ${quote(`${url}/MANIFEST`)} || exit 1`,
    `  jf_want=$(${want} "$jf_c/MANIFEST.part" | cut -f 2)`,
    '  if [ -z "$jf_want" ]; then',
    `    printf 'jail %s: %s has no ${dist} line\\n' ${n} ${quote(`${url}/MANIFEST`)} >&2`,
    '    exit 1',
    '  fi',
    '  mv -f "$jf_c/MANIFEST.part" "$jf_c/MANIFEST" || exit 1',
    'fi',
    'jf_have=',
    `if [ -f "$jf_c/${dist}" ]; then jf_have=$(sha256 -q "$jf_c/${dist}") || exit 1; fi`,
    'if [ "$jf_have" != "$jf_want" ]; then',
    `  fetch -q -o "$jf_c/${dist}.part" ${quote(`${url}/${dist}`)} || exit 1`,
    `  jf_have=$(sha256 -q "$jf_c/${dist}.part") || exit 1`,
    '  if [ "$jf_have" != "$jf_want" ]; then',
    `    printf 'jail %s: ${dist} checksum mismatch: MANIFEST says %s, file has %s\\n' ${n} "$jf_want" "$jf_have" >&2`,
    '    exit 1',
    '  fi',
    `  mv -f "$jf_c/${dist}.part" "$jf_c/${dist}" || exit 1`,
    'fi',
  ];
}
