/**
 * mount(8) and umount(8) over state.mounts (sbin/mount/mount.c,
 * sbin/umount/umount.c): the listing (prmount "%s on %s (%s, ...)"), `mount
 * -p` fstab lines (putfsent), `mount [-F fstab] node|special` from an fstab
 * entry, `mount -a`, and `mount -t TYPE [-o OPTS] FROM DIR` for devfs,
 * procfs, fdescfs, nullfs (through mount_nullfs), tmpfs and the like.
 */
import type { SimFs } from '../../fs.js';
import type { SimCommand, SimCommandContext, SimMount, SimResult } from '../../types.js';
import { getopt, has, value } from './getopt.js';
import { Io } from './io.js';
import { flagsFor, isMounted, mountFs, parseFstabEntry, sortFlags, unmountFs, type FstabEntry } from './mounts.js';

/** Pseudo file systems name themselves as the mount source (vfs_mountedfrom). */
const PSEUDO = new Set(['devfs', 'procfs', 'fdescfs', 'linprocfs', 'linsysfs']);
const FSTAB = '/etc/fstab';
/** sysexits(3) EX_USAGE: mount_nullfs's exit status for a path it cannot resolve. */
const EX_USAGE = 64;

const USAGE = 'usage: mount [-adflpruvw] [-F fstab] [-o options] [-t [no]type[,type ...]]\n       mount [-dfpruvw] special | node\n       mount [-dfpruvw] [-o options] [-t [no]type[,type ...]] special node\n';

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

/** getfsent(3) over a file of the caller's root; a missing file has no entries. */
function readFstab(ctx: SimCommandContext, file: string): FstabEntry[] {
  const path = ctx.host.fs.resolve(ctx.root, ctx.cwd, file);
  if (!ctx.host.fs.stat(path)) return [];
  return ctx.host.fs
    .readFile(path)
    .split('\n')
    .flatMap((l) => parseFstabEntry(l) ?? []);
}

/** flags2opts() names (no "rw": putfsent() prints it for a file system that is not read-only). */
const FLAG_OPTS: Array<[string, string]> = [
  ['read-only', 'ro'],
  ['synchronous', 'sync'],
  ['noexec', 'noexec'],
  ['nosuid', 'nosuid'],
  ['union', 'union'],
  ['asynchronous', 'async'],
  ['noatime', 'noatime'],
  ['nfsv4acls', 'nfsv4acls'],
];

/**
 * putfsent(): one fstab(5) line, tab-padded; the dump and pass numbers are
 * the fstab entry's with this source (getfsspec), else with this mount point
 * (getfsfile), else 1 1 for a ufs root, 2 2 for other ufs, 0 0.
 */
function fstabLine(m: SimMount, fstab: FstabEntry[]): string {
  const flagged = FLAG_OPTS.filter(([flag]) => m.options.includes(flag)).map(([, opt]) => opt);
  const opts = [...(m.options.includes('read-only') ? [] : ['rw']), ...flagged].join(',');
  const entry = fstab.find((e) => e.from === m.from) ?? fstab.find((e) => e.on === m.on);
  const [dump, pass] = entry ? [entry.freq, entry.passno] : m.fstype === 'ufs' ? (m.on === '/' ? [1, 1] : [2, 2]) : [0, 0];
  return `${tabs(m.from)}${tabs(m.on)}${m.fstype}\t${opts}${opts.length < 8 ? '\t' : ' '}\t${dump} ${pass}\n`;
}

/**
 * mountfs(): the mount point must resolve to a directory (checkpath:
 * "mount: DIR: No such file or directory", exit 1); nullfs runs
 * mount_nullfs, which resolves its source (err(EX_USAGE): exit 64, and
 * mount(8) exits with the program's status).
 */
function mountOne(ctx: SimCommandContext, io: Io, fstype: string, from: string, dir: string, opts: string[]): number {
  const fs: SimFs = ctx.host.fs;
  const on = fs.resolve(ctx.root, ctx.cwd, dir);
  const node = fs.stat(on);
  if (!node || node.kind !== 'dir') {
    io.warn('mount', `${dir}: ${node ? 'Not a directory' : 'No such file or directory'}`);
    return 1;
  }
  let source = PSEUDO.has(fstype) ? fstype : from;
  if (fstype === 'nullfs') {
    const src = fs.resolve(ctx.root, ctx.cwd, from);
    if (!fs.stat(src)) {
      io.warn('mount_nullfs', `${from}: No such file or directory`);
      return EX_USAGE;
    }
    source = src;
  }
  const err = mountFs(ctx.host.state, fs, { from: source, on, fstype, options: flagsFor(fstype, opts.filter(Boolean)) });
  if (err) {
    io.warn('mount', `${dir}: ${err}`);
    return 1;
  }
  return 0;
}

