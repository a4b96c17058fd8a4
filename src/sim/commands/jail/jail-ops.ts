/**
 * What jail(8) does to create, remove and modify one jail (usr.sbin/jail
 * jail.c/command.c order): addresses, mounts, exec.prestart, the kernel jail,
 * exec.created/exec.start/command/exec.poststart; removal in reverse.
 */
import { normalize } from '../../fs.js';
import { type ConfJail, boolParam, findParam, stringParam } from '../../jail-conf/index.js';
import type { SimCommandContext, SimJail, SimMount, SimState } from '../../types.js';
import { addAlias, parseIp4, removeAlias, type Ip4Entry } from './addresses.js';
import type { Io } from './io.js';
import { kernelParams } from './jail-params.js';
import { defaultFlags, isMounted, mountFs, parseFstabLine, unmountFs } from './mounts.js';

export interface JailOpEnv {
  ctx: SimCommandContext;
  io: Io;
  /** -q: no "created/removed/updated" notes (and no "not found" for configured jails on -r). */
  quiet: boolean;
  /** -i: print the new jail's JID instead of the note. */
  printJid: boolean;
}

/** A running jail by name, or by JID when the name is numeric. */
export function runningJail(state: SimState, name: string): SimJail | undefined {
  return state.jails.find((j) => j.name === name) ?? (/^\d+$/.test(name) ? state.jails.find((j) => j.jid === Number(name)) : undefined);
}

/** Kill the jail's processes and take it out of the kernel's list. */
export function destroyKernelJail(state: SimState, name: string): void {
  state.processes = state.processes.filter((p) => p.jail !== name);
  state.jails = state.jails.filter((j) => j.name !== name);
}

function warnJail(env: JailOpEnv, name: string, message: string): void {
  env.io.warn('jail', `${name}: ${message}`);
}

function addresses(cj: ConfJail): Ip4Entry[] {
  const defIface = stringParam(findParam(cj, 'interface'));
  const values = findParam(cj, 'ip4.addr')?.values ?? [];
  return values
    .flatMap((v) => v.split(','))
    .filter((v) => v.trim() !== '')
    .map((v) => parseIp4(v, defIface));
}

interface PlannedMount {
  param: string;
  mount: SimMount;
}

