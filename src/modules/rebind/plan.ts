import { mergeParts, toPlan } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import type { FactReader, ModuleContext, Plan } from '../types.js';
import type { RebindArgs } from './args.js';
import { SOCKSTAT_COMMAND, shownListener, type RebindContext } from './context.js';
import { DAEMON_PLANNERS } from './daemons.js';
import { jailIpsFact } from './jail-ips.js';
import { listenersFact, type Listener } from './listeners.js';
import { verifyCommand } from './verify.js';

export function planRebind(args: RebindArgs, facts: FactReader, module: ModuleContext): Plan {
  const jailIps = args.jail_ips ?? facts.get(jailIpsFact());
  if (jailIps.includes(args.address)) {
    throw new PlanError(`${args.address} is an address of a running jail; host daemons cannot be bound to it`);
  }
  const all = facts.get(listenersFact());
  const c: RebindContext = { args, facts, module, host: all.filter((l) => !l.jailed), jailIps };
  refuseForeignOnJailIps(c);

  const parts = mergeParts(...args.daemons.map((d) => DAEMON_PLANNERS[d](c)));
  const unchanged = `${args.daemons.join(', ')} listen only on ${args.address} (or nowhere)`;
  if (parts.steps.length === 0) return toPlan(parts, unchanged);

  // No prediction of the listeners: a restarted daemon gets new sockets and
  // PIDs on addresses only sockstat can tell; a later task reads them again.
  if (args.verify) {
    const daemons = args.daemons.map((d) => ({ name: d, command: SOCKSTAT_COMMAND[d] }));
    parts.steps.push({ title: 'verify with sockstat -4l', command: verifyCommand({ daemons, jailIps }), verify: true, changes: [] });
  }
  return toPlan(parts, unchanged);
}

/** A host process rebind does not manage holds a jail's address: only a person can decide. */
function refuseForeignOnJailIps(c: RebindContext): void {
  const managed = new Set(c.args.daemons.map((d) => SOCKSTAT_COMMAND[d]));
  const foreign = c.host.filter((l: Listener) => !managed.has(l.command) && c.jailIps.includes(l.addr));
  if (foreign.length === 0) return;
  const list = foreign.map((l) => `${l.command} (pid ${l.pid}) on ${shownListener(l)}`).join(', ');
  throw new PlanError(`host processes listen on jail addresses: ${list}`);
}
