/**
 * The host's rc.conf for interfaces jailfleet creates (rc.d/netif creates
 * each `cloned_interfaces` word at boot), and the step that creates one now.
 */
import { command } from '../../shell/quote.js';
import { emptyParts, type PlanParts } from '../plan-parts.js';
import { NET } from '../scopes.js';
import { withItem } from '../sysrc/rc-list.js';
import type { RcTarget } from '../sysrc/facts.js';
import type { FactReader } from '../types.js';
import { rcSet } from './host-config.js';
import type { HostInterface } from './host-net.js';

export function clonedTarget(): RcTarget {
  return { name: 'cloned_interfaces', path: '/etc/rc.conf' };
}

/** `iface` listed in cloned_interfaces, once. */
export function planCloned(iface: string, facts: FactReader): PlanParts {
  return rcSet(clonedTarget(), facts, (v) => withItem(v, iface, ' '));
}

/** `ifconfig IF create [WORDS...]` when the host has no such interface. */
export function planCreateIface(ifaces: HostInterface[], iface: string, ...words: string[]): PlanParts {
  if (ifaces.some((i) => i.name === iface)) return emptyParts();
  return {
    steps: [{ title: `ifconfig ${iface} create`, command: command('ifconfig', iface, 'create', ...words), changes: [NET] }],
    diffs: [{ label: `interface ${iface}`, before: '', after: `${iface}\n` }],
    updates: [],
    notes: [`${iface} created`],
  };
}