/** Mounts in creation order; an unreadable mount.fstab file is reported through `error`. */
function plannedMounts(ctx: SimCommandContext, cj: ConfJail, path: string): { mounts: PlannedMount[]; error?: string } {
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

/** Run every value of an exec.* parameter; inside the jail when `jailPath` is given. */
function runExec(env: JailOpEnv, cj: ConfJail, param: string, jailPath?: string): boolean {
  for (const command of findParam(cj, param)?.values ?? []) {
    const r = jailPath === undefined ? env.ctx.run(command, { root: '/', cwd: '/' }) : env.ctx.run(command, { root: jailPath, jail: cj.name, cwd: '/' });
    env.io.take(r);
    if (r.code !== 0) {
      warnJail(env, cj.name, `${command}: failed`); // INFERRED wording of command.c's failure note
      return false;
    }
  }
  return true;
}

export function createJail(env: JailOpEnv, cj: ConfJail): boolean {
  const { ctx, io } = env;
  const state = ctx.host.state;
  const fs = ctx.host.fs;
  if (cj.errors.length) {
    for (const e of cj.errors) io.warn('jail', e);
    return false;
  }
  if (runningJail(state, cj.name)) {
    io.warn('jail', `"${cj.name}" already exists`);
    return false;
  }
  const path = normalize(stringParam(findParam(cj, 'path')) ?? '/');
  const node = fs.stat(path);
  if (!node || node.kind !== 'dir') {
    warnJail(env, cj.name, `path ${path}: ${node ? 'Not a directory' : 'No such file or directory'}`);
    return false;
  }
  const persist = boolParam(findParam(cj, 'persist'));
  if (!persist && !findParam(cj, 'exec.start')?.values.length && !findParam(cj, 'command')?.values.length) {
    warnJail(env, cj.name, 'no command specified and not persistent'); // INFERRED wording
    return false;
  }

  const undo: Array<() => void> = [];
  const abort = (): false => {
    for (const u of undo.reverse()) u();
    return false;
  };

  const ips = addresses(cj);
  for (const e of ips) {
    if (!e.iface) continue;
    const err = addAlias(state, e);
    if (err) {
      io.err += `${err}\n`;
      warnJail(env, cj.name, `/sbin/ifconfig ${e.iface} inet ${e.addr}/${e.prefixLen} alias: failed`);
      return abort();
    }
    undo.push(() => removeAlias(state, e));
  }

  const planned = plannedMounts(ctx, cj, path);
  if (planned.error) {
    warnJail(env, cj.name, planned.error);
    return abort();
  }
  for (const { param, mount } of planned.mounts) {
    const err = mountFs(state, fs, mount);
    if (err) {
      warnJail(env, cj.name, `${param}: ${mount.on}: ${err}`); // INFERRED: check_path()'s wording
      return abort();
    }
    undo.push(() => unmountFs(state, mount.on));
  }

  if (!runExec(env, cj, 'exec.prestart')) return abort();

  const jid = state.nextJid++;
  state.jails.push({
    name: cj.name,
    jid,
    path,
    hostname: stringParam(findParam(cj, 'host.hostname')) ?? state.hostname,
    ip4: ips.map((e) => e.addr),
    params: kernelParams(state, cj, jid, path, ips.map((e) => e.addr)),
    state: 'ACTIVE',
  });
  undo.push(() => destroyKernelJail(state, cj.name));

  if (!runExec(env, cj, 'exec.created')) return abort();
  if (!runExec(env, cj, 'exec.start', path)) return abort();
  if (!runExec(env, cj, 'command', path)) return abort();
  if (!runExec(env, cj, 'exec.poststart')) return abort();

  // A non-persistent jail dies with its last process (jail(8) only holds it open while starting).
  if (!persist && !state.processes.some((p) => p.jail === cj.name)) destroyKernelJail(state, cj.name);

  if (env.printJid) io.print(`${jid}\n`);
  else if (!env.quiet) io.print(`${cj.name}: created\n`);
  return true;
}

/** Remove a running jail; with a config, run its stop commands and undo its mounts and addresses. */
export function removeJail(env: JailOpEnv, name: string, cj: ConfJail | undefined): boolean {
  const state = env.ctx.host.state;
  const jail = runningJail(state, name);
  if (!jail) return false;
  if (cj) {
    runExec(env, cj, 'exec.prestop');
    runExec(env, cj, 'exec.stop', jail.path);
  }
  destroyKernelJail(state, jail.name);
  if (cj) {
    const planned = plannedMounts(env.ctx, cj, jail.path);
    for (const { mount } of planned.mounts.reverse()) if (isMounted(state, mount.on)) unmountFs(state, mount.on);
    for (const e of addresses(cj)) if (e.iface) removeAlias(state, e);
    runExec(env, cj, 'exec.poststop');
  }
  if (!env.quiet) env.io.print(`${jail.name}: removed\n`);
  return true;
}

/** Parameters the kernel takes only at creation (CTLFLAG_RDTUN), compared by rdtun_params(). */
const CREATE_ONLY = ['path', 'vnet', 'osrelease', 'osreldate'];

export function modifyJail(env: JailOpEnv, cj: ConfJail): boolean {
  const state = env.ctx.host.state;
  const jail = runningJail(state, cj.name);
  if (!jail) {
    env.io.warn('jail', `"${cj.name}" not found`);
    return false;
  }
  if (cj.errors.length) {
    for (const e of cj.errors) env.io.warn('jail', e);
    return false;
  }
  const ips = addresses(cj).map((e) => e.addr);
  const path = normalize(stringParam(findParam(cj, 'path')) ?? jail.path);
  const next = kernelParams(state, cj, jail.jid, path, ips);
  for (const p of CREATE_ONLY) {
    const configured = p === 'path' ? findParam(cj, 'path') !== undefined : findParam(cj, p) !== undefined;
    if (configured && next[p] !== jail.params[p]) {
      warnJail(env, cj.name, `${p} cannot be changed after creation`);
      return false;
    }
  }
  for (const e of addresses(cj)) if (e.iface && !jail.ip4.includes(e.addr)) addAlias(state, e);
  jail.params = next;
  jail.ip4 = ips;
  jail.hostname = next['host.hostname'] ?? jail.hostname;
  if (!env.quiet) env.io.print(`${cj.name}: updated\n`);
  return true;
}
