/**
 * The jail's root tree, built once (DESIGN.md §0, freebsd.md §7): optional
 * ZFS dataset, base.txz from a release (downloaded once per host into a
 * cache, checksum from its MANIFEST: release-fetch.ts) or from an archive
 * already on the host, resolv.conf and localtime copied in, and a marker
 * file written last — so a half-built tree has no marker and is built again
 * next run, and a built one is never re-extracted: not for another release,
 * nor when part of it is gone (tree-check.ts).
 */
import { quote } from '../../shell/quote.js';
import { emptyParts, type PlanParts } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { MOUNTS, pathScope, zfsScope } from '../scopes.js';
import type { FactReader, Scope } from '../types.js';
import type { JailArgs } from './args.js';
import { archiveSumFact, datasetFact, markerFact, symlinkFact } from './facts.js';
import { downloadStep, releaseCacheDir } from './release-fetch.js';
import { builtTree, checkTree } from './tree-check.js';
import { planReleaseTree, thinMarker, thinRootLines } from './thin-base.js';
import { planUpgrade } from './upgrade.js';

/** What the marker records: the release, or the archive's path and checksum. */
export function wantedMarker(a: JailArgs, facts: FactReader): string {
  if (a.release !== undefined) return a.type === 'thin' ? thinMarker(a.release) : a.release;
  const archive = a.archive ?? '';
  const sum = facts.get(archiveSumFact(archive));
  return sum.present ? `archive:${archive}:${sum.sha256}` : `archive:${archive}:`;
}

/**
 * A ZFS step changes its dataset tree and the mount table, and files at
 * mountpoints it cannot name: `create -p` mounts the parents it makes where
 * their own parents' mountpoints put them, `destroy -r` unmounts children
 * mounted anywhere. So every path (`path:/`); pkg, sysctls, jails and the
 * network it leaves alone.
 */
export function zfsChanges(dataset: string): Scope[] {
  return [zfsScope(dataset), MOUNTS, pathScope('/')];
}

export function planDataset(a: JailArgs, facts: FactReader): PlanParts {
  const parts = emptyParts();
  if (a.dataset === undefined) return parts;
  const spec = datasetFact(a.dataset);
  const ds = facts.get(spec);
  if (ds.exists) {
    if (ds.mountpoint !== a.path) {
      throw new PlanError(`jail ${a.name}: dataset ${a.dataset} is mounted at ${ds.mountpoint}, not at the jail path ${a.path}`);
    }
    return parts;
  }
  parts.steps.push({
    title: `zfs create ${a.dataset}`,
    command: `zfs create -p -o ${quote(`mountpoint=${a.path}`)} ${quote(a.dataset)}`,
    changes: zfsChanges(a.dataset),
  });
  parts.updates.push({ spec, value: { exists: true, mountpoint: a.path } });
  parts.notes.push(`dataset ${a.dataset} created`);
  return parts;
}

export function planRootTree(a: JailArgs, facts: FactReader): PlanParts {
  const parts = emptyParts();
  const spec = markerFact(a.path);
  const marker = facts.get(spec);
  if (marker.kind !== 'absent' && marker.kind !== 'file') throw new PlanError(`jail ${a.name}: ${a.path}/.jailfleet-release is not a regular file`);
  const current = marker.kind === 'file' ? marker.content.trim() : undefined;

  if (a.archive !== undefined) {
    const sum = facts.get(archiveSumFact(a.archive));
    // The archive may be cleaned up once the tree is built from it.
    if (!sum.present && current?.startsWith(`archive:${a.archive}:`)) return parts;
    if (!sum.present) throw new PlanError(`jail ${a.name}: archive ${a.archive} is not on the host (${sum.message})`);
  }
  const wanted = wantedMarker(a, facts);
  if (current !== undefined) {
    if (current !== wanted) return planUpgrade(a, facts, current, wanted);
    checkTree(a, facts, current);
    return parts;
  }
  const thin = a.type === 'thin' && a.release !== undefined;
  if (thin) Object.assign(parts, planReleaseTree(a.name, a.mirror, a.release ?? '', facts));
  else if (a.release !== undefined) parts.steps.push(downloadStep(a.name, a.mirror, a.release));
  const build = thin ? thinRootLines(a.path, a.release ?? '') : a.release !== undefined ? fromRelease(a, a.release) : fromArchive(a, a.archive ?? '', wanted);
  parts.steps.push({
    title: `build root tree of jail ${a.name} (${a.release ?? a.archive ?? ''})`,
    command: [...unbuilt(a), ...build, ...finish(a, wanted)].join('\n'),
    // Everything lands below the root (tar refuses absolute and ".." names and
    // symlinked directories).
    changes: [pathScope(a.path)],
  });
  // The marker is made by a shell redirection: its mode is the umask's, unknown.
  parts.updates.push({ spec, value: { kind: 'file', content: `${wanted}\n` } });
  if (a.release !== undefined) parts.updates.push(...builtTree(a));
  parts.notes.push(`root tree built from ${a.release ?? a.archive ?? ''}`);
  return parts;
}

