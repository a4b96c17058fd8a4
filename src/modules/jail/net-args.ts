/**
 * `network:` (alias | vnet | nat) checked and turned into the shape the
 * planners use. alias is today's behaviour: ip4.addr entries as given.
 * nat: each address goes on the private loopback (`nat_interface`, lo1)
 * unless it names its interface. vnet: jail(8) sets no address (a vnet jail
 * has none of the host's); the jail's own rc.d/netif configures its end of
 * the epair from its rc.conf, so the address moves to rc_conf.
 */
import type { z } from 'zod';
import type { Ip4Entry } from './args.js';

interface NetInput {
  network: 'alias' | 'vnet' | 'nat';
  nat_interface: string;
  external_interface?: string;
  ports: Array<{ proto: 'tcp' | 'udp'; host: number; jail: number }>;
  bridge: string;
  bridge_uplink?: string;
  epair?: number;
  gateway?: string;
  ip4?: Ip4Entry | Ip4Entry[];
  state: string;
  rc_conf: Record<string, string>;
}

export interface VnetShape {
  bridge: string;
  uplink?: string;
  /** The epair unit N: epairNa on the host's bridge, epairNb in the jail. */
  unit: number;
  addr: Ip4Entry;
}

export function checkNetwork(a: NetInput, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string): void => ctx.addIssue({ code: 'custom', path: [path], message });
  const ip4 = a.ip4 === undefined ? [] : Array.isArray(a.ip4) ? a.ip4 : [a.ip4];
  if (a.network !== 'nat' && a.ports.length) issue('ports', 'ports (port forwards) go with network: nat');
  if (a.state === 'absent') return;
  if (a.network === 'nat') {
    if (a.external_interface === undefined) issue('external_interface', 'network: nat needs external_interface (the host interface the jail is NATed behind, e.g. em0)');
    if (!ip4.length) issue('ip4', 'network: nat needs an ip4 address for the jail');
  }
  if (a.network === 'vnet') {
    if (a.epair === undefined) issue('epair', 'network: vnet needs epair: N (the jail gets epairNb)');
    if (ip4.length !== 1) issue('ip4', 'network: vnet needs exactly one ip4 address ("a.b.c.d/len")');
    else if (ip4[0]?.iface !== undefined) issue('ip4', 'a vnet jail\'s address names no host interface: give "a.b.c.d/len"');
  }
}

export function networkShape(a: NetInput, ip4: Ip4Entry[]): { ip4: Ip4Entry[]; vnet?: VnetShape; rc_conf: Record<string, string> } {
  if (a.network === 'nat') return { ip4: ip4.map((e) => ({ ...e, iface: e.iface ?? a.nat_interface })), rc_conf: a.rc_conf };
  if (a.network !== 'vnet' || a.epair === undefined || !ip4[0]) return { ip4, rc_conf: a.rc_conf };
  const addr = ip4[0];
  const rc: Record<string, string> = { ...a.rc_conf, [`ifconfig_epair${a.epair}b`]: `inet ${addr.addr}/${addr.prefix ?? 24}` };
  if (a.gateway !== undefined) rc.defaultrouter = a.gateway;
  const vnet: VnetShape = { bridge: a.bridge, unit: a.epair, addr, ...(a.bridge_uplink === undefined ? {} : { uplink: a.bridge_uplink }) };
  return { ip4: [], vnet, rc_conf: rc };
}
