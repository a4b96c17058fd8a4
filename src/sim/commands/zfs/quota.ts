/**
 * The `quota` property (zfsprops(7): "Limits the amount of space a dataset
 * and its descendents can consume ... includes all space consumed by
 * descendents, including file systems and snapshots"). A write that would
 * take the dataset holding a file, or one of its ancestors, past its quota
 * fails with EDQUOT, "Disc quota exceeded" (FreeBSD's strerror). Blocks a
 * snapshot still holds are not freed by removing the file, so a dataset near
 * its quota with a fresh snapshot runs out on the next rewrite. Only the
 * simulated writers that say so check it (freebsd-update's install,
 * update/fu-tree.ts); other file writes in the simulator do not.
 */
import type { SimFs } from '../../fs.js';
import type { SimState } from '../../types.js';
import { datasets, findDataset, parentName, type ZfsDataset } from './model.js';
import { used } from './sizes.js';

/** The mounted file system a host path lives on: the longest mountpoint above it. */
function holder(state: SimState, path: string): ZfsDataset | undefined {
  let best: ZfsDataset | undefined;
  for (const ds of datasets(state)) {
    if (!ds.mounted) continue;
    const mp = ds.mountpoint;
    if (path !== mp && !path.startsWith(mp === '/' ? '/' : `${mp}/`)) continue;
    if (!best || mp.length > best.mountpoint.length) best = ds;
  }
  return best;
}

/** Whether writing `bytes` more at `path` exceeds a quota on the way up from its file system. */
export function exceedsQuota(state: SimState, fs: SimFs, path: string, bytes: number): boolean {
  const blocks = Math.ceil(bytes / 512) * 512;
  for (let ds = holder(state, path); ds; ds = findDataset(state, parentName(ds.name) ?? '')) {
    const quota = Number(ds.properties.quota ?? 0);
    if (quota > 0 && used(state, fs, ds) + blocks > quota) return true;
  }
  return false;
}
