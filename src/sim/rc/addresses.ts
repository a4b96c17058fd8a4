/**
 * Which addresses a (possibly jailed) daemon may bind, and what a bind turns
 * into: a wildcard bind in a jail with exactly one IPv4 address becomes that
 * address (sys/netinet/in_jail.c prison_local_ip4, freebsd.md §5).
 */
import { interfacesIn, vnetOf } from '../commands/freebsd/ifconfig-vnet.js';
import type { SimListener, SimState } from '../types.js';

export type Proto = SimListener['proto'];
export type ListenSpec = Omit<SimListener, 'fd'>;

export interface LocalAddresses {
  ip4: string[];
  ip6: string[];
}

export function localAddresses(state: SimState, jail: string | undefined): LocalAddresses {
  // A vnet jail's addresses are those of its own interfaces; the host's exclude interfaces lent to jails.
  const vnet = vnetOf(state, jail);
  if (jail !== undefined && vnet === undefined) {
    const j = state.jails.find((x) => x.name === jail);
    const ip4 = j?.ip4 ?? [];
    const ip6 = (j?.params['ip6.addr'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return { ip4, ip6 };
  }
  return {
    ip4: interfacesIn(state, vnet).flatMap((i) => i.inet.map((a) => a.addr)),
    ip6: interfacesIn(state, vnet).flatMap((i) => i.inet6.map((a) => a.addr.replace(/%.*$/, ''))),
  };
}

/** The host's (or jail's) primary IPv4: first non-loopback address. */
export function primaryAddress(state: SimState, jail: string | undefined): string | undefined {
  const { ip4 } = localAddresses(state, jail);
  return ip4.find((a) => !a.startsWith('127.')) ?? ip4[0];
}

export type BindError = 'EADDRNOTAVAIL' | 'EADDRINUSE' | 'EAFNOSUPPORT';

export const BIND_STRERROR: Record<BindError, string> = {
  EADDRNOTAVAIL: "Can't assign requested address",
  EADDRINUSE: 'Address already in use',
  EAFNOSUPPORT: 'Address family not supported by protocol family',
};

/**
 * bind(2) for one socket. `taken` holds sockets already bound on the host
 * (every process, every jail: one network stack).
 */
export function bindOne(
  state: SimState,
  jail: string | undefined,
  want: ListenSpec,
  taken: ListenSpec[],
): ListenSpec | BindError {
  const v6 = want.proto.endsWith('6');
  const local = localAddresses(state, jail);
  const mine = v6 ? local.ip6 : local.ip4;
  let addr = want.addr;
  if (jail !== undefined) {
    if (mine.length === 0) return 'EAFNOSUPPORT';
    if (addr === '*' && mine.length === 1) addr = mine[0]!;
  }
  if (addr !== '*' && !mine.includes(addr)) return 'EADDRNOTAVAIL';
  const clash = taken.some((t) => t.proto === want.proto && t.port === want.port && t.addr === addr);
  if (clash) return 'EADDRINUSE';
  return { proto: want.proto, addr, port: want.port };
}

/** Every socket currently bound by a running process. */
export function boundSockets(state: SimState, exceptPid?: number): ListenSpec[] {
  return state.processes.filter((p) => p.pid !== exceptPid).flatMap((p) => p.listeners);
}

/** Resolve a host name the way the daemons' getaddrinfo would: literals, localhost, /etc/hosts, own name. */
export function resolveHost(
  hostsText: string | undefined,
  name: string,
  self: { hostname: string; address?: string },
): { ip4: string[]; ip6: string[] } | undefined {
  if (isIPv4(name)) return { ip4: [name], ip6: [] };
  if (name.includes(':')) return { ip4: [], ip6: [name] };
  const ip4: string[] = [];
  const ip6: string[] = [];
  for (const raw of (hostsText ?? '').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [addr, ...names] = line.split(/\s+/);
    if (!addr || !names.includes(name)) continue;
    (addr.includes(':') ? ip6 : ip4).push(addr);
  }
  if (ip4.length || ip6.length) return { ip4, ip6 };
  if (name === 'localhost') return { ip4: ['127.0.0.1'], ip6: ['::1'] };
  const short = self.hostname.split('.')[0];
  if ((name === self.hostname || name === short) && self.address) return { ip4: [self.address], ip6: [] };
  return undefined;
}

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
