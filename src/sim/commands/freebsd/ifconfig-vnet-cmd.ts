/**
 * `ifconfig IF vnet JAIL` and `ifconfig IF -vnet JAIL` (sbin/ifconfig/
 * ifconfig.c setifvnet/setifrvnet: jail_getid(), errx(1, "%s", jail_errmsg)
 * when the jail is unknown — libjail's `jail "%s" not found` —, then
 * err(1, "SIOCSIFVNET") / err(1, "SIOCSIFRVNET")). The kernel (sys/net/if.c
 * if_vmove_loan/if_vmove_reclaim) refuses a move within one vnet (EEXIST),
 * a name already taken in the destination (EEXIST), and a reclaim of an
 * interface the jail does not hold (ENXIO). INFERRED: a jail without a vnet
 * of its own shares the host's, so moving into it is "within one vnet".
 */
import type { SimInterface, SimJail, SimState } from '../../types.js';
import { findInterface, isVnetJail, moveInterface } from './ifconfig-vnet.js';

function jailByNameOrJid(state: SimState, key: string): SimJail | undefined {
  return /^\d+$/.test(key) ? state.jails.find((j) => j.jid === Number(key)) : state.jails.find((j) => j.name === key);
}

/** SIOCSIFVNET: move a host interface into the jail's vnet. */
export function vnetMove(state: SimState, iface: SimInterface, jailKey: string): string | undefined {
  const jail = jailByNameOrJid(state, jailKey);
  if (!jail) return `ifconfig: jail "${jailKey}" not found`;
  if (!isVnetJail(state, jail.name) || findInterface(state, jail.name, iface.name)) return 'ifconfig: SIOCSIFVNET: File exists';
  moveInterface(state, iface, jail.name);
  return undefined;
}

/** SIOCSIFRVNET: take `name` back from the jail's vnet into the host's. */
export function vnetReturn(state: SimState, name: string, jailKey: string): string | undefined {
  const jail = jailByNameOrJid(state, jailKey);
  if (!jail) return `ifconfig: jail "${jailKey}" not found`;
  const iface = isVnetJail(state, jail.name) ? findInterface(state, jail.name, name) : undefined;
  if (!iface || iface.bornIn === jail.name) return 'ifconfig: SIOCSIFRVNET: Device not configured';
  if (findInterface(state, undefined, name)) return 'ifconfig: SIOCSIFRVNET: File exists';
  moveInterface(state, iface, undefined);
  return undefined;
}