/**
 * Checked again when the step runs: a tree with a marker was built already,
 * and extracting over it would put the release's stock files (passwd,
 * rc.conf) over the jail's own. Facts read as "no marker" that are wrong by
 * then stop here, having changed nothing.
 */
function unbuilt(a: JailArgs): string[] {
  const marker = `${a.path}/.jailfleet-release`;
  return [`if [ -e ${quote(marker)} ]; then printf 'jail %s: %s exists: the root tree was built already; nothing extracted\\n' ${quote(a.name)} ${quote(marker)} >&2; exit 1; fi`];
}

/** The base.txz the download step left in the cache, verified there. */
function fromRelease(a: JailArgs, release: string): string[] {
  const p = quote(a.path);
  return [`mkdir -p ${p} || exit 1`, `tar -xf ${quote(`${releaseCacheDir(release)}/base.txz`)} -C ${p} --unlink || exit 1`];
}

/** The archive is checked again at apply time: it may have changed since the facts were read. */
function fromArchive(a: JailArgs, archive: string, wanted: string): string[] {
  const sum = wanted.slice(wanted.lastIndexOf(':') + 1);
  const p = quote(a.path);
  return [
    `mkdir -p ${p} || exit 1`,
    `jf_have=$(sha256 -q ${quote(archive)}) || exit 1`,
    `if [ "$jf_have" != ${quote(sum)} ]; then`,
    `  printf 'jail %s: %s changed since it was checked: sha256 %s, expected %s\\n' ${quote(a.name)} ${quote(archive)} "$jf_have" ${quote(sum)} >&2`,
    `  exit 1`,
    `fi`,
    `tar -xf ${quote(archive)} -C ${p} --unlink || exit 1`,
  ];
}

export function finish(a: JailArgs, wanted: string): string[] {
  const copies = ['/etc/resolv.conf', '/etc/localtime'].map(
    (f) => `if [ -e ${f} ]; then cp ${f} ${quote(`${a.path}${f}`)} || exit 1; fi`,
  );
  // The marker says the tree is whole: written last, and atomically (a failed write must not leave an empty one).
  const marker = `${a.path}/.jailfleet-release`;
  return [...copies, `printf '%s\\n' ${quote(wanted)} > ${quote(`${marker}.tmp`)} && mv ${quote(`${marker}.tmp`)} ${quote(marker)}`];
}

/** `ln -sf dev/null PATH/kernel` (DESIGN.md §0): tools that read /kernel find nothing to trip on. */
export function planKernelLink(a: JailArgs, facts: FactReader): PlanParts {
  const parts = emptyParts();
  if (!a.kernel_link) return parts;
  const link = `${a.path}/kernel`;
  const spec = symlinkFact(link);
  const current = facts.get(spec).target;
  if (current === 'dev/null') return parts;
  // `ln -sf` without -h follows an existing symlink to a directory and makes
  // the link inside it: over a foreign symlink it may write anywhere and
  // leave the old link in place. Over nothing or a file it is exact (a
  // directory named kernel in a jail root is no FreeBSD layout).
  const foreign = current !== undefined;
  parts.steps.push({ title: `link ${link}`, command: `ln -sf dev/null ${quote(link)}`, changes: foreign ? undefined : [pathScope(link)] });
  if (!foreign) parts.updates.push({ spec, value: { target: 'dev/null' } });
  parts.notes.push('kernel -> dev/null');
  return parts;
}
