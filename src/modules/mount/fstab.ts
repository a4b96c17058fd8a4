/**
 * fstab(5) text as ansible.posix.mount edits it: a line whose second field
 * is the mount point is the task's entry; every other line — comments,
 * blanks, lines it cannot read — stays byte for byte. FreeBSD's getfsent
 * reads 4 to 6 fields (dump and pass# default to 0), so a 4-field line
 * counts too. A new or changed line is written as bsdinstall writes
 * /etc/fstab (usr.sbin/bsdinstall/partedit/partedit.c:
 * "%s\t%s\t\t%s\t%s\t%d\t%d\n", under its "# Device ..." header).
 */
import { appendLine, bare, splitLines } from '../text-lines.js';

export interface FstabEntry {
  src: string;
  path: string;
  fstype: string;
  opts: string;
  dump: string;
  passno: string;
}

export const FSTAB_HEADER = '# Device\tMountpoint\tFStype\tOptions\tDump\tPass#';

/** The entry a line holds, or undefined for a comment, a blank or a line of the wrong shape. */
export function parseEntry(line: string): FstabEntry | undefined {
  const text = bare(line);
  if (text.trim().startsWith('#')) return undefined;
  const fields = (text.split('#')[0] ?? '').trim().split(/\s+/);
  if (fields.length < 4 || fields.length > 6) return undefined;
  const [src = '', path = '', fstype = '', opts = '', dump = '0', passno = '0'] = fields;
  return { src, path, fstype, opts, dump, passno };
}

export function formatEntry(e: FstabEntry): string {
  return `${e.src}\t${e.path}\t\t${e.fstype}\t${e.opts}\t${e.dump}\t${e.passno}`;
}

/** The entries for `path`, in file order. */
export function entriesFor(content: string, path: string): FstabEntry[] {
  return splitLines(content).flatMap((l) => {
    const e = parseEntry(l);
    return e && e.path === path ? [e] : [];
  });
}

const SAME: Array<keyof FstabEntry> = ['src', 'fstype', 'opts', 'dump', 'passno'];

export function sameEntry(a: FstabEntry, b: FstabEntry): boolean {
  return SAME.every((k) => a[k] === b[k]);
}

/**
 * Every line for the mount point becomes `want` (Ansible rewrites each
 * one); without one, `want` is appended. A missing file starts with the
 * installer's header.
 */
export function setEntry(content: string | undefined, want: FstabEntry): string {
  if (content === undefined) return `${FSTAB_HEADER}\n${formatEntry(want)}\n`;
  let found = false;
  const lines = splitLines(content).map((l) => {
    const e = parseEntry(l);
    if (!e || e.path !== want.path) return l;
    found = true;
    return sameEntry(e, want) ? l : `${formatEntry(want)}\n`;
  });
  return found ? lines.join('') : appendLine(lines, formatEntry(want)).join('');
}

export function removeEntries(content: string, path: string): string {
  return splitLines(content)
    .filter((l) => parseEntry(l)?.path !== path)
    .join('');
}
