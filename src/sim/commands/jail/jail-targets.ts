/**
 * Which jails a jail(8) run works on (usr.sbin/jail/state.c start_state(),
 * find_jail(), running_jail()).
 */
import type { ConfJail } from '../../jail-conf/index.js';
import { isWildName, wildMatch } from '../../jail-conf/names.js';
import type { SimJail } from '../../types.js';
import { runningJail } from './jail-ops.js';
import type { JailOpEnv, JailTask } from './jail-task.js';

const configured = (cj: ConfJail, wild: boolean): JailTask => ({ label: cj.name, cj, wild });

/** running_jail(): a jail not in the config, known to jail(8) only by its kernel name and jid. */
function bare(jail: SimJail, wild: boolean): JailTask {
  const params = [
    { name: 'jid', values: [String(jail.jid)] },
    { name: 'name', values: [jail.name] },
  ];
  return { label: jail.name, cj: { name: jail.name, params, errors: [] }, wild };
}

/**
 * -c/-m/-cm... from the config: no target or "*" means every jail (JF_WILD),
 * a wildcard its matches, a name that jail; an unknown name is fatal.
 */
export function selectTargets(env: JailOpEnv, jails: ConfJail[], target: string | undefined): JailTask[] | undefined {
  if (target === undefined || target === '*') return jails.map((cj) => configured(cj, true));
  if (isWildName(target)) return jails.filter((cj) => wildMatch(cj.name, target)).map((cj) => configured(cj, true));
  const cj = jails.find((j) => j.name === target);
  if (!cj) {
    env.io.warn('jail', `"${target}" not found`);
    return undefined;
  }
  return [configured(cj, false)];
}

/**
 * -r/-R targets, in the order jail(8) stops them (last queued first): "*"
 * means every configured jail for -r and every running one for -R; a name
 * not in the config may name a running jail by name or jid, whose config
 * entry (found by its kernel name) is then used.
 */
export function selectStopTargets(env: JailOpEnv, jails: ConfJail[], targets: string[], running: boolean): { tasks: JailTask[]; failed: boolean } {
  const state = env.ctx.host.state;
  const tasks: JailTask[] = [];
  let failed = false;
  const add = (t: JailTask): void => {
    if (!tasks.some((x) => x.cj === t.cj || (x.label !== undefined && x.label === t.label))) tasks.push(t);
  };
  for (const target of targets) {
    if (!running && target === '*') {
      jails.forEach((cj) => add(configured(cj, true)));
      continue;
    }
    if (isWildName(target)) {
      if (running) state.jails.filter((j) => wildMatch(j.name, target)).forEach((j) => add(bare(j, true)));
      else jails.filter((cj) => wildMatch(cj.name, target)).forEach((cj) => add(configured(cj, true)));
      continue;
    }
    const cj = jails.find((j) => j.name === target);
    if (cj) {
      add(configured(cj, false));
      continue;
    }
    const jail = runningJail(state, target);
    if (!jail) {
      env.io.warn('jail', `"${target}" not found`);
      failed = true;
      continue;
    }
    const byKernelName = jails.find((j) => j.name === jail.name);
    add(byKernelName ? configured(byKernelName, false) : bare(jail, false));
  }
  return { tasks: tasks.reverse(), failed };
}
