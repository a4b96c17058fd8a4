/**
 * Every interface's IPv4 addresses (`ifconfig -a`): jls knows a jail's
 * addresses but not the interface jail(8) put them on, so a stop from the
 * running state finds each one here. Addresses are listed in the order the
 * interface got them: the first is the interface's own.
 */
import { FactParseError } from '../facts/fact-parse-error.js';
import { NET } from '../scopes.js';
import type { FactSpec } from '../types.js';

export interface HostInet {
  addr: string;
  prefix: number;
}

export interface HostInterface {
  name: string;
  inet: HostInet[];
  /** A bridge's members (if_bridge(4): "\tmember: IF flags=..."). */
  members: string[];
}

const KEY = 'ifconfig-all::';

function prefixOf(hexMask: string): number {
  const n = parseInt(hexMask, 16) >>> 0;
  let len = 0;
  while (len < 32 && n & (0x80000000 >>> len)) len++;
  return len;
}

export function interfacesFact(): FactSpec<HostInterface[]> {
  return {
    key: KEY,
    command: 'ifconfig -a',
    parse(out) {
      if (out.code !== 0) throw new FactParseError(KEY, 'ifconfig -a failed', out);
      const list: HostInterface[] = [];
      for (const line of out.stdout.split('\n')) {
        const head = /^([A-Za-z][A-Za-z0-9_.]*): flags=/.exec(line);
        if (head?.[1]) {
          list.push({ name: head[1], inet: [], members: [] });
          continue;
        }
        const member = /^\s+member: ([A-Za-z][A-Za-z0-9_.]*) flags=/.exec(line);
        if (member?.[1]) list[list.length - 1]?.members.push(member[1]);
        const inet = /^\s+inet (\d+\.\d+\.\d+\.\d+) netmask 0x([0-9a-fA-F]{8})\b/.exec(line);
        const current = list[list.length - 1];
        if (inet?.[1] && inet[2] && current) current.inet.push({ addr: inet[1], prefix: prefixOf(inet[2]) });
      }
      return list;
    },
    reads: [NET],
  };
}

/** Where an address is configured: each interface holding it, and whether it is that interface's first. */
export function holdersOf(ifaces: HostInterface[], addr: string): Array<{ iface: string; prefix: number; first: boolean }> {
  return ifaces.flatMap((i) => {
    const at = i.inet.findIndex((x) => x.addr === addr);
    return at < 0 ? [] : [{ iface: i.name, prefix: i.inet[at]!.prefix, first: at === 0 }];
  });
}
