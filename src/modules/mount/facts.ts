/**
 * What is mounted now: `mount -p` prints the mount table as fstab(5) lines
 * (sbin/mount/mount.c putfsent: device, mount point, type, options, and the
 * dump and pass numbers it finds for them in /etc/fstab — which it therefore
 * reads too).
 */
import { fileFact } from '../facts/file-fact.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { MOUNTS, pathScope } from '../scopes.js';
import type { FactSpec } from '../types.js';
import type { MountArgs } from './args.js';

export interface Mounted {
  device: string;
  path: string;
  fstype: string;
  opts: string[];
}

const KEY = 'mount-p::';

export function mountedFact(): FactSpec<Mounted[]> {
  return {
    key: KEY,
    command: 'mount -p',
    reads: [MOUNTS, pathScope('/etc/fstab')],
    parse(out) {
      if (out.code !== 0) throw new FactParseError(KEY, 'mount -p failed', out);
      return out.stdout.split('\n').flatMap((line) => {
        const [device, path, fstype, opts] = line.split(/[\t ]+/);
        if (!device || !path || !fstype || !opts) return [];
        return [{ device, path, fstype, opts: opts.split(',') }];
      });
    },
  };
}

/** The file system on top at `path` (mounts stack; the last one listed is the one seen). */
export function mountedAt(table: Mounted[], path: string): Mounted | undefined {
  return table.filter((m) => m.path === path).at(-1);
}

export function mountFacts(a: MountArgs): FactSpec[] {
  // present and absent_from_fstab touch fstab only: what is mounted does not matter to them.
  const facts: FactSpec[] = a.state === 'present' || a.state === 'absent_from_fstab' ? [] : [mountedFact()];
  if (a.state !== 'unmounted') facts.push(fileFact(a.fstab));
  // mounted makes the mount point; absent removes it (Ansible's rmdir).
  if (a.state === 'mounted' || a.state === 'absent') facts.push(fileFact(a.path));
  return facts;
}
