/**
 * mv(1) where rename(2) fails with EXDEV, the source and the target being on
 * different mounts (bin/mv/mv.c do_move): a mount point is refused ("cannot
 * rename a mount point"); a regular file is copied by fastcopy() (the
 * target unlinked and created anew with the source's owner, mode and times,
 * then the source unlinked); anything else by copy(), which removes the
 * target (rmdir(2) of a directory, unlink(2) of the rest), runs
 * `cp -PRp -- from to` under the name "mv" and then `rm -rf -- from`.
 */
import { SimFsError, dirname } from '../../fs.js';
import type { SimCommandContext, SimNode } from '../../types.js';
import { cp } from './cp.js';

export interface Move {
  /** The source and the target as mv names them (argv, and target + "/" + the source's last name). */
  src: string;
  shownTo: string;
  from: string;
  to: string;
  node: SimNode;
  verbose: boolean;
}

interface Outcome {
  stdout: string;
  stderr: string;
}

/**
 * What rename(2) fails with before the file system says EXDEV: lookups of the
 * two names (ENOENT, ENOTDIR for the target's directory) and a read-only
 * mount under either (vfs_lookup.c lookup(): EROFS for DELETE/RENAME and CREATE).
 */
export function renameError(ctx: SimCommandContext, from: string, to: string): SimFsError | undefined {
  const fs = ctx.host.fs;
  const parent = fs.stat(dirname(to));
  if (!parent) return new SimFsError('ENOENT', to);
  if (parent.kind !== 'dir') return new SimFsError('ENOTDIR', to);
  if (fs.isReadOnly(dirname(from)) || fs.isReadOnly(dirname(to))) return new SimFsError('EROFS', from);
  return undefined;
}

export function moveAcross(ctx: SimCommandContext, m: Move): Outcome {
  const fs = ctx.host.fs;
  if (m.node.kind !== 'link' && ctx.host.state.mounts.some((x) => x.on === fs.realpath(m.from))) {
    return { stdout: '', stderr: 'mv: cannot rename a mount point\n' };
  }
  return m.node.kind === 'file' ? fastcopy(ctx, m) : copy(ctx, m);
}

function fastcopy(ctx: SimCommandContext, m: Move): Outcome {
  const fs = ctx.host.fs;
  const node = m.node as Extract<SimNode, { kind: 'file' }>;
  try {
    if (fs.lstat(m.to)) fs.remove(m.to);
    fs.writeFile(m.to, node.content, { mode: node.mode, uid: node.uid, gid: node.gid, binary: node.binary === true });
    const made = fs.lstat(m.to)!;
    made.mode = node.mode;
    made.uid = node.uid;
    made.gid = node.gid;
    made.mtime = node.mtime;
  } catch (err) {
    if (!(err instanceof SimFsError)) throw err;
    return { stdout: '', stderr: `mv: ${m.shownTo}: ${err.strerror}\n` };
  }
  try {
    fs.remove(m.from);
  } catch (err) {
    if (!(err instanceof SimFsError)) throw err;
    return { stdout: '', stderr: `mv: ${m.src}: remove: ${err.strerror}\n` };
  }
  return { stdout: m.verbose ? `${m.src} -> ${m.shownTo}\n` : '', stderr: '' };
}

function copy(ctx: SimCommandContext, m: Move): Outcome {
  const fs = ctx.host.fs;
  const existing = fs.lstat(m.to);
  if (existing) {
    const call = existing.kind === 'dir' ? 'rmdir' : 'unlink';
    try {
      fs.remove(m.to);
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      return { stdout: '', stderr: `mv: ${call} ${m.shownTo}: ${err.strerror}\n` };
    }
  }
  // execl(_PATH_CP, "mv", ...): cp's own messages carry the name "mv".
  const copied = cp({ ...ctx, argv: ['mv', m.verbose ? '-PRpv' : '-PRp', '--', m.src, m.shownTo] });
  const cpErr = copied.stderr.replace(/^cp: /gm, 'mv: ');
  if (copied.code !== 0) {
    return { stdout: copied.stdout, stderr: `${cpErr}mv: /bin/cp ${m.src} ${m.shownTo}: terminated with ${copied.code} (non-zero) status\n` };
  }
  try {
    fs.remove(m.from, { recursive: true });
  } catch (err) {
    if (!(err instanceof SimFsError)) throw err;
    return { stdout: copied.stdout, stderr: `${cpErr}mv: ${m.src}: ${err.strerror}\nmv: /bin/rm ${m.src}: terminated with 1 (non-zero) status\n` };
  }
  return { stdout: copied.stdout, stderr: cpErr };
}
