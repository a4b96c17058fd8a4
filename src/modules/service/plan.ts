import { emptyParts, mergeParts, toPlan, type PlanParts } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { planRcSet } from '../sysrc/plan.js';
import { rcValueFact } from '../sysrc/facts.js';
import type { FactReader, Plan } from '../types.js';
import type { ServiceArgs } from './args.js';
import { enableTarget, needsStatus, serviceStatusFact, serviceWords } from './facts.js';
import { checkyesno } from './rcvar.js';
import { actionChanges } from './scopes.js';

export function planService(args: ServiceArgs, facts: FactReader): Plan {
  const parts = mergeParts(planEnabled(args, facts), planState(args, facts));
  return toPlan(parts, `${describe(args)} is already as wanted`);
}

function describe(args: ServiceArgs): string {
  return args.jail === undefined ? `service ${args.name}` : `service ${args.name} in jail ${args.jail}`;
}

/** Compared as rc.subr reads it: "yes" already counts as enabled. */
function planEnabled(args: ServiceArgs, facts: FactReader): PlanParts {
  if (args.enabled === undefined) return emptyParts();
  const target = enableTarget(args);
  const current = facts.get(rcValueFact(target));
  if ((current.set && checkyesno(current.value)) === args.enabled) return emptyParts();
  const { steps, diffs, updates, message } = planRcSet(target, current, args.enabled ? 'YES' : 'NO');
  return { steps, diffs, updates, notes: [message] };
}

const ACTION = { started: 'onestart', stopped: 'onestop', reloaded: 'onereload', restarted: 'onerestart' } as const;

function planState(args: ServiceArgs, facts: FactReader): PlanParts {
  if (args.state === undefined) return emptyParts();
  let running: boolean | undefined;
  if (needsStatus(args)) {
    const status = facts.get(serviceStatusFact(args));
    if (status.kind === 'missing') throw new PlanError(status.message);
    if (status.kind === 'unknown') throw new PlanError(`cannot tell whether ${describe(args)} runs: ${status.message}`);
    running = status.kind === 'running';
  }
  let action: keyof typeof ACTION = args.state;
  if (args.state === 'started' && running) return emptyParts();
  if (args.state === 'stopped' && !running) return emptyParts();
  if (args.state === 'reloaded' && !running) action = 'started';
  const after = args.state === 'stopped' ? 'stopped' : 'running';
  return {
    steps: [{ title: `service ${args.name} ${ACTION[action]}`, command: serviceWords(args, ACTION[action]), changes: actionChanges(args) }],
    diffs: running === undefined || (running ? 'running' : 'stopped') === after
      ? []
      : [{ label: describe(args), before: `${running ? 'running' : 'stopped'}\n`, after: `${after}\n` }],
    // No prediction of the status: rc.subr's exit 0 is the start command's
    // (a daemon that forks may die right after), and scripts with their own
    // start_cmd/stop_cmd choose their exit codes. A later task reads it again.
    updates: [],
    notes: [`${describe(args)} ${action}`],
  };
}
