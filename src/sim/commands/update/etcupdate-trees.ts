/**
 * What etcupdate.sh's helpers do to trees (usr.sbin/etcupdate/etcupdate.sh):
 * compare() of two nodes, file_type() (`stat -f %HT`, lower case),
 * install_dirs() and the temporary directories of `mktemp -d
 * $WORKDIR/etcupdate-XXXXXXX`.
 */
import type { SimFs } from '../../fs.js';
import type { SimNode } from '../../types.js';

export const EQUAL = 0;
export const ONLYFIRST = 1;
export const ONLYSECOND = 2;
export const DIFFTYPE = 3;
export const DIFFLINKS = 4;
export const DIFFFILES = 5;

/** compare(): the nodes (not followed: `stat -f %Hp`, `readlink`), a directory's contents not compared. */
export function compare(fs: SimFs, first: string, second: string): number {
  const a = fs.lstat(first);
  const b = fs.lstat(second);
  if (!a) return b ? ONLYSECOND : EQUAL;
  if (!b) return ONLYFIRST;
  if (a.kind !== b.kind) return DIFFTYPE;
  if (a.kind === 'link' && b.kind === 'link') return a.target === b.target ? EQUAL : DIFFLINKS;
  if (a.kind === 'file' && b.kind === 'file') return a.content === b.content && !!a.binary === !!b.binary ? EQUAL : DIFFFILES;
  return EQUAL;
}

/** `stat -f "%HT"` lower-cased. */
export function fileType(node: SimNode | undefined): string {
  if (node?.kind === 'dir') return 'directory';
  if (node?.kind === 'link') return 'symbolic link';
  return 'regular file';
}

/** "" then "/etc", "/etc/rc.conf"...: `(cd TREE; find .) | sed -e 's/^\.//' | sort`, the empty first line dropped by the shell's word splitting. */
export function treeFiles(fs: SimFs, tree: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of fs.readdir(`${tree}${rel}`)) {
      const path = `${rel}/${name}`;
      out.push(path);
      if (fs.lstat(`${tree}${path}`)?.kind === 'dir') walk(path);
    }
  };
  walk('');
  return out.sort();
}

/** A new `etcupdate-XXXXXXX` directory in the work directory. */
export function tempDir(fs: SimFs, workdir: string): string {
  for (let n = 0; ; n++) {
    const dir = `${workdir}/etcupdate-${n.toString(36).padStart(7, '0')}`;
    if (fs.lstat(dir)) continue;
    fs.mkdir(dir, { mode: 0o700 });
    return dir;
  }
}

/**
 * install_dirs(): the missing parents of `path` made in `target` with the
 * template's modes (`install -d -o -g -m`); false, with a warning, where a
 * non-directory is in the way.
 */
export function installDirs(fs: SimFs, template: string, target: string, path: string, warn: (msg: string) => void): boolean {
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (dir === '' || fs.isDir(`${target}${dir}`)) return true;
  const there = fs.lstat(`${target}${dir}`);
  if (there) {
    warn(`Directory mismatch: ${target}${dir} (${fileType(there)})`);
    return false;
  }
  if (!installDirs(fs, template, target, dir, warn)) return false;
  const t = fs.lstat(`${template}${dir}`);
  fs.mkdir(`${target}${dir}`, { mode: t?.mode ?? 0o755, uid: t?.uid ?? 0, gid: t?.gid ?? 0 });
  return true;
}

/** `find -d DIR -type d -empty -delete`: empty directories below DIR, deepest first (DIR itself too). */
export function trimEmptyDirs(fs: SimFs, dir: string): void {
  for (const name of fs.readdir(dir)) if (fs.lstat(`${dir}/${name}`)?.kind === 'dir') trimEmptyDirs(fs, `${dir}/${name}`);
  if (!fs.readdir(dir).length) fs.remove(dir);
}
