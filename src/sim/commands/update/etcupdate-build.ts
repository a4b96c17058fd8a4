/**
 * etcupdate's build_cmd (usr.sbin/etcupdate/etcupdate.sh): without a
 * tarball operand "Missing required tarball." and the usage; else
 * build_tree() into `mktemp -d $WORKDIR/etcupdate-XXXXXXX` — `make
 * distrib-dirs` and `make distribution` from SRCDIR, modelled as SRCDIR/etc
 * installed as the tree's etc (release.ts: the simulated sources hold the
 * distribution files under their installed names) — then the generated
 * files purged (`rm -f etc/*.db etc/passwd var/db/services.db`), empty
 * files and empty directories deleted, `tar cfj TARBALL -C DIR .`, and the
 * directory removed. Failures: "Failed to build tree.", "Failed to create
 * tarball.", exit 1.
 */
import type { SimFs } from '../../fs.js';
import type { SimCommandContext, SimResult } from '../../types.js';
import { shQuote } from '../freebsd/output.js';
import { tempDir, trimEmptyDirs } from './etcupdate-trees.js';

export interface BuildEnv {
  ctx: SimCommandContext;
  fs: SimFs;
  workdir: string;
  srcdir: string;
  usage: (prefix: string) => SimResult;
}

/** `find DIR -type f -size 0 -delete`. */
function deleteEmptyFiles(fs: SimFs, dir: string): void {
  for (const name of fs.readdir(dir)) {
    const path = `${dir}/${name}`;
    const node = fs.lstat(path);
    if (node?.kind === 'dir') deleteEmptyFiles(fs, path);
    else if (node?.kind === 'file' && node.content === '') fs.remove(path);
  }
}

function buildTree(e: BuildEnv, dir: string): boolean {
  const { fs } = e;
  if (!fs.isDir(`${e.srcdir}/etc`)) return false;
  if (e.ctx.run(`cp -Rp ${shQuote(`${e.srcdir}/etc`)} ${shQuote(`${dir}/etc`)}`, { root: '/', cwd: '/' }).code !== 0) return false;
  for (const name of fs.readdir(`${dir}/etc`)) if (name.endsWith('.db') || name === 'passwd') fs.remove(`${dir}/etc/${name}`);
  if (fs.lstat(`${dir}/var/db/services.db`)) fs.remove(`${dir}/var/db/services.db`);
  deleteEmptyFiles(fs, dir);
  for (const name of fs.readdir(dir)) if (fs.lstat(`${dir}/${name}`)?.kind === 'dir') trimEmptyDirs(fs, `${dir}/${name}`);
  return true;
}

export function build(e: BuildEnv, operands: string[]): SimResult {
  const tarball = operands[0];
  if (operands.length !== 1 || tarball === undefined) return e.usage('Missing required tarball.\n\n');
  const dir = tempDir(e.fs, e.workdir);
  const done = (stdout: string, code: number): SimResult => {
    e.fs.remove(dir, { recursive: true });
    return { stdout, stderr: '', code };
  };
  if (!buildTree(e, dir)) return done('Failed to build tree.\n', 1);
  const tar = e.ctx.run(`tar cfj ${shQuote(e.ctx.host.fs.resolve(e.ctx.root, e.ctx.cwd, tarball))} -C ${shQuote(dir)} .`, { root: '/', cwd: '/' });
  if (tar.code !== 0) return done('Failed to create tarball.\n', 1);
  return done('', 0);
}
