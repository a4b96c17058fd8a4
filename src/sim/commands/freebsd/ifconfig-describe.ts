/**
 * One interface as `ifconfig` (FreeBSD 14) prints it: sbin/ifconfig/ifconfig.c
 * status(): "%s: flags=%x<...> metric %d mtu %d", options, the ether line
 * (af_link), inet lines (af_inet.c "\tinet %s netmask 0x%lx broadcast %s"),
 * inet6, then the interface type's status (ifbridge.c bridge_status(),
 * ifmedia.c), "groups:", nd6 options.
 *
 * Cloned interfaces (their printb() flag words from IFFBITS, net/if.h:
 * UP 0x1, BROADCAST 0x2, LOOPBACK 0x8, RUNNING 0x40, SIMPLEX 0x800,
 * MULTICAST 0x8000, LOWER_UP 0x1000000):
 * - epair(4): "options=8<VLAN_MTU>", "groups: epair",
 *   "media: Ethernet 10Gbase-T (10Gbase-T <full-duplex>)", "status: active".
 * - if_bridge(4): the STP defaults (if_bridgevar.h / bridgestp.h: priority
 *   32768, hellotime 2, fwddelay 15, maxage 20, holdcnt 6, proto rstp,
 *   maxaddr 2000, timeout 1200), then per member (bridge_status()):
 *   "\tmember: %s flags=%x<...>\n\t        ifmaxaddr %u port %u priority %u path cost %u"
 *   with addm's default flags 0x143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>,
 *   port = the member's if_index, priority 128, and the RSTP path cost of its
 *   speed (20000 for 1 Gb/s, 2000 for 10 Gb/s: bstp_calc_path_cost()).
 * INFERRED (typical FreeBSD 14 output, not read from a source): LOWER_UP on
 * an up epair/bridge/lo and on a down epair and loopback, the bridge's
 * "id 00:00:00:00:00:00" while STP is off, and no options line on a bridge.
 */
import type { SimInterface, SimState } from '../../types.js';
import { ifIndex } from './ifconfig-vnet.js';

const IFF: Array<[number, string]> = [
  [0x1, 'UP'],
  [0x2, 'BROADCAST'],
  [0x8, 'LOOPBACK'],
  [0x40, 'RUNNING'],
  [0x800, 'SIMPLEX'],
  [0x8000, 'MULTICAST'],
  [0x1000000, 'LOWER_UP'],
];

function flags(bits: number): string {
  return `flags=${bits.toString(16)}<${IFF.filter(([b]) => bits & b).map(([, n]) => n).join(',')}>`;
}

function maskHex(prefixLen: number): string {
  const mask = prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
  return `0x${mask.toString(16).padStart(8, '0')}`;
}

function broadcast(addr: string, prefixLen: number): string {
  const n = addr.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
  const host = prefixLen >= 32 ? 0 : (0xffffffff >>> prefixLen) >>> 0;
  const b = (n | host) >>> 0;
  return [24, 16, 8, 0].map((s) => (b >>> s) & 255).join('.');
}

function addressLines(i: SimInterface, index: number, loop: boolean): string {
  let s = '';
  for (const a of i.inet) {
    s += `\tinet ${a.addr} netmask ${maskHex(a.prefixLen)}`;
    s += loop ? '\n' : ` broadcast ${broadcast(a.addr, a.prefixLen)}\n`;
  }
  for (const a of i.inet6) {
    const scoped = a.addr.startsWith('fe80:');
    s += `\tinet6 ${a.addr}${scoped && !a.addr.includes('%') ? `%${i.name}` : ''} prefixlen ${a.prefixLen}`;
    s += scoped ? ` scopeid 0x${index.toString(16)}\n` : '\n';
  }
  return s;
}

