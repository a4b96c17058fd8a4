/**
 * ip4.addr entries ("em0|192.0.2.10/32") and the interface aliases jail(8)
 * adds at creation and removes at removal (it runs ifconfig for them).
 */
import type { SimState } from '../../types.js';

export interface Ip4Entry {
  iface?: string;
  addr: string;
  prefixLen: number;
}

function maskToPrefix(mask: string): number {
  return mask
    .split('.')
    .map((o) => Number(o).toString(2).replace(/0/g, ''))
    .join('').length;
}

/** Split one ip4.addr value as config.c's check_intparams does. */
export function parseIp4(value: string, defaultIface?: string): Ip4Entry {
  let rest = value.trim();
  let iface = defaultIface;
  const bar = rest.indexOf('|');
  if (bar >= 0) {
    iface = rest.slice(0, bar);
    rest = rest.slice(bar + 1);
  }
  const [addrPart = '', ...opts] = rest.split(/\s+/);
  const [addr = '', mask] = addrPart.split('/');
  let prefixLen = 32;
  if (mask) prefixLen = mask.includes('.') ? maskToPrefix(mask) : Number(mask);
  const nm = opts.indexOf('netmask');
  if (nm >= 0 && opts[nm + 1]) prefixLen = maskToPrefix(opts[nm + 1]!);
  return iface ? { iface, addr, prefixLen } : { addr, prefixLen };
}

/** ifconfig IFACE inet ADDR/LEN alias; returns ifconfig's error text on failure. */
export function addAlias(state: SimState, e: Ip4Entry): string | undefined {
  const ifc = state.interfaces.find((i) => i.name === e.iface && i.vnet === undefined);
  if (!ifc) return `ifconfig: interface ${e.iface} does not exist`;
  if (ifc.inet.some((a) => a.addr === e.addr)) return 'ifconfig: ioctl (SIOCAIFADDR): File exists'; // INFERRED
  ifc.inet.push({ addr: e.addr, prefixLen: e.prefixLen });
  return undefined;
}

/** ifconfig IFACE inet ADDR -alias; a missing address is not an error for jail(8)'s teardown. */
export function removeAlias(state: SimState, e: Ip4Entry): void {
  const ifc = state.interfaces.find((i) => i.name === e.iface && i.vnet === undefined);
  if (!ifc) return;
  ifc.inet = ifc.inet.filter((a) => a.addr !== e.addr);
}
