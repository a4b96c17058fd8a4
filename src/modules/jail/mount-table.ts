/**
 * The host's mount table (`mount`, freebsd.md §12: `FROM on MOUNTPOINT
 * (FSTYPE, option...)`, sbin/mount/mount.c prmount): a running jail whose
 * devfs, procfs or fdescfs jail(8) mounted at its creation is gone (an
 * operator's umount) is broken, and jail(8) mounts them only when it creates
 * the jail, so the jail is restarted (restart.ts).
 */
import { FactParseError } from '../facts/fact-parse-error.js';
import type { FactSpec } from '../types.js';
import type { JailArgs } from './args.js';
import { BASE_MOUNT } from './thin-layout.js';

export interface Mounted {
  on: string;
  fstype: string;
}

const KEY = 'mount-table::';

export function mountTableFact(): FactSpec<Mounted[]> {
  return {
    key: KEY,
    command: 'mount',
    reads: ['mounts'],
    parse(out) {
      if (out.code !== 0) throw new FactParseError(KEY, 'mount failed', out);
      const table: Mounted[] = [];
      for (const line of out.stdout.split('\n')) {
        const m = / on (\/.*) \(([a-z0-9]+)[,)]/.exec(line);
        if (m?.[1] && m[2]) table.push({ on: m[1], fstype: m[2] });
      }
      return table;
    },
  };
}

/** Where each goes below the root; nullfs is a thin jail's release (thin-base.ts). */
const AT: Record<string, string> = { devfs: 'dev', procfs: 'proc', fdescfs: 'dev/fd', nullfs: BASE_MOUNT };

/** The file systems jail(8) mounts for this jail at creation that are not mounted now. */
export function missingMounts(a: JailArgs, table: Mounted[]): string[] {
  const root = a.path.replace(/\/+$/, '');
  const kinds = [...a.mounts.flatMap((m) => (typeof m === 'string' && m in AT ? [m] : [])), ...(a.type === 'thin' ? ['nullfs'] : [])];
  return kinds.flatMap((m) => {
    const on = `${root}/${AT[m] ?? ''}`;
    return table.some((t) => t.on === on && t.fstype === m) ? [] : [`${m} not mounted at ${on}`];
  });
}