export const mountCommand: SimCommand = (ctx) => {
  const p = getopt(ctx.argv.slice(1), 'adF:fLlno:prt:uvw');
  if (p.bad) return { stdout: '', stderr: USAGE, code: 1 };
  const io = new Io();
  const state = ctx.host.state;
  const fstab = readFstab(ctx, value(p, 'F') ?? FSTAB);
  const cli = (value(p, 'o') ?? '').split(',').concat(has(p, 'r') ? ['ro'] : []);
  if (p.rest.length === 0 && !has(p, 'a')) {
    // putfsent() looks the numbers up with getfsspec(3), in the -F file if one was named.
    for (const m of visibleMounts(ctx)) io.print(has(p, 'p') ? fstabLine(m, fstab) : `${m.from} on ${m.on} (${[m.fstype, ...m.options].join(', ')})\n`);
    return io.result(0);
  }
  if (has(p, 'a')) {
    let code = 0;
    for (const e of fstab) {
      const words = e.opts.split(',');
      // BADTYPE entries (swap among them) and noauto ones are not mounted by -a.
      if (e.type === '??' || e.type === 'sw' || words.includes('noauto')) continue;
      if (isMounted(state, ctx.host.fs.resolve(ctx.root, '/', e.on))) continue;
      if (mountOne(ctx, io, e.fstype, e.from, e.on, [...words, ...cli]) !== 0) code = 1;
    }
    return io.result(code);
  }
  if (p.rest.length === 1 && has(p, 'u')) return updateMount(ctx, io, p.rest[0]!.replace(/(.)\/+$/, '$1'), cli);
  if (p.rest.length === 1) return mountFromFstab(ctx, io, fstab, p.rest[0]!.replace(/(.)\/+$/, '$1'), cli);
  const [from, dir] = p.rest;
  if (p.rest.length > 2 || from === undefined || dir === undefined) return { stdout: '', stderr: USAGE, code: 1 };
  return io.result(mountOne(ctx, io, value(p, 't') ?? 'ufs', from, dir, cli));
};

/**
 * `mount -u node|special`: the mounted file system (getmntpoint: by mount
 * point or source), else "not currently mounted NAME"; without -o ro or -r
 * main() adds "noro", so an update makes it read-write. The flags the
 * options name are added to the ones it has (INFERRED: the fstab entry's
 * options are not merged in, as update_options() would).
 */
function updateMount(ctx: SimCommandContext, io: Io, name: string, cli: string[]): SimResult {
  const path = ctx.host.fs.resolve(ctx.root, ctx.cwd, name);
  const m = [...ctx.host.state.mounts].reverse().find((x) => x.on === path || x.from === name);
  if (!m) {
    io.warn('mount', `not currently mounted ${name}`);
    return io.result(1);
  }
  const opts = cli.includes('ro') ? cli : [...cli, 'noro'];
  m.options = sortFlags([...m.options.filter((f) => f !== 'read-only'), ...flagsFor(m.fstype, opts)]);
  return io.result(0);
}

/** `mount node|special`: the rest from the fstab entry (getfsfile, then getfsspec). */
function mountFromFstab(ctx: SimCommandContext, io: Io, fstab: FstabEntry[], name: string, cli: string[]): SimResult {
  const e = fstab.find((x) => x.on === name) ?? fstab.find((x) => x.from === name);
  if (!e) {
    io.warn('mount', `${name}: unknown special file or file system`);
    return io.result(1);
  }
  if (!['rw', 'rq', 'ro'].includes(e.type)) {
    io.warn('mount', `${name} has unknown file system type`);
    return io.result(1);
  }
  return io.result(mountOne(ctx, io, e.fstype, e.from, e.on, [...e.opts.split(','), ...cli]));
}

/**
 * checkname(): the name as a mount point, else as a mounted source
 * (checkmntlist); else statfs(2) it, through links (mountRootThrough): a missing path is "NAME: statfs: No such
 * file or directory" and "NAME: unknown file system"; a directory on its
 * parent's file system "NAME: not a file system root directory".
 */
function unmountOne(ctx: SimCommandContext, io: Io, name: string, force: boolean): boolean {
  const fs = ctx.host.fs;
  const state = ctx.host.state;
  const path = fs.resolve(ctx.root, ctx.cwd, name);
  const byFrom = [...state.mounts].reverse().find((m) => m.from === name);
  const on = isMounted(state, path) ? path : (byFrom?.on ?? mountRootThrough(ctx, path));
  if (on === undefined) {
    const node = fs.stat(path);
    if (!node) {
      io.warn('umount', `${name}: statfs: No such file or directory`);
      io.warn('umount', `${name}: unknown file system`);
    } else io.warn('umount', node.kind === 'dir' ? `${name}: not a file system root directory` : `${name}: unknown file system`);
    return false;
  }
  // A file system with another mounted beneath it is busy unless forced (INFERRED: no -f cascade).
  if (!force && state.mounts.some((m) => m.on.startsWith(`${on}/`))) {
    io.warn('umount', `unmount of ${on} failed: Device busy`);
    return false;
  }
  unmountFs(state, on);
  return true;
}

/**
 * checkname() step 4: statfs(2) and stat(2) follow symbolic links ("This
 * covers all the hard cases such as symlinks"), so a name that is a link to
 * a mount point unmounts the file system mounted there.
 */
function mountRootThrough(ctx: SimCommandContext, path: string): string | undefined {
  let real: string;
  try {
    real = ctx.host.fs.realpath(path);
  } catch {
    return undefined;
  }
  return real !== path && isMounted(ctx.host.state, real) ? real : undefined;
}

export const umountCommand: SimCommand = (ctx) => {
  const p = getopt(ctx.argv.slice(1), 'AaF:fh:Nnt:v');
  if (p.bad || (!p.rest.length && !has(p, 'a'))) return { stdout: '', stderr: 'usage: umount [-fNnv] special ... | node ... | fsid ...\n       umount -a | -A [-F fstab] [-fnv] [-h host] [-t type]\n', code: 1 };
  const io = new Io();
  let failed = false;
  for (const name of p.rest) if (!unmountOne(ctx, io, name, has(p, 'f'))) failed = true;
  return io.result(failed ? 1 : 0);
};
