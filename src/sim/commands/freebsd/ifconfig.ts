/**
 * ifconfig(8): listing in FreeBSD 14 format, `-l`, and IPv4 alias add/remove
 * in the forms jailfleet and the handbook use (freebsd.md §8, §11):
 * `IF alias A/32`, `IF inet A/32 alias`, `IF inet A netmask M alias`,
 * `IF inet A -alias`, `IF -alias A`, `IF inet A delete`.
 */
import type { SimCommand, SimInterface } from '../../types.js';
import { isIPv4 } from '../../rc/addresses.js';
import { Output } from './output.js';

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

export function describeInterface(i: SimInterface, index: number): string {
  const loop = i.name.startsWith('lo');
  let s = loop
    ? `${i.name}: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu ${i.mtu}\n\toptions=680003<RXCSUM,TXCSUM,LINKSTATE,RXCSUM_IPV6,TXCSUM_IPV6>\n`
    : `${i.name}: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu ${i.mtu}\n\toptions=4e524bb<RXCSUM,TXCSUM,VLAN_MTU,VLAN_HWTAGGING,JUMBO_MTU,VLAN_HWCSUM,LRO,WOL_MAGIC,VLAN_HWFILTER,VLAN_HWTSO,RXCSUM_IPV6,TXCSUM_IPV6,HWSTATS,MEXTPG>\n`;
  if (i.ether) s += `\tether ${i.ether}\n`;
  for (const a of i.inet) {
    s += `\tinet ${a.addr} netmask ${maskHex(a.prefixLen)}`;
    s += loop ? '\n' : ` broadcast ${broadcast(a.addr, a.prefixLen)}\n`;
  }
  for (const a of i.inet6) {
    const scoped = a.addr.startsWith('fe80:');
    s += `\tinet6 ${a.addr}${scoped && !a.addr.includes('%') ? `%${i.name}` : ''} prefixlen ${a.prefixLen}`;
    s += scoped ? ` scopeid 0x${(index + 1).toString(16)}\n` : '\n';
  }
  if (loop) s += '\tgroups: lo\n\tnd6 options=21<PERFORMNUD,AUTO_LINKLOCAL>\n';
  else s += '\tmedia: Ethernet autoselect (1000baseT <full-duplex>)\n\tstatus: active\n\tnd6 options=29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>\n';
  return s;
}

function classfulPrefix(addr: string): number {
  const first = Number(addr.split('.')[0]);
  if (first < 128) return 8;
  if (first < 192) return 16;
  return 24;
}

function parseMask(mask: string): number | undefined {
  let n: number;
  if (/^0x[0-9a-f]{8}$/i.test(mask)) n = parseInt(mask, 16);
  else if (isIPv4(mask)) n = mask.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
  else return undefined;
  let len = 0;
  while (len < 32 && n & (0x80000000 >>> len)) len++;
  return len;
}

function badValue(out: Output, text: string): number {
  out.err(text);
  return 1;
}

function change(iface: SimInterface, args: string[], out: Output): number {
  let addr: string | undefined;
  let prefixLen: number | undefined;
  let remove = false;
  let add = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === 'inet') continue;
    if (a === 'alias' || a === 'add') add = true;
    else if (a === '-alias' || a === 'delete' || a === 'remove') remove = true;
    else if (a === 'netmask') {
      const m = parseMask(args[++k] ?? '');
      if (m === undefined) return badValue(out, `ifconfig: ${args[k] ?? ''}: bad value\n`);
      prefixLen = m;
    } else if (a === 'up' || a === 'down' || a === 'mtu' || a === 'broadcast') {
      if (a === 'mtu' || a === 'broadcast') k++;
    } else if (addr === undefined) {
      const [ip, len] = a.split('/');
      if (!ip || !isIPv4(ip) || (len !== undefined && !(/^\d+$/.test(len) && Number(len) <= 32))) {
        return badValue(out, `ifconfig: ${a}: bad value\n`);
      }
      addr = ip;
      if (len !== undefined) prefixLen = Number(len);
    } else {
      return badValue(out, `ifconfig: ${a}: bad value\n`);
    }
  }
  if (addr === undefined) return 0;
  const existing = iface.inet.findIndex((x) => x.addr === addr);
  if (remove) {
    if (existing < 0) {
      out.err("ifconfig: ioctl (SIOCDIFADDR): Can't assign requested address\n");
      return 1;
    }
    iface.inet.splice(existing, 1);
    return 0;
  }
  const len = prefixLen ?? classfulPrefix(addr);
  if (existing >= 0) {
    // SIOCAIFADDR on an existing address updates its mask.
    iface.inet[existing] = { addr, prefixLen: len };
    return 0;
  }
  if (!add && iface.inet.length) {
    // Without "alias" the new address replaces the primary one.
    iface.inet[0] = { addr, prefixLen: len };
    return 0;
  }
  iface.inet.push({ addr, prefixLen: len });
  return 0;
}

export const ifconfig: SimCommand = (ctx) => {
  const out = new Output();
  const args = ctx.argv.slice(1);
  const ifaces = ctx.host.state.interfaces;
  if (args[0] === '-l') return out.out(`${ifaces.map((i) => i.name).join(' ')}\n`).result(0);
  if (args.length === 0 || args[0] === '-a') {
    ifaces.forEach((i, n) => out.out(describeInterface(i, n)));
    return out.result(0);
  }
  const name = args[0]!;
  const index = ifaces.findIndex((i) => i.name === name);
  const iface = ifaces[index];
  if (!iface) return out.err(`ifconfig: interface ${name} does not exist\n`).result(1);
  if (args.length === 1) return out.out(describeInterface(iface, index)).result(0);
  if (ctx.jail !== undefined) {
    return out.err('ifconfig: ioctl (SIOCAIFADDR): permission denied\n').result(1);
  }
  return out.result(change(iface, args.slice(1), out));
};
