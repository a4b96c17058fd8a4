/**
 * The pieces jail(8) builds its start and stop command lists from
 * (usr.sbin/jail/jail.c startcommands[]/stopcommands[], command.c):
 * interface aliases, mounts, exec.* commands, the kernel jail itself.
 */
import { type ConfJail, boolParam, findParam, stringParam } from '../../jail-conf/index.js';
import type { SimCommandContext, SimJail, SimMount, SimState } from '../../types.js';
import { parseIp4, removeAlias, type Ip4Entry } from './addresses.js';
import { execEnv, note, warnTask, type JailOpEnv, type JailTask } from './jail-task.js';
import { defaultFlags, isMounted, parseFstabLine, unmountFs } from './mounts.js';
import { reclaimVnet } from '../freebsd/ifconfig-vnet.js';

export type { JailOpEnv, JailTask } from './jail-task.js';

/** A running jail by name, or by JID when the name is numeric. */
export function runningJail(state: SimState, name: string): SimJail | undefined {
  return state.jails.find((j) => j.name === name) ?? (/^\d+$/.test(name) ? state.jails.find((j) => j.jid === Number(name)) : undefined);
}

/** Kill the jail's processes and take it out of the kernel's list. */
export function destroyKernelJail(state: SimState, name: string): void {
  state.processes = state.processes.filter((p) => p.jail !== name);
  state.jails = state.jails.filter((j) => j.name !== name);
  reclaimVnet(state, name);
}

/**
 * A jail without `persist` goes when its last process exits (sys/kern/kern_jail.c prison_proc_free →
 * prison_deref; jail(8) "persist": "Normally, a command is run as part of jail creation, and then the
 * jail is destroyed as its last process exits"). What jail(8) set up for it (aliases, mounts) stays:
 * only `jail -r` undoes those.
 */
export function reapIfEmpty(state: SimState, name: string): void {
  const jail = state.jails.find((j) => j.name === name);
  if (!jail || jail.params.persist === 'true') return;
  if (state.processes.some((p) => p.jail === name)) return;
  destroyKernelJail(state, name);
}

export function addresses(cj: ConfJail): Ip4Entry[] {
  const defIface = stringParam(findParam(cj, 'interface'));
  const values = findParam(cj, 'ip4.addr')?.values ?? [];
  return values
    .flatMap((v) => v.split(','))
    .filter((v) => v.trim() !== '')
    .map((v) => parseIp4(v, defIface));
}

export interface PlannedMount {
  param: string;
  mount: SimMount;
}

/** Mounts in creation order; an unreadable mount.fstab file is reported through `error`. */
export function plannedMounts(ctx: SimCommandContext, cj: ConfJail, path: string): { mounts: PlannedMount[]; error?: string } {
  const mounts: PlannedMount[] = [];
  for (const line of findParam(cj, 'mount')?.values ?? []) {
    const m = parseFstabLine(line);
    if (m) mounts.push({ param: 'mount', mount: m });
  }
  for (const file of findParam(cj, 'mount.fstab')?.values ?? []) {
    if (!file) continue;
    let text: string;
    try {
      text = ctx.host.fs.readFile(file);
    } catch {
      return { mounts, error: `mount.fstab: ${file}: No such file or directory` };
    }
    for (const line of text.split('\n')) {
      const m = parseFstabLine(line);
      if (m) mounts.push({ param: 'mount.fstab', mount: m });
    }
  }
  const base = path === '/' ? '' : path;
  if (boolParam(findParam(cj, 'mount.devfs'))) mounts.push({ param: 'mount.devfs', mount: { from: 'devfs', on: `${base}/dev`, fstype: 'devfs', options: defaultFlags('devfs') } });
  if (boolParam(findParam(cj, 'mount.fdescfs'))) mounts.push({ param: 'mount.fdescfs', mount: { from: 'fdescfs', on: `${base}/dev/fd`, fstype: 'fdescfs', options: defaultFlags('fdescfs') } });
  if (boolParam(findParam(cj, 'mount.procfs'))) mounts.push({ param: 'mount.procfs', mount: { from: 'procfs', on: `${base}/proc`, fstype: 'procfs', options: defaultFlags('procfs') } });
  return { mounts };
}


/** Where an exec.* command runs: outside the jail with JID/JNAME/JPATH set, or inside it (exec.start, command, exec.stop). */
export type ExecPlace = { outside: SimJail | undefined } | { inside: SimJail };

/**
 * Run every value of an exec.* parameter in order; the first failure is
 * reported as command.c's finish_command() words it and ends the list.
 */
export function runExec(env: JailOpEnv, task: JailTask, param: string, place: ExecPlace): boolean {
  const { ctx } = env;
  for (const command of findParam(task.cj, param)?.values ?? []) {
    if (command === '') continue;
    const r =
      'inside' in place
        ? // `command` has jail(8)'s own stdin, as in `jail -c path=/ command=/bin/sh` run at a terminal (jail(8): command).
          ctx.run(command, { root: place.inside.path, jail: place.inside.name, cwd: '/', ...(param === 'command' ? { stdin: ctx.stdin } : {}) })
        : ctx.run(command, { root: '/', cwd: '/', env: execEnv(ctx, task.cj, place.outside) });
    env.io.take(r);
    if (r.code !== 0) {
      warnTask(env, task, `${command}: failed`);
      return false;
    }
  }
  return true;
}

/** IP__OP going down: jail_remove() and its "removed" note (verbose > 0, or verbose 0 and `noteIt`). */
export function removeKernelJail(env: JailOpEnv, task: JailTask, jail: SimJail, noteIt: boolean): void {
  destroyKernelJail(env.ctx.host.state, jail.name);
  if (env.verbose > 0 || (env.verbose === 0 && noteIt)) note(env, task, 'removed\n');
}

/** The stop side of mounts and addresses, in stopcommands[] order (mounts and addresses reversed). */
export function undoMountsAndAliases(env: JailOpEnv, cj: ConfJail, path: string): void {
  const state = env.ctx.host.state;
  for (const { mount } of plannedMounts(env.ctx, cj, path).mounts.reverse()) if (isMounted(state, mount.on)) unmountFs(state, mount.on);
  for (const e of addresses(cj).reverse()) if (e.iface) removeAlias(state, e);
}

/** The name the kernel gives a new jail: its name parameter, else its jid. */
export function kernelName(cj: ConfJail, jid: number): string {
  return stringParam(findParam(cj, 'name')) ?? String(jid);
}
