/**
 * A stale alias: the jail does not run, yet the host holds one of its
 * addresses on the interface its ip4.addr names — a stop cut short after
 * `jail -r` (the connection dropped, `ifconfig -alias` failed), or an alias
 * put back by hand. jail(8) would fail to add it again ("ifconfig: ioctl
 * (SIOCAIFADDR): File exists", freebsd.md §11), and the start with it. So
 * the start removes it first, never an interface's first address, the
 * address the controller reaches the host on, or one a running jail holds:
 * those fail the task instead, before anything changes.
 */
import { quote } from '../../shell/quote.js';
import { emptyParts, type PlanParts } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { NET } from '../scopes.js';
import type { ModuleContext } from '../types.js';
import type { JailArgs } from './args.js';
import { holdersOf, type HostInterface } from './host-net.js';
import type { RunningJail } from './jls-fact.js';

export function planStaleAliases(a: JailArgs, jails: RunningJail[], ifaces: HostInterface[], ctx: ModuleContext): PlanParts {
  const parts = emptyParts();
  for (const e of a.ip4) {
    if (e.iface === undefined) continue;
    const holders = holdersOf(ifaces, e.addr).filter((h) => h.iface === e.iface);
    if (holders.length === 0) continue;
    const owner = jails.find((j) => j.name !== a.name && j.ip4.includes(e.addr));
    if (owner) throw new PlanError(`jail ${a.name}: ${e.addr} is held by the running jail ${owner.name}`);
    if (holders.some((h) => h.first) || e.addr === ctx.connectedAddress) {
      throw new PlanError(`jail ${a.name}: ${e.addr} is ${e.iface}'s own address on ${ctx.host}, not an alias jail(8) can add`);
    }
    parts.steps.push({ title: `remove stale alias ${e.addr} from ${e.iface}`, command: `ifconfig ${quote(e.iface)} inet ${quote(e.addr)} -alias`, changes: [NET] });
    parts.notes.push(`stale alias ${e.addr} on ${e.iface} removed before the start (the jail was not running)`);
  }
  return parts;
}
