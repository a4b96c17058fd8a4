/**
 * Where fetch puts a host's file on the controller, as Ansible's fetch
 * action does: DEST/INVENTORY_HOSTNAME/SRC (the host's absolute path below
 * the host's directory); with `flat`, DEST itself, or DEST/BASENAME(SRC)
 * when DEST ends in "/". A relative DEST is relative to the playbook's
 * directory (Ansible's path_dwim).
 */
import { posix } from 'node:path';

export function fetchLocalPath(a: { src: string; dest: string; flat: boolean }, host: string, playbookDir: string): string {
  const base = (p: string) => (posix.isAbsolute(p) ? p : posix.join(playbookDir, p));
  if (!a.flat) return posix.normalize(`${base(a.dest)}/${host}/${a.src}`);
  const dest = a.dest.endsWith('/') ? `${a.dest}${posix.basename(a.src)}` : a.dest;
  return posix.normalize(base(dest));
}
