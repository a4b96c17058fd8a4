/**
 * The jail planner. Step order matters and is fixed:
 *   jail_enable, [stop], dataset, root tree, kernel link, mount.fstab file,
 *   files and rc.conf inside the jail, jail.conf.d file, the .include,
 *   jail_list, [start].
 * A restart is a stop before the configuration is rewritten and a start
 * after it, not `service jail restart`: jail(8) tears a jail down by the
 * configuration it reads, so stopping with the new file would leave the old
 * address alias and mounts behind.
 */
import { fileFact } from '../facts/file-fact.js';
import { emptyParts, mergeParts, toPlan, type PlanParts } from '../plan-parts.js';
import type { FactReader, ModuleContext, Plan } from '../types.js';
import type { JailArgs } from './args.js';
import { confPath, fstabPath } from './conf-render.js';
import { planJailFiles, planJailRcConf } from './jail-config.js';
import { findJail, jlsFact, type RunningJail } from './jls-fact.js';
import { isJailEnabled, planConf, planFstab, planInclude, planJailEnable, planJailList, removeFile } from './host-config.js';
import { planPurge } from './purge.js';
import { restartReasons } from './restart.js';
import { planDataset, planKernelLink, planRootTree } from './root-tree.js';
import { startStep, stopStep } from './runtime.js';

export function planJail(a: JailArgs, facts: FactReader, ctx: ModuleContext): Plan {
  const jails = facts.get(jlsFact());
  const running = findJail(jails, a.name);
  if (a.state === 'absent') return planAbsent(a, facts, jails, running);

  const enable = planJailEnable(facts);
  const fstab = planFstab(a, facts, ctx);
  const conf = planConf(a, facts, ctx);
  const config = mergeParts(
    planDataset(a, facts),
    planRootTree(a, facts),
    planKernelLink(a, facts),
    fstab,
    planJailFiles(a, facts, ctx),
    planJailRcConf(a, facts),
    conf.parts,
    planInclude(facts, ctx),
    planJailList(a.name, a.state !== 'stopped', facts),
  );

  let stop = emptyParts();
  let start = emptyParts();
  if (running && a.state === 'stopped') stop = stopping(a.name, jails, true);
  if (running && a.state === 'running') {
    const reasons = restartReasons(a, facts.get(fileFact(confPath(a.name))), conf.content, fstab.steps.length > 0, running);
    if (reasons.length) {
      const why = ` (restart: ${reasons.join('; ')})`;
      stop = { ...stopping(a.name, jails, true, why), notes: [], diffs: [] };
      start = { ...starting(a, jails, why), notes: [`jail ${a.name} restarted: ${reasons.join('; ')}`], diffs: [] };
    }
  }
  if (!running && a.state === 'running') start = starting(a, jails);

  const parts = mergeParts(enable, stop, config, start);
  return toPlan(parts, `jail ${a.name} is ${describe(a.state)} and up to date`);
}

function describe(state: JailArgs['state']): string {
  return state === 'present' ? 'configured' : state;
}

function starting(a: JailArgs, jails: RunningJail[], why = ''): PlanParts {
  const next: RunningJail = { name: a.name, jid: 0, path: a.path, hostname: a.hostname, ip4: a.ip4.map((e) => e.addr) };
  return {
    steps: [startStep(a.name, true, why)],
    diffs: [{ label: `jail ${a.name}`, before: 'stopped\n', after: 'running\n' }],
    updates: [{ spec: jlsFact(), value: [...jails.filter((j) => j.name !== a.name), next] }],
    notes: [`jail ${a.name} started`],
  };
}

function stopping(name: string, jails: RunningJail[], enabled: boolean, why = ''): PlanParts {
  return {
    steps: [stopStep(name, enabled, why)],
    diffs: [{ label: `jail ${name}`, before: 'running\n', after: 'stopped\n' }],
    updates: [{ spec: jlsFact(), value: jails.filter((j) => j.name !== name) }],
    notes: [`jail ${name} stopped`],
  };
}

/** Stop, then forget the jail's configuration; its data stays unless `purge`. */
function planAbsent(a: JailArgs, facts: FactReader, jails: RunningJail[], running: RunningJail | undefined): Plan {
  const parts = mergeParts(
    running ? stopping(a.name, jails, isJailEnabled(facts)) : emptyParts(),
    removeFile(facts.get(fileFact(confPath(a.name))), confPath(a.name)),
    removeFile(facts.get(fileFact(fstabPath(a.name))), fstabPath(a.name)),
    planJailList(a.name, false, facts),
    a.purge ? planPurge(a, facts) : emptyParts(),
  );
  return toPlan(parts, `jail ${a.name} is absent`);
}
