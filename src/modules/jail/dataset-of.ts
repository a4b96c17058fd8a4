/**
 * Which ZFS dataset holds a jail's root: the file system mounted at the
 * jail's path. The jail module keeps it so (root-tree.ts creates `dataset:`
 * with mountpoint=PATH and refuses one mounted elsewhere), and readers that
 * have no playbook — a move (engine/move/zfs-copy.ts), `jailfleet snapshots`
 * — find it the same way from `zfs list -H -o name,mountpoint -t
 * filesystem` (zfs-list(8): -H tab-separated, no header).
 */
import { FactParseError } from '../facts/fact-parse-error.js';
import type { FactSpec } from '../types.js';

export interface Filesystem {
  name: string;
  mountpoint: string;
}

/**
 * The host's file systems; zfs: false when zfs(8) cannot answer (no ZFS:
 * libzfs cannot load the module, or the command is missing). A host with
 * ZFS but no pool lists nothing.
 */
export type Filesystems = { zfs: true; list: Filesystem[] } | { zfs: false; why: string };

const KEY = 'zfs-filesystems::';

export function filesystemsFact(): FactSpec<Filesystems> {
  return {
    key: KEY,
    command: 'zfs list -H -o name,mountpoint -t filesystem',
    // Every dataset's mountpoint, so no one scope: anything.
    reads: undefined,
    parse(out) {
      if (out.code !== 0) return { zfs: false, why: out.stderr.trim().split('\n')[0] || `zfs list exited ${out.code}` };
      const list = out.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [name, mountpoint, extra] = line.split('\t');
          if (!name || mountpoint === undefined || extra !== undefined) throw new FactParseError(KEY, `not "NAME<TAB>MOUNTPOINT": ${line}`, out);
          return { name, mountpoint };
        });
      return { zfs: true, list };
    },
  };
}

/** The dataset mounted at `root`, if any. */
export function datasetMountedAt(list: Filesystem[], root: string): string | undefined {
  return list.find((f) => f.mountpoint === root)?.name;
}
