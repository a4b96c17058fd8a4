/**
 * `ifconfig NAME create` and `ifconfig NAME destroy` for the cloners jails
 * use: epair(4) ("epair" or "epairN" makes the pair epairNa/epairNb),
 * if_bridge(4) ("bridge", "bridgeN") and lo(4) ("lo", "loN"). A name
 * without a unit takes the lowest free one (if_clone.c ifc_alloc_unit);
 * ifconfig prints the created name when it differs from the one given
 * (ifclone.c ifclonecreate: "If we get a different name back than we put
 * in ... printifname"), so `bridge create` prints bridge0, `bridge3 create`
 * prints nothing and `epair create` prints epair0a. Destroying either end
 * of an epair destroys both (epair(4): "destroying one end destroys both").
 * INFERRED wording for an existing name ("interface %s already exists",
 * ioctl_ifcreate() on EEXIST) and for a cloner the simulator lacks.
 */
import { createHash } from 'node:crypto';
import type { SimInterface, SimState } from '../../types.js';
import { leaveBridges, nextIfIndex } from './ifconfig-vnet.js';

type Cloner = NonNullable<SimInterface['cloner']>;

const NAME = /^(epair|bridge|lo)(\d*)$/;

/** Locally administered (epair: 02:...:0a/0b, if_epair.c epair_generate_mac) or FreeBSD-OUI (bridge: 58:9c:fc, ether_gen_addr) addresses, stable per host and name. */
function etherFor(state: SimState, name: string, first: string, last?: string): string {
  const h = createHash('sha256').update(`${state.hostname}/${name}`).digest();
  const bytes = first === '02' ? [h[0]!, h[1]!, h[2]!, h[3]!] : [h[0]! | 0x10, h[1]!, h[2]!];
  return [first, ...bytes.map((b) => b.toString(16).padStart(2, '0')), ...(last ? [last] : [])].join(':');
}

/** Names that hold a unit of `vnet`'s cloner: the host's interfaces wherever they are now, and those born in `vnet`. */
function taken(state: SimState, vnet: string | undefined, name: string): boolean {
  return state.interfaces.some((i) => i.name === name && i.bornIn === vnet);
}

function unitFree(state: SimState, vnet: string | undefined, cloner: Cloner, unit: number): boolean {
  if (cloner === 'epair') return !taken(state, vnet, `epair${unit}a`) && !taken(state, vnet, `epair${unit}b`);
  return !taken(state, vnet, `${cloner}${unit}`);
}

export interface Created {
  /** The interface later arguments apply to (epairNa for a pair). */
  name: string;
  /** Whether ifconfig prints the name. */
  print: boolean;
}

/** Create `requested` in `vnet`; the created interface, or ifconfig's error text. */
export function cloneCreate(state: SimState, vnet: string | undefined, requested: string): Created | string {
  const m = NAME.exec(requested);
  if (!m) return `ifconfig: SIOCIFCREATE2 (${requested}): Invalid argument`;
  const cloner = m[1] as Cloner;
  let unit: number;
  if (m[2] === '') for (unit = 0; !unitFree(state, vnet, cloner, unit); unit++);
  else {
    unit = Number(m[2]);
    if (!unitFree(state, vnet, cloner, unit)) return `ifconfig: interface ${requested} already exists`;
  }
  const base = (name: string): SimInterface => ({ name, mtu: cloner === 'lo' ? 16384 : 1500, inet: [], inet6: [], cloner, up: false, index: nextIfIndex(state), ...(vnet === undefined ? {} : { vnet, bornIn: vnet }) });
  if (cloner === 'epair') {
    state.interfaces.push({ ...base(`epair${unit}a`), ether: etherFor(state, `epair${unit}`, '02', '0a') });
    state.interfaces.push({ ...base(`epair${unit}b`), ether: etherFor(state, `epair${unit}`, '02', '0b') });
    return { name: `epair${unit}a`, print: true };
  }
  const name = `${cloner}${unit}`;
  state.interfaces.push(cloner === 'bridge' ? { ...base(name), ether: etherFor(state, name, '58:9c:fc'), members: [] } : base(name));
  return { name, print: name !== requested };
}

/** Destroy a cloned interface (both ends of an epair, wherever the other end is); ifconfig's error text on failure. */
export function cloneDestroy(state: SimState, iface: SimInterface): string | undefined {
  if (!iface.cloner || (iface.cloner === 'lo' && iface.name === 'lo0')) return 'ifconfig: SIOCIFDESTROY: Invalid argument';
  const pair = iface.cloner === 'epair' ? iface.name.slice(0, -1) : undefined;
  const doomed = state.interfaces.filter((i) => i === iface || (pair !== undefined && i.cloner === 'epair' && i.name.slice(0, -1) === pair));
  for (const i of doomed) leaveBridges(state, i);
  state.interfaces = state.interfaces.filter((i) => !doomed.includes(i));
  return undefined;
}
