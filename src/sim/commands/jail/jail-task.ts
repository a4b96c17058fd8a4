/**
 * One jail jail(8) works on (struct cfjail in usr.sbin/jail/jailp.h) and the
 * ways jail.c words its notes and warnings about it.
 */
import { type ConfJail, findParam, isInternalParam, positiveName, stringParam } from '../../jail-conf/index.js';
import type { SimCommandContext, SimJail, SimState } from '../../types.js';
import type { Io } from './io.js';

export interface JailOpEnv {
  ctx: SimCommandContext;
  io: Io;
  /** jail.c `verbose`: -1 with -q or -i, 1 with -v, the last one given winning. */
  verbose: number;
  /** -i: print the new jail's JID. */
  iflag: boolean;
  /** jail.c `note_remove`: set only for a plain -r/-R (config in use, several jails, or a wildcard). */
  noteRemove: boolean;
}

export interface JailTask {
  /** j->name: the jail.conf block name, or a running jail's name found for -r/-R; absent for a command-line jail. */
  label?: string;
  cj: ConfJail;
  /** JF_WILD: chosen by "all jails" or a wildcard rather than named on the command line. */
  wild: boolean;
}

/** jail_note(): "NAME: text" on stdout, or the bare text for an unnamed jail. */
export function note(env: JailOpEnv, task: JailTask, text: string): void {
  env.io.print(task.label === undefined ? text : `${task.label}: ${text}`);
}

/** jail_warnx(): "jail: NAME: message". */
export function warnTask(env: JailOpEnv, task: JailTask, message: string): void {
  env.io.warn('jail', task.label === undefined ? message : `${task.label}: ${message}`);
}

/** jail_quoted_warnx(): the jail's name, else its jid or name parameter, in quotes. */
export function quotedWarn(env: JailOpEnv, task: JailTask, nameMsg: string, nonameMsg: string): void {
  const who = task.label ?? stringParam(findParam(task.cj, 'jid')) ?? stringParam(findParam(task.cj, 'name'));
  env.io.warn('jail', who === undefined ? nonameMsg : `"${who}" ${nameMsg}`);
}

/** running_jid(): by the jid parameter when there is one (0 or junk means none), else by the name parameter. */
export function runningFor(state: SimState, cj: ConfJail): SimJail | undefined {
  const jid = stringParam(findParam(cj, 'jid'));
  if (jid !== undefined) {
    if (!/^-?\d+$/.test(jid) || Number(jid) === 0) return undefined;
    return state.jails.find((j) => j.jid === Number(jid));
  }
  const name = stringParam(findParam(cj, 'name'));
  return name === undefined ? undefined : state.jails.find((j) => j.name === name);
}

/**
 * Top-level kernel parameters of FreeBSD 14 (security.jail.param.*, kern_jail.c
 * and the sysv/linux/mac modules); every dotted name is let through, since its
 * node (allow.*, host.*, ip4.*...) is what a typo would miss.
 */
const KERNEL_TOP = new Set([
  'jid', 'parent', 'name', 'path', 'securelevel', 'enforce_statfs', 'devfs_ruleset', 'persist', 'dying', 'vnet',
  'ip4', 'ip6', 'osrelease', 'osreldate', 'host', 'sysvmsg', 'sysvsem', 'sysvshm', 'linux', 'children', 'allow', 'cpuset',
]);

/** import_params() → libjail jailparam_type(): the first parameter the kernel does not know. */
export function unknownParam(cj: ConfJail): string | undefined {
  for (const p of cj.params) {
    if (isInternalParam(p.name) || p.name.includes('.')) continue;
    if (!KERNEL_TOP.has(positiveName(p.name))) return p.name;
  }
  return undefined;
}

/**
 * The environment of a command jail(8) runs outside the jail: its own plus
 * JID, JNAME and JPATH (upstream jail_basic_test.sh, "commands" and
 * "param_consistency": exec.poststart sees all three, exec.poststop sees JID).
 * INFERRED: JID only once the jail has one, JNAME only when a name is known.
 */
export function execEnv(ctx: SimCommandContext, cj: ConfJail, jail: SimJail | undefined): Record<string, string> {
  const env = { ...ctx.env };
  const jid = jail ? String(jail.jid) : stringParam(findParam(cj, 'jid'));
  const name = jail?.name ?? stringParam(findParam(cj, 'name'));
  if (jid !== undefined) env.JID = jid;
  if (name !== undefined) env.JNAME = name;
  env.JPATH = stringParam(findParam(cj, 'path')) ?? '';
  return env;
}
