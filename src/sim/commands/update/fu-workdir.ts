/**
 * freebsd-update's pending install in its work directory
 * (usr.sbin/freebsd-update/freebsd-update.sh): BDHASH is
 * `echo ${BASEDIR} | sha256 -q`, and `${WORKDIR}/${BDHASH}-install` is a
 * symlink to the directory of the fetched files, with INDEX-OLD/INDEX-NEW
 * and the markers install_files() touches (kernelfirst, kerneldone,
 * worlddone). Simulator's own file there: `release` (the target), and
 * `oldlibs` when the world step must ask for the old-libraries cleanup.
 */
import { createHash } from 'node:crypto';
import type { SimFs } from '../../fs.js';

export interface Pending {
  /** Host path of the install directory the link points to. */
  dir: string;
  release: string;
}

export function bdhash(basedir: string): string {
  return createHash('sha256').update(`${basedir}\n`).digest('hex');
}

function link(workdir: string, basedir: string): string {
  return `${workdir}/${bdhash(basedir)}-install`;
}

export function readPending(fs: SimFs, workdir: string, basedir: string): Pending | undefined {
  const l = fs.lstat(link(workdir, basedir));
  if (l?.kind !== 'link') return undefined;
  const dir = `${workdir}/${l.target}`;
  if (!fs.isDir(dir) || !fs.exists(`${dir}/release`)) return undefined;
  return { dir, release: fs.readFile(`${dir}/release`).trim() };
}

/** Replace any pending install with a new one for `release`. */
export function writePending(fs: SimFs, workdir: string, basedir: string, release: string, files: string[], oldlibs: boolean): void {
  clearPending(fs, workdir, basedir);
  const name = `${bdhash(basedir).slice(0, 16)}-${release}`;
  const dir = `${workdir}/${name}`;
  fs.mkdir(dir, { mode: 0o700 });
  fs.writeFile(`${dir}/INDEX-OLD`, files.map((f) => `${f}|f|0|0|0555|0|\n`).join(''));
  fs.writeFile(`${dir}/INDEX-NEW`, files.map((f) => `${f}|f|0|0|0555|0|\n`).join(''));
  fs.writeFile(`${dir}/kernelfirst`, '');
  fs.writeFile(`${dir}/release`, `${release}\n`);
  if (oldlibs) fs.writeFile(`${dir}/oldlibs`, '');
  fs.symlink(name, link(workdir, basedir));
}

export function clearPending(fs: SimFs, workdir: string, basedir: string): void {
  const l = fs.lstat(link(workdir, basedir));
  if (l?.kind !== 'link') return;
  const dir = `${workdir}/${l.target}`;
  if (fs.isDir(dir)) fs.remove(dir, { recursive: true });
  fs.remove(link(workdir, basedir));
}
