/**
 * Which network stack (vnet) an interface lives in. A jail created with
 * `vnet` (jail(8): "Create the jail with its own virtual network stack, with
 * its own network interfaces, addresses, routing table, etc.") has its own
 * lo0; interfaces are moved in with `ifconfig IF vnet JAIL` or jail(8)'s
 * `vnet.interface`, out with `ifconfig IF -vnet JAIL`, and when the jail's
 * vnet is destroyed the kernel returns each moved interface to the host and
 * destroys the ones created inside (sys/net/if.c if_vmove(), vnet_if_return).
 * A moved interface loses its addresses and leaves its bridge
 * (if_detach_internal(): departure event, if_bridge's bridge_ifdetach).
 */
import type { SimInterface, SimState } from '../../types.js';

/** Whether a running jail has a vnet of its own (jls: vnet=new). */
export function isVnetJail(state: SimState, jail: string | undefined): boolean {
  if (jail === undefined) return false;
  return state.jails.find((j) => j.name === jail)?.params.vnet === 'new';
}

/** The vnet a process of `jail` sees: the jail's own, else the host's (undefined). */
export function vnetOf(state: SimState, jail: string | undefined): string | undefined {
  return isVnetJail(state, jail) ? jail : undefined;
}

/** The interfaces of one vnet, in attach order. */
export function interfacesIn(state: SimState, vnet: string | undefined): SimInterface[] {
  return state.interfaces.filter((i) => i.vnet === vnet);
}

export function findInterface(state: SimState, vnet: string | undefined, name: string): SimInterface | undefined {
  return state.interfaces.find((i) => i.name === name && i.vnet === vnet);
}

/** if_index: given at creation, else the position in the list (seeded interfaces). */
export function ifIndex(state: SimState, iface: SimInterface): number {
  return iface.index ?? state.interfaces.indexOf(iface) + 1;
}

export function nextIfIndex(state: SimState): number {
  let max = 0;
  for (const i of state.interfaces) max = Math.max(max, ifIndex(state, i));
  return max + 1;
}

/** Take an interface out of every bridge of its vnet (bridge_ifdetach). */
export function leaveBridges(state: SimState, iface: SimInterface): void {
  for (const b of interfacesIn(state, iface.vnet)) if (b.members) b.members = b.members.filter((m) => m !== iface.name);
}

/** if_vmove(): to another vnet, without its addresses; it arrives down. INFERRED: IFF_UP cleared by if_detach_internal's if_down(). */
export function moveInterface(state: SimState, iface: SimInterface, to: string | undefined): void {
  leaveBridges(state, iface);
  // It keeps its if_index and joins the end of the destination's interface list (if_attach_internal).
  iface.index ??= ifIndex(state, iface);
  state.interfaces = [...state.interfaces.filter((i) => i !== iface), iface];
  iface.vnet = to;
  iface.inet = [];
  iface.inet6 = [];
  if (iface.cloner) iface.up = false;
}

/** A new vnet's lo0 (down, no address: rc.d/netif in the jail brings it up). */
export function createVnet(state: SimState, jail: string): void {
  state.interfaces.push({ name: 'lo0', mtu: 16384, inet: [], inet6: [], cloner: 'lo', up: false, index: nextIfIndex(state), vnet: jail, bornIn: jail });
}

/** The vnet of a removed jail goes away: its own interfaces are destroyed, moved ones come home. */
export function reclaimVnet(state: SimState, jail: string): void {
  if (!state.interfaces.some((i) => i.vnet === jail)) return;
  state.interfaces = state.interfaces.filter((i) => !(i.vnet === jail && i.bornIn === jail));
  for (const i of state.interfaces) if (i.vnet === jail) moveInterface(state, i, undefined);
}
