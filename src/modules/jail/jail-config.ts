/**
 * Inside the jail, edited from the host: `files` (atomic writes under the
 * jail root, the shared file-edit planner) and `rc_conf` (the jail's
 * /etc/rc.conf). `sysrc -f ROOT/etc/rc.conf` is used rather than `sysrc -j`
 * because it works before the jail first runs — the run that builds the jail
 * must configure it before starting it.
 */
import { fileFact } from '../facts/file-fact.js';
import { emptyParts, mergeParts, type PlanParts } from '../plan-parts.js';
import { rcValueFact } from '../sysrc/facts.js';
import { planRcSet } from '../sysrc/plan.js';
import type { FactReader, ModuleContext } from '../types.js';
import type { JailArgs } from './args.js';
import { inJail, jailRcTarget } from './facts.js';
import { planGeneratedFile } from './host-config.js';

export function planJailFiles(a: JailArgs, facts: FactReader, ctx: ModuleContext): PlanParts {
  return mergeParts(
    ...a.files.map((f) => {
      const path = inJail(a.path, f.path);
      return planGeneratedFile(facts.get(fileFact(path)), path, f.content, ctx, { mode: f.mode });
    }),
  );
}

export function planJailRcConf(a: JailArgs, facts: FactReader): PlanParts {
  const parts = Object.entries(a.rc_conf).map(([name, value]) => {
    const t = jailRcTarget(a.path, name);
    const current = facts.get(rcValueFact(t));
    if (current.set && current.value === value) return emptyParts();
    const { steps, diffs, updates, message } = planRcSet(t, current, value);
    return { steps, diffs, updates, notes: [message] };
  });
  return mergeParts(...parts);
}