/** The host's own interfaces, as seeded (their UP flag is not tracked). */
function describeSeeded(i: SimInterface, index: number): string {
  const loop = i.name.startsWith('lo');
  let s = loop
    ? `${i.name}: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu ${i.mtu}\n\toptions=680003<RXCSUM,TXCSUM,LINKSTATE,RXCSUM_IPV6,TXCSUM_IPV6>\n`
    : `${i.name}: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu ${i.mtu}\n\toptions=4e524bb<RXCSUM,TXCSUM,VLAN_MTU,VLAN_HWTAGGING,JUMBO_MTU,VLAN_HWCSUM,LRO,WOL_MAGIC,VLAN_HWFILTER,VLAN_HWTSO,RXCSUM_IPV6,TXCSUM_IPV6,HWSTATS,MEXTPG>\n`;
  if (i.ether) s += `\tether ${i.ether}\n`;
  s += addressLines(i, index, loop);
  if (loop) s += '\tgroups: lo\n\tnd6 options=21<PERFORMNUD,AUTO_LINKLOCAL>\n';
  else s += '\tmedia: Ethernet autoselect (1000baseT <full-duplex>)\n\tstatus: active\n\tnd6 options=29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>\n';
  return s;
}

/** RSTP path cost of a member by its link speed (bstp_calc_path_cost). */
function pathCost(member: SimInterface | undefined): number {
  return member?.cloner === 'epair' ? 2000 : 20000;
}

function bridgeStatus(state: SimState, bridge: SimInterface): string {
  let s = '\tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15\n';
  s += '\tmaxage 20 holdcnt 6 proto rstp maxaddr 2000 timeout 1200\n';
  s += '\troot id 00:00:00:00:00:00 priority 32768 ifcost 0 port 0\n';
  for (const name of bridge.members ?? []) {
    const m = state.interfaces.find((i) => i.name === name && i.vnet === bridge.vnet);
    s += `\tmember: ${name} flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n`;
    s += `\t        ifmaxaddr 0 port ${m ? ifIndex(state, m) : 0} priority 128 path cost ${pathCost(m)}\n`;
  }
  return s;
}

function describeCloned(state: SimState, i: SimInterface, index: number): string {
  const up = i.up === true;
  if (i.cloner === 'lo') {
    let s = `${i.name}: ${flags(0x8 | 0x8000 | 0x1000000 | (up ? 0x1 | 0x40 : 0))} metric 0 mtu ${i.mtu}\n`;
    s += '\toptions=680003<RXCSUM,TXCSUM,LINKSTATE,RXCSUM_IPV6,TXCSUM_IPV6>\n';
    return `${s}${addressLines(i, index, true)}\tgroups: lo\n\tnd6 options=21<PERFORMNUD,AUTO_LINKLOCAL>\n`;
  }
  if (i.cloner === 'epair') {
    let s = `${i.name}: ${flags(0x2 | 0x800 | 0x8000 | 0x1000000 | (up ? 0x1 | 0x40 : 0))} metric 0 mtu ${i.mtu}\n`;
    s += `\toptions=8<VLAN_MTU>\n\tether ${i.ether}\n${addressLines(i, index, false)}`;
    return `${s}\tgroups: epair\n\tmedia: Ethernet 10Gbase-T (10Gbase-T <full-duplex>)\n\tstatus: active\n\tnd6 options=29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>\n`;
  }
  const linked = up && (i.members ?? []).length > 0;
  let s = `${i.name}: ${flags(0x2 | 0x800 | 0x8000 | (up ? 0x1 | 0x40 : 0) | (linked ? 0x1000000 : 0))} metric 0 mtu ${i.mtu}\n`;
  s += `\tether ${i.ether}\n${addressLines(i, index, false)}${bridgeStatus(state, i)}`;
  return `${s}\tgroups: bridge\n\tnd6 options=9<PERFORMNUD,IFDISABLED>\n`;
}

export function describeInterface(state: SimState, i: SimInterface): string {
  const index = ifIndex(state, i);
  return i.cloner ? describeCloned(state, i, index) : describeSeeded(i, index);
}
