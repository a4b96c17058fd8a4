/**
 * What `service jail start NAME` may change (a stop: teardown.ts). rc.d/jail
 * runs jail(8) on the jail's own /etc/jail.conf.d/NAME.conf (freebsd.md §1),
 * so the file tells what the start does:
 *  - the jail table (`jails`), and the jail's root, where exec.start and
 *    exec.stop run and devfs/procfs are mounted (`path:ROOT` — which, like
 *    `jails`, meets every fact read through the jail: `jail:NAME`);
 *  - /var/run/jail_NAME.id (rc.d/jail), the mount table, the network
 *    (ip4.addr aliases, the jail's sockets);
 *  - both sides of each mount.fstab line (a nullfs source is a host path
 *    the jail then writes through).
 * A file that runs commands on the host (exec.prestart, exec.poststop...,
 * exec.consolelog writes a host file), starts other jails (depend), mounts
 * host paths (mount) or hands ZFS datasets to the jail may change anything:
 * undefined. So is a start without our conf file: rc.d/jail then falls back
 * to /etc/jail.conf, which says anything.
 */
import { JAILS, MOUNTS, NET, PF, pathScope } from '../scopes.js';
import type { Scope } from '../types.js';
import { confString, fstabPath } from './conf-render.js';

/** exec.* parameters whose commands run inside the jail, or only tune them. */
const IN_JAIL_EXEC = 'start|stop|clean|jail_user|system_jail_user|system_user|timeout|fib';
const REACHES_HOST = new RegExp(
  `^\\s*(exec\\.(?!(?:${IN_JAIL_EXEC})\\s*(?:=|\\+=|;))[a-z_]+|depend|mount|allow\\.mount\\.zfs)\\s*(=|\\+=|;)`,
  'm',
);
const FSTAB_REF = /^\s*mount\.fstab\s*(?:=|\+=)\s*(.*?)\s*;/m;

export interface JailRun {
  name: string;
  /** The root the jail runs (or will run) in. */
  root: string;
  /** The conf.d file jail(8) reads for this start; undefined: none. */
  conf: string | undefined;
  /** The mount.fstab file's content, if any. */
  fstab: string | undefined;
}

/** Host paths of fstab(5) lines: the source (a nullfs directory) and the mount point. */
export function fstabPaths(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    if (/^\s*(#|$)/.test(line)) return [];
    return line.trim().split(/\s+/).slice(0, 2).filter((f) => f.startsWith('/'));
  });
}

/**
 * The host commands jailfleet itself puts in a conf (conf-render.ts
 * `network:`): making and destroying the jail's epair and adding it to its
 * bridge change the network; reloading the jail's pf anchor changes pf.
 */
const OWN_NET_HOOK = /^\texec\.(?:prestart \+= 'ifconfig epair\d+ create up'|prestart \+= 'ifconfig bridge\d+ addm epair\d+a'|poststop \+= 'ifconfig epair\d+a destroy');\n/gm;
const OWN_PF_HOOK = /^\texec\.prestart \+= 'pfctl -a jailfleet\/[A-Za-z0-9_-]+ -f \/etc\/jail\.conf\.d\/[A-Za-z0-9_-]+\.pf';\n/gm;

export function runChanges(r: JailRun): Scope[] | undefined {
  if (r.conf === undefined) return undefined;
  const pf = r.conf.match(OWN_PF_HOOK) ? [PF] : [];
  const conf = r.conf.replace(OWN_NET_HOOK, '').replace(OWN_PF_HOOK, '');
  if (REACHES_HOST.test(conf)) return undefined;
  const ref = FSTAB_REF.exec(conf)?.[1];
  // Another fstab file than ours is one whose lines are not known here.
  if (ref !== undefined && ref !== confString(fstabPath(r.name))) return undefined;
  const mounted = ref !== undefined && r.fstab !== undefined ? fstabPaths(r.fstab) : [];
  return [JAILS, pathScope(r.root), pathScope(`/var/run/jail_${r.name}.id`), MOUNTS, NET, ...pf, ...mounted.map(pathScope)];
}
