/**
 * mount_nullfs(8): `mount_nullfs [-o options] target mount-point`
 * (sbin/mount_nullfs/mount_nullfs.c, FreeBSD 14: stat_realpath() of both
 * paths, err(EX_USAGE, "%s", path) when one is missing, errx(EX_USAGE) when
 * their types differ, usage() exits 1). `-o ro` (or rdonly) makes the mount
 * read-only. What the mount shows is modelled by src/sim/mount-view.ts.
 */
import type { SimCommand } from '../../types.js';
import { getopt } from './getopt.js';
import { Io } from './io.js';
import { defaultFlags, mountFs } from './mounts.js';

const EX_USAGE = 64;
const USAGE = 'usage: mount_nullfs [-o options] target mount-point\n';

/** Whether a comma-separated -o list asks for read-only (mntopts.h MOPT_RDONLY: "ro", "rdonly"; a later "rw" undoes it). */
export function readOnlyOption(lists: string[]): boolean {
  let ro = false;
  for (const o of lists.flatMap((l) => l.split(','))) {
    if (o === 'ro' || o === 'rdonly') ro = true;
    else if (o === 'rw' || o === 'nordonly') ro = false;
  }
  return ro;
}

export const mountNullfsCommand: SimCommand = (ctx) => {
  const p = getopt(ctx.argv.slice(1), 'o:');
  // getopt(3) names the bad option before usage() (a missing -o argument: "option requires an argument").
  if (p.bad !== undefined) return { stdout: '', stderr: `mount_nullfs: ${p.bad === 'o' ? 'option requires an argument' : 'illegal option'} -- ${p.bad}\n${USAGE}`, code: 1 };
  if (p.rest.length !== 2) return { stdout: '', stderr: USAGE, code: 1 };
  const io = new Io();
  const fs = ctx.host.fs;
  const [target, mountPoint] = p.rest as [string, string];
  const from = fs.realpath(fs.resolve(ctx.root, ctx.cwd, target), ctx.root);
  const on = fs.realpath(fs.resolve(ctx.root, ctx.cwd, mountPoint), ctx.root);
  const fromNode = fs.stat(from);
  if (!fromNode) return { stdout: '', stderr: `mount_nullfs: ${target}: No such file or directory\n`, code: EX_USAGE };
  const onNode = fs.stat(on);
  if (!onNode) return { stdout: '', stderr: `mount_nullfs: ${mountPoint}: No such file or directory\n`, code: EX_USAGE };
  if (fromNode.kind !== onNode.kind) return { stdout: '', stderr: `mount_nullfs: ${on}: must be same type as ${from} (file or directory)\n`, code: EX_USAGE };
  const ro = readOnlyOption(p.list.filter(([c]) => c === 'o').map(([, v]) => v));
  const err = mountFs(ctx.host.state, fs, { from, on, fstype: 'nullfs', options: defaultFlags('nullfs', ro) });
  if (err) {
    io.warn('mount_nullfs', `${on}: ${err}`);
    return io.result(1);
  }
  return io.result(0);
};
