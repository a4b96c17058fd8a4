/** The mount table (state.mounts) as jail(8), mount(8) and umount(8) change it. */
import type { SimFs } from '../../fs.js';
import { normalize } from '../../fs.js';
import type { SimMount, SimState } from '../../types.js';

/** prmount()'s flag order in sbin/mount/mount.c (optnames[]). */
const FLAG_ORDER = ['asynchronous', 'local', 'noatime', 'noexec', 'nosuid', 'read-only', 'synchronous', 'union', 'soft-updates', 'journaled soft-updates', 'nfsv4acls'];

/** Flags `mount` shows for a fresh mount of this type. INFERRED from typical FreeBSD 14 output. */
export function defaultFlags(fstype: string, readOnly = false): string[] {
  const flags: string[] = [];
  if (['procfs', 'nullfs', 'tmpfs', 'ufs', 'zfs'].includes(fstype)) flags.push('local');
  if (fstype === 'zfs') flags.push('noatime', 'nfsv4acls');
  if (readOnly) flags.push('read-only');
  return flags.sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b));
}

/** Mount `m` (its `on` a host path); returns a strerror text on failure. */
export function mountFs(state: SimState, fs: SimFs, m: SimMount): string | undefined {
  const on = normalize(m.on);
  const node = fs.stat(on);
  if (!node) return 'No such file or directory';
  if (node.kind !== 'dir') return 'Not a directory';
  state.mounts.push({ ...m, on });
  return undefined;
}

/** Unmount the most recent mount on `on`; false when nothing is mounted there. */
export function unmountFs(state: SimState, on: string): boolean {
  const path = normalize(on);
  for (let i = state.mounts.length - 1; i >= 0; i--) {
    if (state.mounts[i]!.on !== path) continue;
    state.mounts.splice(i, 1);
    return true;
  }
  return false;
}

export function isMounted(state: SimState, on: string): boolean {
  const path = normalize(on);
  return state.mounts.some((m) => m.on === path);
}

/** One fstab(5) line: "from on fstype options [dump [pass]]"; undefined for blanks and comments. */
export function parseFstabLine(line: string): SimMount | undefined {
  const text = line.replace(/#.*/, '').trim();
  if (!text) return undefined;
  const [from, on, fstype, opts = 'rw'] = text.split(/\s+/);
  if (!from || !on || !fstype) return undefined;
  const ro = opts.split(',').includes('ro');
  return { from, on, fstype, options: defaultFlags(fstype, ro) };
}
