/**
 * mount(8) and umount(8) over state.mounts: the listing (sbin/mount/mount.c
 * prmount "%s on %s (%s, ...)"), `mount -p` fstab lines (putfsent), and
 * `mount -t TYPE [-o OPTS] FROM DIR` for devfs, procfs, fdescfs, nullfs,
 * tmpfs and the like.
 */
import type { SimCommand, SimCommandContext, SimMount } from '../../types.js';
import { getopt, has, value } from './getopt.js';
import { Io } from './io.js';
import { defaultFlags, isMounted, mountFs, parseFstabLine, unmountFs } from './mounts.js';

/** Pseudo file systems name themselves as the mount source (vfs_mountedfrom). */
const PSEUDO = new Set(['devfs', 'procfs', 'fdescfs', 'linprocfs', 'linsysfs']);

/** Mounts visible to the caller: a jail sees those under its root, with the root cut off. */
function visibleMounts(ctx: SimCommandContext): SimMount[] {
  const root = ctx.root === '/' ? '' : ctx.root.replace(/\/$/, '');
  if (!root) return ctx.host.state.mounts;
  return ctx.host.state.mounts
    .filter((m) => m.on === root || m.on.startsWith(`${root}/`))
    .map((m) => ({ ...m, on: m.on.slice(root.length) || '/' }));
}

function tabs(s: string): string {
  const l = s.length;
  return s + (l < 8 ? '\t' : '') + (l < 16 ? '\t' : '') + (l < 24 ? '\t' : ' ');
}

/** putfsent(): one fstab(5) line. INFERRED: the flag→option names of flags2opts(). */
function fstabLine(m: SimMount): string {
  const optMap: Record<string, string> = { 'read-only': 'ro', noatime: 'noatime', noexec: 'noexec', nosuid: 'nosuid', 'soft-updates': 'softdep', nfsv4acls: 'nfsv4acls', synchronous: 'sync', asynchronous: 'async' };
  const opts = [m.options.includes('read-only') ? '' : 'rw', ...m.options.map((o) => optMap[o] ?? '').filter((o) => o && o !== 'ro'), ...(m.options.includes('read-only') ? ['ro'] : [])].filter(Boolean).join(',');
  const [dump, pass] = m.fstype === 'ufs' ? (m.on === '/' ? [1, 1] : [2, 2]) : [0, 0];
  return `${tabs(m.from)}${tabs(m.on)}${m.fstype}\t${opts}${opts.length < 8 ? '\t' : ' '}\t${dump} ${pass}\n`;
}

export const mountCommand: SimCommand = (ctx) => {
  const p = getopt(ctx.argv.slice(1), 'adfFlo:prt:uvw');
  if (p.bad) return { stdout: '', stderr: 'usage: mount [-adflpruvw] [-F fstab] [-o options] [-t ufs | external_type]\n       mount [-dfpruvw] special | node\n       mount [-dfpruvw] [-o options] [-t ufs | external_type] special node\n', code: 1 };
  const io = new Io();
  const fs = ctx.host.fs;
  const state = ctx.host.state;
  if (p.rest.length === 0 && !has(p, 'a')) {
    for (const m of visibleMounts(ctx)) io.print(has(p, 'p') ? fstabLine(m) : `${m.from} on ${m.on} (${[m.fstype, ...m.options].join(', ')})\n`);
    return io.result(0);
  }
  if (has(p, 'a')) {
    let failed = false;
    const fstab = fs.stat(fs.resolve(ctx.root, '/', '/etc/fstab')) ? fs.readFile(fs.resolve(ctx.root, '/', '/etc/fstab')) : '';
    for (const line of fstab.split('\n')) {
      const m = parseFstabLine(line);
      if (!m || m.fstype === 'swap' || isMounted(state, fs.resolve(ctx.root, '/', m.on))) continue;
      const err = mountFs(state, fs, { ...m, on: fs.resolve(ctx.root, '/', m.on), from: PSEUDO.has(m.fstype) ? m.fstype : m.from });
      if (err) {
        io.warn('mount', `${m.on}: ${err}`);
        failed = true;
      }
    }
    return io.result(failed ? 1 : 0);
  }
  const [from, dir] = p.rest;
  if (from === undefined || dir === undefined) {
    io.warn('mount', `${p.rest[0]}: unknown special file or file system`); // INFERRED: fstab lookup not modelled
    return io.result(1);
  }
  const fstype = value(p, 't') ?? 'ufs';
  const opts = (value(p, 'o') ?? '').split(',');
  const on = fs.resolve(ctx.root, ctx.cwd, dir);
  let source = from;
  if (PSEUDO.has(fstype)) source = fstype;
  if (fstype === 'nullfs') {
    const src = fs.resolve(ctx.root, ctx.cwd, from);
    if (!fs.isDir(src)) {
      io.warn('mount_nullfs', `${from}: No such file or directory`);
      return io.result(1);
    }
    source = src;
  }
  const err = mountFs(state, fs, { from: source, on, fstype, options: defaultFlags(fstype, opts.includes('ro') || has(p, 'r')) });
  if (err) {
    io.warn('mount', `${dir}: ${err}`);
    return io.result(1);
  }
  return io.result(0);
};

export const umountCommand: SimCommand = (ctx) => {
  const p = getopt(ctx.argv.slice(1), 'aAfF:h:nt:v');
  if (p.bad || (!p.rest.length && !has(p, 'a'))) return { stdout: '', stderr: 'usage: umount [-fNnv] special ... | node ... | fsid ...\n       umount -a | -A [-F fstab] [-fnv] [-h host] [-t type]\n', code: 1 };
  const io = new Io();
  const fs = ctx.host.fs;
  const state = ctx.host.state;
  let failed = false;
  for (const dir of p.rest) {
    const on = fs.resolve(ctx.root, ctx.cwd, dir);
    if (!isMounted(state, on)) {
      io.warn('umount', `${dir}: ${fs.lstat(on) ? 'not a file system root directory' : 'No such file or directory'}`);
      failed = true;
      continue;
    }
    // A file system with another mounted beneath it is busy unless forced (INFERRED: no -f cascade).
    if (!has(p, 'f') && state.mounts.some((m) => m.on.startsWith(`${on}/`))) {
      io.warn('umount', `unmount of ${on} failed: Device busy`);
      failed = true;
      continue;
    }
    unmountFs(state, on);
  }
  return io.result(failed ? 1 : 0);
};
