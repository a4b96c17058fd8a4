/**
 * A host that must not hold a jail's addresses once the jail is down: after
 * the source's stop, and on the destination after a rollback took its copy
 * down. jail(8) removes the aliases it added when it removes the jail; one
 * left behind stays: a failed `ifconfig -alias`, or a copy that died right
 * after its start (its /etc/rc left no process in a jail without
 * `persist`), which no `jail -r` removes.
 */
import type { Transport } from '../../transport/transport.js';
import { quote } from '../../shell/quote.js';
import { holdersOf } from '../../modules/jail/host-net.js';
import { holds, readSite } from './jail-site.js';

/**
 * Remove the aliases of `addrs` the host holds while the jail `name` does
 * not run: never an interface's first address, nor one a running jail holds
 * (this one, or any other: its address is its own). The addresses the host
 * still holds after that.
 */
export async function releaseAliases(transport: Transport, name: string, addrs: readonly string[]): Promise<string[]> {
  let site = await readSite(transport, name);
  const left = addrs.filter((a) => holds(site, a));
  const stray = site.running ? [] : left.filter((a) => !site.jails.some((j) => j.ip4.includes(a)));
  if (stray.length === 0) return left;
  const removals = stray.flatMap((a) => holdersOf(site.ifaces, a).filter((h) => !h.first).map((h) => `ifconfig ${quote(h.iface)} inet ${quote(a)} -alias`));
  if (removals.length === 0) return left;
  await transport.exec(removals.join('; '));
  site = await readSite(transport, name);
  return addrs.filter((a) => holds(site, a));
}
