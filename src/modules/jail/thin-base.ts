/**
 * Thin jails (issue 18), laid out as Bastille lays out its thin jails
 * (bastille create.sh: `ln -sf /.bastille/${_link} ${_link}` for bin boot lib
 * libexec rescue sbin usr/bin usr/include usr/lib usr/lib32 usr/libdata
 * usr/libexec usr/sbin usr/share usr/src; etc, var, root, tmp... copied):
 *  - the release is extracted and verified once per host, into
 *    /usr/local/jailfleet/releases/RELEASE (a marker written last, as for a
 *    thick root), from the verified base.txz of the download cache;
 *  - the jail's root holds its own writable copy of etc, var, root and tmp,
 *    and empty dev, proc, media, mnt and usr;
 *  - the release is mounted read-only at ROOT/.jailfleet-base by jail(8),
 *    through the jail's mount.fstab (a nullfs line, args.ts), and the system
 *    directories are symlinks into it. Unlike Bastille's, the links are
 *    relative (`bin -> .jailfleet-base/bin`): they resolve the same inside
 *    the jail and from the host, so the host can check the jail's tree.
 * No ZFS dataset for the release tree: a plain directory serves every jail of
 * that release on the host whether their roots are datasets or not.
 */
import { quote } from '../../shell/quote.js';
import { PlanError } from '../plan-error.js';
import { emptyParts, type PlanParts } from '../plan-parts.js';
import { pathScope } from '../scopes.js';
import type { FactReader } from '../types.js';
import { markerFact } from './facts.js';
import { downloadStep, releaseCacheDir } from './release-fetch.js';
import { BASE_MOUNT, releaseDir } from './thin-layout.js';

/** The marker of a thin root: `thin:RELEASE` (a thick one holds the release alone). */
export function thinMarker(release: string): string {
  return `thin:${release}`;
}

const TOP_LINKS = ['bin', 'boot', 'lib', 'libexec', 'rescue', 'sbin'];
const USR_LINKS = ['bin', 'include', 'lib', 'lib32', 'libdata', 'libexec', 'sbin', 'share', 'src'];
const COPIED = ['etc', 'var', 'root', 'tmp'];
const EMPTY = ['dev', 'proc', 'media', 'mnt', 'usr', BASE_MOUNT];

/** The release tree on the host: downloaded (cached) and extracted once, unless its marker says it is there. */
export function planReleaseTree(name: string, mirror: string, release: string, facts: FactReader): PlanParts {
  const parts = emptyParts();
  const dir = releaseDir(release);
  const spec = markerFact(dir);
  const marker = facts.get(spec);
  if (marker.kind === 'file' && marker.content.trim() === release) return parts;
  if (marker.kind !== 'absent') throw new PlanError(`jail ${name}: ${dir}/.jailfleet-release is not the marker of ${release}; not extracting over it`);
  parts.steps.push(downloadStep(name, mirror, release));
  const d = quote(dir);
  const m = quote(`${dir}/.jailfleet-release`);
  parts.steps.push({
    title: `extract release ${release} into ${dir}`,
    command: [
      `mkdir -p ${d} || exit 1`,
      `tar -xf ${quote(`${releaseCacheDir(release)}/base.txz`)} -C ${d} --unlink || exit 1`,
      `printf '%s\\n' ${quote(release)} > ${quote(`${dir}/.jailfleet-release.tmp`)} && mv ${quote(`${dir}/.jailfleet-release.tmp`)} ${m}`,
    ].join('\n'),
    changes: [pathScope(dir)],
  });
  parts.updates.push({ spec, value: { kind: 'file', content: `${release}\n` } });
  parts.notes.push(`release ${release} extracted into ${dir}`);
  return parts;
}

/** Shell lines that lay out a thin root from the release tree (run after the unbuilt check). */
export function thinRootLines(root: string, release: string): string[] {
  const r = (p: string) => quote(`${root}/${p}`);
  const rel = (p: string) => quote(`${releaseDir(release)}/${p}`);
  return [
    `mkdir -p ${EMPTY.map(r).join(' ')} || exit 1`,
    // A build cut short is run again: each copy lands whole under a temporary name and is renamed, so one
    // that is there is complete; `ln -sfh` replaces a link without following it.
    ...COPIED.map((d) => `[ -e ${r(d)} ] || { rm -rf ${r(`${d}.jailfleet-new`)} && cp -a ${rel(d)} ${r(`${d}.jailfleet-new`)} && mv ${r(`${d}.jailfleet-new`)} ${r(d)}; } || exit 1`),
    ...TOP_LINKS.map((l) => `ln -sfh ${quote(`${BASE_MOUNT}/${l}`)} ${r(l)} || exit 1`),
    ...USR_LINKS.map((l) => `ln -sfh ${quote(`../${BASE_MOUNT}/usr/${l}`)} ${r(`usr/${l}`)} || exit 1`),
  ];
}
