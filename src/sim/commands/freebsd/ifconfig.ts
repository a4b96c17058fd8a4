/**
 * ifconfig(8): listing in FreeBSD 14 format, `-l`, and IPv4 alias add/remove
 * in the forms jailfleet and the handbook use (freebsd.md §8, §11):
 * `IF alias A/32`, `IF inet A/32 alias`, `IF inet A netmask M alias`,
 * `IF inet A -alias`, `IF -alias A`, `IF inet A delete`; cloned interfaces
 * (`create`, `destroy`, `up`, `down`: ifconfig-clone.ts), bridge members
 * (`addm`, `deletem`: ifconfig-bridge.ts) and vnet moves (`vnet JAIL`,
 * `-vnet JAIL`: ifconfig-vnet.ts). A process in a vnet jail sees and
 * changes its jail's interfaces; in any other jail it sees the host's and
 * may change nothing.
 */
import type { SimCommand, SimInterface, SimState } from '../../types.js';
import { isIPv4 } from '../../rc/addresses.js';
import { bridgeMember } from './ifconfig-bridge.js';
import { cloneCreate, cloneDestroy } from './ifconfig-clone.js';
import { describeInterface } from './ifconfig-describe.js';
import { findInterface, interfacesIn, isVnetJail, vnetOf } from './ifconfig-vnet.js';
import { vnetMove, vnetReturn } from './ifconfig-vnet-cmd.js';
import { Output } from './output.js';

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

/** Words that act on the interface itself rather than its address (each with how many arguments it takes). */
const LINK_WORDS: Record<string, number> = { up: 0, down: 0, destroy: 0, addm: 1, deletem: 1, vnet: 1, '-vnet': 1 };

/** One link word on `iface`; ifconfig's error text on failure, 'destroyed' when the interface is gone. */
function linkWord(state: SimState, iface: SimInterface, word: string, arg: string | undefined): string | undefined {
  if (LINK_WORDS[word] === 1 && arg === undefined) return `ifconfig: '${word}' requires argument`;
  if (word === 'up' || word === 'down') {
    if (iface.cloner) iface.up = word === 'up';
    return undefined;
  }
  if (word === 'destroy') return cloneDestroy(state, iface) ?? 'destroyed';
  if (word === 'addm' || word === 'deletem') return bridgeMember(state, iface, word, arg!);
  return vnetMove(state, iface, arg!);
}

/** Apply the link words in order; the rest are address arguments for change(). */
function linkWords(state: SimState, iface: SimInterface, args: string[], out: Output): { code: number; rest: string[]; destroyed: boolean } {
  const rest: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const word = args[k]!;
    const arity = LINK_WORDS[word];
    if (arity === undefined) {
      rest.push(word);
      continue;
    }
    const err = linkWord(state, iface, word, args[k + 1]);
    k += arity;
    if (err === 'destroyed') return { code: 0, rest: [], destroyed: true };
    if (err) {
      out.err(`${err}\n`);
      return { code: 1, rest, destroyed: false };
    }
  }
  return { code: 0, rest, destroyed: false };
}

export const ifconfig: SimCommand = (ctx) => {
  const out = new Output();
  const args = ctx.argv.slice(1);
  const state = ctx.host.state;
  const vnet = vnetOf(state, ctx.jail);
  const ifaces = interfacesIn(state, vnet);
  if (args[0] === '-l') return out.out(`${ifaces.map((i) => i.name).join(' ')}\n`).result(0);
  if (args.length === 0 || args[0] === '-a') {
    for (const i of ifaces) out.out(describeInterface(state, i));
    return out.result(0);
  }
  let name = args[0]!;
  let rest = args.slice(1);
  // A jail without a vnet of its own may not change the host's interfaces.
  const mayChange = ctx.jail === undefined || isVnetJail(state, ctx.jail);
  // main(): `create` and `-vnet` are special-cased before the interface is looked up.
  if (rest[0] === 'create' || rest[0] === 'plumb') {
    if (!mayChange) return out.err(`ifconfig: SIOCIFCREATE2 (${name}): Operation not permitted\n`).result(1);
    const made = cloneCreate(state, vnet, name);
    if (typeof made === 'string') return out.err(`${made}\n`).result(1);
    name = made.name;
    rest = rest.slice(1);
    if (made.print) out.out(`${name}\n`);
    if (rest.length === 0) return out.result(0);
  }
  if (rest[0] === '-vnet') {
    if (ctx.jail !== undefined) return out.err('ifconfig: SIOCSIFRVNET: Operation not permitted\n').result(1);
    if (rest[1] === undefined) return out.err("ifconfig: '-vnet' requires argument\n").result(1);
    const err = vnetReturn(state, name, rest[1]);
    return err ? out.err(`${err}\n`).result(1) : out.result(0);
  }
  const iface = findInterface(state, vnet, name);
  if (!iface) return out.err(`ifconfig: interface ${name} does not exist\n`).result(1);
  if (rest.length === 0) return out.out(describeInterface(state, iface)).result(0);
  if (!mayChange) {
    return out.err('ifconfig: ioctl (SIOCAIFADDR): permission denied\n').result(1);
  }
  const link = linkWords(state, iface, rest, out);
  if (link.code !== 0 || link.destroyed) return out.result(link.code);
  return out.result(change(iface, link.rest, out));
};
