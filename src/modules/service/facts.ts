import { command } from '../../shell/quote.js';
import { rcValueFact, type RcTarget } from '../sysrc/facts.js';
import type { FactSpec } from '../types.js';
import type { ServiceArgs } from './args.js';
import { rcvarFor } from './rcvar.js';
import { statusReads } from './scopes.js';
import { statusBatch } from './status-batch.js';

/**
 * `onestatus` answers whatever NAME_enable says (plain `status` prints
 * "Cannot 'status' ..." and exits 0 for a disabled service — rc.subr).
 */
export type ServiceStatus =
  | { kind: 'running' }
  | { kind: 'stopped' }
  | { kind: 'missing'; message: string }
  | { kind: 'unknown'; message: string };

/** `service` and its `-j JAIL`: what comes before the service's name. */
function servicePrefix(args: Pick<ServiceArgs, 'jail'>): string[] {
  return args.jail === undefined ? ['service'] : ['service', '-j', args.jail];
}

export function serviceWords(args: Pick<ServiceArgs, 'name' | 'jail'>, action: string): string {
  return command(...servicePrefix(args), args.name, action);
}

export function serviceStatusFact(args: Pick<ServiceArgs, 'name' | 'jail'>): FactSpec<ServiceStatus> {
  return {
    key: `service:${args.jail ?? ''}:${args.name}`,
    command: serviceWords(args, 'onestatus'),
    parse(out) {
      const text = `${out.stdout}${out.stderr}`.trim();
      if (out.code === 0) return { kind: 'running' };
      if (/is not running/.test(text)) return { kind: 'stopped' };
      if (/does not exist/.test(text)) return { kind: 'missing', message: text };
      return { kind: 'unknown', message: text || `exit ${out.code}` };
    },
    reads: statusReads(args),
    batch: statusBatch(servicePrefix(args), args.name),
  };
}

/** The enable variable lives in the (jail's) /etc/rc.conf, shared with sysrc tasks. */
export function enableTarget(args: ServiceArgs): RcTarget {
  return { name: args.rcvar ?? rcvarFor(args.name), path: '/etc/rc.conf', jail: args.jail };
}

export function needsStatus(args: ServiceArgs): boolean {
  return args.state !== undefined && args.state !== 'restarted';
}

export function serviceFacts(args: ServiceArgs): FactSpec[] {
  return [
    ...(args.enabled !== undefined ? [rcValueFact(enableTarget(args))] : []),
    ...(needsStatus(args) ? [serviceStatusFact(args)] : []),
  ];
}
