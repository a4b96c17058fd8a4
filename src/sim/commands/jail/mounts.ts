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

/** One fstab(5) entry as getfsent(3) reads it (lib/libc/gen/fstab.c fstabscan). */
export interface FstabEntry {
  from: string;
  on: string;
  fstype: string;
  opts: string;
  freq: number;
  passno: number;
  /** fs_type: the first of rw, rq, ro, sw among the options, else "??" (mount(8)'s BADTYPE). */
  type: string;
}

/** One fstab(5) line; undefined for blanks, comments, short lines and `xx` lines (fstabscan skips those). */
export function parseFstabEntry(line: string): FstabEntry | undefined {
  const text = line.replace(/#.*/, '').trim();
  if (!text) return undefined;
  const [from, on, fstype, opts, freq = '0', passno = '0'] = text.split(/[ \t]+/);
  if (!from || !on || !fstype || !opts) return undefined;
  const words = opts.split(',');
  if (words.includes('xx')) return undefined;
  const type = words.find((w) => ['rw', 'rq', 'ro', 'sw'].includes(w)) ?? '??';
  return { from, on, fstype, opts, freq: parseInt(freq, 10) || 0, passno: parseInt(passno, 10) || 0, type };
}

/** Options mount(8) turns into flags prmount() shows (getmntopts' MOPT_STDOPTS). */
const OPTION_FLAGS: Record<string, string> = { noexec: 'noexec', nosuid: 'nosuid', noatime: 'noatime', sync: 'synchronous', async: 'asynchronous', union: 'union' };

/**
 * The flags of a fresh mount with these -o options: the type's own, then
 * the options'; the last of ro and rw/noro wins, as update_options() keeps
 * the last of contradicting options.
 */
export function flagsFor(fstype: string, opts: string[]): string[] {
  const readOnly = opts.lastIndexOf('ro') > Math.max(opts.lastIndexOf('rw'), opts.lastIndexOf('noro'));
  const flags = new Set(defaultFlags(fstype, readOnly));
  for (const o of opts) if (OPTION_FLAGS[o]) flags.add(OPTION_FLAGS[o]);
  return sortFlags([...flags]);
}

/** In prmount()'s order. */
export function sortFlags(flags: string[]): string[] {
  return [...new Set(flags)].sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b));
}

/** One fstab(5) line as a mount; undefined for blanks and comments. */
export function parseFstabLine(line: string): SimMount | undefined {
  const e = parseFstabEntry(line);
  if (!e) return undefined;
  return { from: e.from, on: e.on, fstype: e.fstype, options: flagsFor(e.fstype, e.opts.split(',')) };
}
