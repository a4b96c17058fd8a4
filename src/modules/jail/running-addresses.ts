/**
 * Which of a running jail's addresses its stop takes off the host's
 * interfaces. jail(8) adds an alias for every `iface|addr` (or `interface =`)
 * entry when it creates a jail and removes it when it removes the jail by
 * the same configuration; a stop that goes by the running jail instead
 * (teardown.ts) must decide per address. The rule: every address the jail
 * holds goes, unless the host itself owns it —
 *  - the controller's connection uses it;
 *  - rc.conf configures it (`ifconfig_IF`, `ifconfig_IF_aliasN`,
 *    `ipv4_addrs_IF`: an ip_alias task, or the host's own address);
 *  - it is its interface's first address (the interface's own, e.g. from
 *    DHCP) and no configuration of this jail says jail(8) adds it — a jail
 *    on lo1 holds lo1's only, hence first, address, and that one goes.
 */
import type { RcAll } from '../ip-alias/facts.js';
import type { JailArgs } from './args.js';
import { holdersOf, type HostInterface } from './host-net.js';
import type { RunningJail } from './jls-fact.js';

export interface AliasRemoval {
  iface: string;
  addr: string;
}

export interface AddressTeardown {
  remove: AliasRemoval[];
  keep: Array<{ addr: string; why: string }>;
}

const IP4 = /\d{1,3}(?:\.\d{1,3}){3}/g;
const IFACE_ADDR = /([A-Za-z][A-Za-z0-9_.]*)\|(\d{1,3}(?:\.\d{1,3}){3})/g;

/** The interface every bare address goes on: `interface = IF;` (a string). */
export function defaultInterface(a: JailArgs): string | undefined {
  const v = a.params.interface;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Addresses the playbook's configuration has jail(8) add on an interface. */
export function claimedByArgs(a: JailArgs): string[] {
  const iface = defaultInterface(a);
  return a.ip4.filter((e) => e.iface !== undefined || iface !== undefined).map((e) => e.addr);
}

/** The same, from a jail.conf text (the file on the host, maybe edited by hand). */
export function claimedByConf(text: string | undefined): string[] {
  if (text === undefined) return [];
  const addrLines = text.split('\n').filter((l) => /^\s*ip4\.addr\s*\+?=/.test(l));
  if (/^\s*interface\s*\+?=/m.test(text)) return addrLines.flatMap((l) => l.match(IP4) ?? []);
  return addrLines.flatMap((l) => [...l.matchAll(IFACE_ADDR)].map((m) => m[2] ?? ''));
}

function rcOwner(rc: RcAll, addr: string): string | undefined {
  for (const [name, value] of rc) {
    if (/^(ifconfig|ipv4_addrs)_/.test(name) && value.split(/[\s/,]+/).includes(addr)) return name;
  }
  return undefined;
}

export function addressTeardown(
  running: RunningJail,
  ifaces: HostInterface[],
  rc: RcAll,
  claimed: ReadonlySet<string>,
  controller: string | undefined,
): AddressTeardown {
  const out: AddressTeardown = { remove: [], keep: [] };
  for (const addr of running.ip4) {
    const holders = holdersOf(ifaces, addr);
    if (!holders.length) continue;
    if (addr === controller) {
      out.keep.push({ addr, why: 'the controller is connected through it' });
      continue;
    }
    const owner = rcOwner(rc, addr);
    if (owner !== undefined) {
      out.keep.push({ addr, why: `rc.conf configures it (${owner})` });
      continue;
    }
    for (const h of holders) {
      if (h.first && !claimed.has(addr)) out.keep.push({ addr, why: `it is ${h.iface}'s own address` });
      else out.remove.push({ iface: h.iface, addr });
    }
  }
  return out;
}
