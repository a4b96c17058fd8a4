/** What every daemon planner reads: the task, the facts, and who listens where now. */
import type { FactReader, ModuleContext } from '../types.js';
import { serviceStatusFact } from '../service/facts.js';
import { PlanError } from '../plan-error.js';
import type { Daemon, RebindArgs } from './args.js';
import type { Listener } from './listeners.js';

/** sockstat's COMMAND for each daemon: postfix's listener is its master process. */
export const SOCKSTAT_COMMAND: Readonly<Record<Daemon, string>> = {
  syslogd: 'syslogd',
  inetd: 'inetd',
  sshd: 'sshd',
  postfix: 'master',
  sendmail: 'sendmail',
};

export interface RebindContext {
  args: RebindArgs;
  facts: FactReader;
  module: ModuleContext;
  /** Host (not jailed) listeners. */
  host: Listener[];
  jailIps: string[];
}

/** A host listener the daemon must not have: the wildcard or a jail's address. */
export function isWrong(c: RebindContext, l: Listener): boolean {
  return l.addr === '*' || c.jailIps.includes(l.addr);
}

export function wrongListeners(c: RebindContext, daemon: Daemon): Listener[] {
  return c.host.filter((l) => l.command === SOCKSTAT_COMMAND[daemon] && isWrong(c, l));
}

export function shownListener(l: Listener): string {
  return `${l.addr}:${l.port}`;
}

/** running / not running / not installed, from `service NAME onestatus`. */
export function runState(c: RebindContext, daemon: Daemon): 'running' | 'stopped' | 'missing' {
  const s = c.facts.get(serviceStatusFact({ name: daemon }));
  if (s.kind === 'unknown') throw new PlanError(`cannot tell whether ${daemon} runs: ${s.message}`);
  return s.kind;
}
