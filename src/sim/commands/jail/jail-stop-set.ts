/**
 * jail(8) removing (usr.sbin/jail/jail.c stopcommands[]) and modifying
 * (update_jail(), rdtun_params()) one running jail.
 */
import { normalize } from '../../fs.js';
import { findParam, positiveName, stringParam } from '../../jail-conf/index.js';
import type { SimJail } from '../../types.js';
import { addAlias } from './addresses.js';
import { addresses, removeKernelJail, runExec, undoMountsAndAliases } from './jail-ops.js';
import { kernelParams } from './jail-params.js';
import { note, warnTask, type JailOpEnv, type JailTask } from './jail-task.js';

/**
 * exec.prestop, exec.stop (inside), the processes killed, the kernel jail
 * removed (noted when `noteIt`), exec.poststop, then mounts and aliases. A
 * failing exec.prestop or exec.stop leaves the jail running (jail.c: a
 * failed jail with a jid goes to jail_remove_done); a failing exec.poststop
 * fails the run but the teardown goes on.
 */
export function removeJail(env: JailOpEnv, task: JailTask, jail: SimJail, noteIt: boolean): boolean {
  if (!runExec(env, task, 'exec.prestop', { outside: jail })) return false;
  if (!runExec(env, task, 'exec.stop', { inside: jail })) return false;
  removeKernelJail(env, task, jail, noteIt);
  const ok = runExec(env, task, 'exec.poststop', { outside: jail });
  undoMountsAndAliases(env, task.cj, jail.path);
  return ok;
}

/** Parameters the kernel takes only at creation (CTLFLAG_RDTUN), compared by rdtun_params(). */
const CREATE_ONLY = ['path', 'vnet', 'osrelease', 'osreldate'];

/** jail_set(JAIL_UPDATE) changes only the parameters it is given; the others keep their values. */
function nextParams(env: JailOpEnv, task: JailTask, jail: SimJail): Record<string, string> {
  const cj = task.cj;
  const path = normalize(stringParam(findParam(cj, 'path')) ?? jail.path);
  const full = kernelParams(env.ctx.host.state, cj, jail.jid, path, addresses(cj).map((e) => e.addr), jail.name);
  const next = { ...jail.params };
  for (const p of cj.params) {
    const key = positiveName(p.name);
    if (key in full) next[key] = full[key]!;
  }
  if (findParam(cj, 'ip4.addr')) next.ip4 = full.ip4!;
  return next;
}

/** rdtun_params(): the first configured create-only parameter whose value differs from the running jail's. */
export function rdtunChanged(env: JailOpEnv, task: JailTask, jail: SimJail): string | undefined {
  const next = nextParams(env, task, jail);
  return CREATE_ONLY.find((p) => findParam(task.cj, p) !== undefined && next[p] !== jail.params[p]);
}

export function modifyJail(env: JailOpEnv, task: JailTask, jail: SimJail): boolean {
  const changed = rdtunChanged(env, task, jail);
  if (changed) {
    warnTask(env, task, `${changed} cannot be changed after creation`);
    return false;
  }
  const state = env.ctx.host.state;
  const next = nextParams(env, task, jail);
  for (const e of addresses(task.cj)) if (e.iface && !jail.ip4.includes(e.addr)) addAlias(state, e);
  jail.params = next;
  if (findParam(task.cj, 'ip4.addr')) jail.ip4 = addresses(task.cj).map((e) => e.addr);
  jail.hostname = next['host.hostname'] ?? jail.hostname;
  if (env.verbose >= 0 && (task.label !== undefined || env.verbose > 0)) note(env, task, 'updated\n');
  return true;
}
