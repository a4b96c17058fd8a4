/**
 * The jail planner. Step order matters and is fixed:
 *   jail_enable, [snapshot], [a thin upgrade's release tree and etcupdate],
 *   [stop], dataset, root tree, kernel link, mount.fstab file,
 *   files and rc.conf inside the jail, jail.conf.d file, the .include,
 *   jail_list, [start].
 * A restart is a stop before the configuration is rewritten and a start
 * after it, not `service jail restart`: jail(8) tears a jail down by the
 * configuration it reads, and neither the new file nor the one on the host
 * (an operator may have edited it) need describe the running jail. So every
 * stop goes by what runs (teardown.ts), and whether to restart at all is
 * decided against the running jail first (restart.ts).
 */
import { fileFact } from '../facts/file-fact.js';
import { emptyParts, mergeParts, toPlan, type PlanParts } from '../plan-parts.js';
import type { FactReader, ModuleContext, Plan } from '../types.js';
import type { JailArgs } from './args.js';
import { confPath, fstabPath, renderFstab } from './conf-render.js';
import { interfacesFact } from './host-net.js';
import { mountTableFact } from './mount-table.js';
import { planJailFiles, planJailRcConf } from './jail-config.js';
import { findJail, jlsFact, type RunningJail } from './jls-fact.js';
import { planConf, planFstab, planInclude, planJailEnable, planJailList, removeFile } from './host-config.js';
import { planPurge } from './purge.js';
import { restartReasons } from './restart.js';
import { planDataset, planKernelLink, planRootTree } from './root-tree.js';
import { runChanges } from './run-scopes.js';
import { startStep, type StartLeftovers } from './runtime.js';
import { planStaleAliases } from './stale-alias.js';
import { planStop } from './teardown.js';
import { planThinUpgradePrep, upgradeReasons } from './upgrade.js';
import { snapshotsBefore, snapshotStep } from './snapshot.js';
import { planNatAbsent, planNatHost } from './nat-host.js';
import { planVnetHost } from './vnet-host.js';

/** The host's network for `network: nat | vnet` (before the jail starts: it needs lo1 or its bridge). */
function planNetwork(a: JailArgs, facts: FactReader, ctx: ModuleContext, running: boolean): PlanParts {
  if (a.network === 'nat') return planNatHost(a, facts, ctx);
  return planVnetHost(a, facts, running);
}

export function planJail(a: JailArgs, facts: FactReader, ctx: ModuleContext): Plan {
  const jails = facts.get(jlsFact());
  const running = findJail(jails, a.name);
  if (a.state === 'absent') return planAbsent(a, facts, ctx, running);

  const enable = mergeParts(planJailEnable(facts), planNetwork(a, facts, ctx, running !== undefined));
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
  if (running && a.state === 'stopped') stop = planStop(a, running, facts, ctx);
  if (running && a.state === 'running') {
    const reasons = restartReasons(a, {
      running,
      interfaces: facts.get(interfacesFact()),
      conf: facts.get(fileFact(confPath(a.name))),
      newConf: conf.content,
      fstabChanged: fstab.steps.length > 0,
      mounts: facts.get(mountTableFact()),
    }).concat(upgradeReasons(a, facts));
    if (reasons.length) {
      const why = ` (restart: ${reasons.join('; ')})`;
      const stopped = planStop(a, running, facts, ctx, why);
      // The stop's notes on addresses stay: they say what the restart did to the host.
      stop = { ...stopped, notes: [], diffs: [] };
      start = { ...starting(a, conf.content, why), notes: [`jail ${a.name} restarted: ${reasons.join('; ')}`, ...stopped.notes.slice(1)], diffs: [] };
    }
  }
  if (!running && a.state === 'running') start = mergeParts(planStaleAliases(a, jails, facts.get(interfacesFact()), ctx), starting(a, conf.content));

  // Done while the jail still runs as it was: a conflict in its etc fails the task before anything stops.
  const jailParts = mergeParts(planThinUpgradePrep(a, facts), stop, config, start);
  const before = jailParts.steps.length && snapshotsBefore(a, facts) ? snapshotStep(a) : emptyParts();
  const parts = mergeParts(enable, before, jailParts);
  return toPlan(parts, `jail ${a.name} is ${describe(a.state)} and up to date`);
}

function describe(state: JailArgs['state']): string {
  return state === 'present' ? 'configured' : state;
}

/*
 * Neither starting nor stopping predicts the jail table: the new entry's JID
 * is the kernel's choice and its hostname the jail's rc may set; a stop may
 * take child or dependent jails with it. A later task reads `jls` again.
 */

/** Started from the conf.d file this plan writes (`conf`). */
function starting(a: JailArgs, conf: string, why = ''): PlanParts {
  const fstab = a.fstab.length ? renderFstab(a) : undefined;
  return {
    steps: [startStep(a.name, true, runChanges({ name: a.name, root: a.path, conf, fstab }), why, startLeftovers(a))],
    diffs: [{ label: `jail ${a.name}`, before: 'stopped\n', after: 'running\n' }],
    updates: [],
    notes: [`jail ${a.name} started`],
  };
}

/** What jail(8) sets up for this jail before its rc runs: its `iface|addr` aliases, a vnet jail's epair, the mounts below its root. */
function startLeftovers(a: JailArgs): StartLeftovers {
  // jail(8) "interface": the interface of the entries that name none.
  const fallback = typeof a.params.interface === 'string' ? a.params.interface : undefined;
  return {
    root: a.path,
    aliases: a.ip4.flatMap((e) => {
      const iface = e.iface ?? fallback;
      return iface ? [{ iface, addr: e.addr }] : [];
    }),
    ...(a.vnet ? { epair: `epair${a.vnet.unit}a` } : {}),
  };
}

/** Stop, then forget the jail's configuration; its data stays unless `purge`. */
function planAbsent(a: JailArgs, facts: FactReader, ctx: ModuleContext, running: RunningJail | undefined): Plan {
  const parts = mergeParts(
    running ? planStop(a, running, facts, ctx) : emptyParts(),
    removeFile(facts.get(fileFact(confPath(a.name))), confPath(a.name)),
    removeFile(facts.get(fileFact(fstabPath(a.name))), fstabPath(a.name)),
    planJailList(a.name, false, facts),
    a.network === 'nat' ? planNatAbsent(a, facts) : emptyParts(),
    a.purge ? planPurge(a, facts) : emptyParts(),
  );
  return toPlan(parts, `jail ${a.name} is absent`);
}
