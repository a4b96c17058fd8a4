/**
 * The host side of a `network: vnet` jail: the bridge its epair's host end
 * joins (created now and at boot through rc.conf, with the uplink as member
 * when `bridge_uplink` is given). The epair itself belongs to the jail's
 * lifetime (exec.prestart/poststop in its conf, conf-render.ts); while the
 * jail runs, its epairNa is put back on the bridge if it left (a bridge
 * destroyed and remade by hand takes no member back).
 */
import { command } from '../../shell/quote.js';
import { emptyParts, mergeParts, type PlanParts } from '../plan-parts.js';
import { NET } from '../scopes.js';
import { rcValueFact, type RcTarget } from '../sysrc/facts.js';
import type { FactReader, FactSpec } from '../types.js';
import type { JailArgs } from './args.js';
import { rcSet } from './host-config.js';
import { interfacesFact, type HostInterface } from './host-net.js';
import { clonedTarget, planCloned, planCreateIface } from './net-rc.js';

function bridgeRcTarget(bridge: string): RcTarget {
  return { name: `ifconfig_${bridge}`, path: '/etc/rc.conf' };
}

export function vnetFacts(a: JailArgs): FactSpec[] {
  if (!a.vnet) return [];
  return [interfacesFact(), rcValueFact(clonedTarget()), rcValueFact(bridgeRcTarget(a.vnet.bridge))];
}

function addMember(bridge: string, member: string): PlanParts {
  return {
    steps: [{ title: `ifconfig ${bridge} addm ${member}`, command: command('ifconfig', bridge, 'addm', member), changes: [NET] }],
    diffs: [],
    updates: [],
    notes: [`${member} added to ${bridge}`],
  };
}

/** Members the bridge lacks: the uplink always, the jail's epairNa when it exists (the jail runs). */
function planMembers(ifaces: HostInterface[], bridge: string, wanted: string[]): PlanParts {
  const current = ifaces.find((i) => i.name === bridge)?.members ?? [];
  return mergeParts(...wanted.filter((m) => !current.includes(m)).map((m) => addMember(bridge, m)));
}

/**
 * An epair left behind by a jail removed without its conf (`jail -R`, a
 * crash): exec.prestart's `ifconfig epairN create` would fail on it, so it
 * goes before the start. It is this jail's by name: `vnet.interface` claims it.
 */
function planStaleEpair(ifaces: HostInterface[], epair: string): PlanParts {
  if (!ifaces.some((i) => i.name === epair)) return emptyParts();
  return {
    steps: [{ title: `ifconfig ${epair} destroy`, command: command('ifconfig', epair, 'destroy'), changes: [NET] }],
    diffs: [{ label: `interface ${epair}`, before: `${epair}\n`, after: '' }],
    updates: [],
    notes: [`stale ${epair} destroyed`],
  };
}

export function planVnetHost(a: JailArgs, facts: FactReader, running: boolean): PlanParts {
  if (!a.vnet) return emptyParts();
  const { bridge, uplink, unit } = a.vnet;
  const ifaces = facts.get(interfacesFact());
  const epair = `epair${unit}a`;
  const wanted = [...(uplink ? [uplink] : []), ...(running && ifaces.some((i) => i.name === epair) ? [epair] : [])];
  const boot = uplink ? `addm ${uplink} up` : 'up';
  return mergeParts(
    running ? emptyParts() : planStaleEpair(ifaces, epair),
    planCloned(bridge, facts),
    // Set only when unset: an operator's own bridge configuration is theirs.
    rcSet(bridgeRcTarget(bridge), facts, (v) => (v.trim() ? undefined : boot)),
    planCreateIface(ifaces, bridge, 'up'),
    planMembers(ifaces, bridge, wanted),
  );
}
