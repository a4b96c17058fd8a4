/**
 * jail(8) creating one jail: usr.sbin/jail/jail.c startcommands[] (aliases,
 * mounts, exec.prestart, the kernel jail, exec.created, exec.start, command,
 * exec.poststart) and create_jail()/clear_persist().
 */
import { normalize, type SimFs } from '../../fs.js';
import { boolParam, findParam, stringParam } from '../../jail-conf/index.js';
import type { SimJail } from '../../types.js';
import { addAlias, removeAlias } from './addresses.js';
import { addresses, destroyKernelJail, kernelName, plannedMounts, removeKernelJail, runExec, undoMountsAndAliases } from './jail-ops.js';
import { kernelParams } from './jail-params.js';
import { note, warnTask, type JailOpEnv, type JailTask } from './jail-task.js';
import { mountFs, unmountFs } from './mounts.js';
import { moveVnetInterfaces } from './vnet-interfaces.js';
import { createVnet } from '../freebsd/ifconfig-vnet.js';

/**
 * check_path() (usr.sbin/jail/command.c) for a mount point: "Only check for
 * symlinks in components below the jail's path, since that's where the
 * security risk lies" — each component from the jail's path on is lstat()ed,
 * and a link or a missing one refuses the mount; undefined when it may go on.
 */
function checkPath(fs: SimFs, jailPath: string, on: string): string | undefined {
  const base = jailPath === '/' ? '' : jailPath;
  if (!on.startsWith(`${base}/`)) return undefined;
  let tpath = base;
  for (const part of on.slice(base.length + 1).split('/')) {
    tpath = `${tpath}/${part}`;
    const node = fs.lstat(tpath);
    if (!node) return `${tpath}: No such file or directory`;
    if (node.kind === 'link') return `${tpath} is a symbolic link`;
  }
  return undefined;
}

/** The kernel side of IP__OP: path check, jail_set(JAIL_CREATE); the new jail or undefined after a warning. */
function setKernelJail(env: JailOpEnv, task: JailTask, path: string): SimJail | undefined {
  const { ctx } = env;
  const state = ctx.host.state;
  const cj = task.cj;
  const node = ctx.host.fs.stat(path);
  if (!node || node.kind !== 'dir') {
    warnTask(env, task, `path ${path}: ${node ? 'Not a directory' : 'No such file or directory'}`);
    return undefined;
  }
  // A jail's children.max (0 by default) bounds the jails made from inside it (jail_basic_test.sh, "nested").
  const parent = ctx.jail === undefined ? undefined : state.jails.find((j) => j.name === ctx.jail);
  if (parent && Number(parent.params['children.max'] ?? '0') === 0) {
    warnTask(env, task, 'jail_set: Operation not permitted');
    return undefined;
  }
  const jidParam = stringParam(findParam(cj, 'jid'));
  const jid = jidParam !== undefined && Number(jidParam) > 0 ? Number(jidParam) : state.nextJid++;
  const name = kernelName(cj, jid);
  const ips = addresses(cj).map((e) => e.addr);
  const jail: SimJail = {
    name,
    jid,
    path,
    hostname: stringParam(findParam(cj, 'host.hostname')) ?? state.hostname,
    ip4: ips,
    params: kernelParams(state, cj, jid, path, ips, name),
    state: 'ACTIVE',
  };
  state.jails.push(jail);
  if (jail.params.vnet === 'new') createVnet(state, name);
  return jail;
}

export function createJail(env: JailOpEnv, task: JailTask): boolean {
  const { ctx, io } = env;
  const state = ctx.host.state;
  const cj = task.cj;
  const path = normalize(stringParam(findParam(cj, 'path')) ?? '/');
  const persist = boolParam(findParam(cj, 'persist'));
  if (!persist && !findParam(cj, 'exec.start')?.values.length && !findParam(cj, 'command')?.values.length) {
    warnTask(env, task, 'no command specified and not persistent'); // INFERRED wording
    return false;
  }

  const undo: Array<() => void> = [];
  const abort = (): false => {
    for (const u of undo.reverse()) u();
    return false;
  };

  for (const e of addresses(cj)) {
    if (!e.iface) continue;
    const err = addAlias(state, e);
    if (err) {
      io.err += `${err}\n`;
      warnTask(env, task, `/sbin/ifconfig ${e.iface} inet ${e.addr}/${e.prefixLen} alias: failed`);
      return abort();
    }
    undo.push(() => removeAlias(state, e));
  }

  const planned = plannedMounts(ctx, cj, path);
  if (planned.error) {
    warnTask(env, task, planned.error);
    return abort();
  }
  for (const { param, mount } of planned.mounts) {
    const refused = checkPath(ctx.host.fs, path, mount.on);
    if (refused) {
      warnTask(env, task, `${param}: ${refused}`);
      return abort();
    }
    const err = mountFs(state, ctx.host.fs, mount);
    if (err) {
      warnTask(env, task, `${param}: ${mount.on}: ${err}`); // INFERRED: check_path()'s wording
      return abort();
    }
    undo.push(() => unmountFs(state, mount.on));
  }

  if (!runExec(env, task, 'exec.prestart', { outside: undefined })) return abort();

  const jail = setKernelJail(env, task, path);
  if (!jail) return abort();
  if (env.iflag) io.print(`${jail.jid}\n`);
  if (env.verbose >= 0 && (task.label !== undefined || env.verbose > 0)) note(env, task, 'created\n');

  const ok =
    runExec(env, task, 'exec.created', { outside: jail }) &&
    moveVnetInterfaces(env, task, jail) &&
    runExec(env, task, 'exec.start', { inside: jail }) &&
    runExec(env, task, 'command', { inside: jail }) &&
    runExec(env, task, 'exec.poststart', { outside: jail });
  if (!ok) {
    // create_failed: IP__OP goes down (a named jail notes "removed"), then mounts and aliases.
    if (state.jails.includes(jail)) removeKernelJail(env, task, jail, task.label !== undefined);
    undoMountsAndAliases(env, cj, path);
    return false;
  }

  // clear_persist(): a jail without "persist" dies with its last process.
  if (!persist && !state.processes.some((p) => p.jail === jail.name)) destroyKernelJail(state, jail.name);
  return true;
}
